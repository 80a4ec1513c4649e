package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The plugin archive in a stock Connect worker process of every Kafka line in {@code
 * src/test/compat/kafka-versions.txt}, on each JDK here: it loads from {@code plugin.path},
 * validate answers, every row arrives exactly once, a restarted worker resumes from the stored
 * offsets (no row again, no second job), {@code GET /offsets} shows them, and the metrics are
 * readable over JMX, as plugin metrics on 4.1+ and as the documented fallback before. It writes
 * what it saw to {@code target/compat/matrix.md}, from which the README's table is copied.
 */
class VersionMatrixIT {
  private static final String KEY = "matrix-key-2c71";
  private static final Path VERSIONS = Path.of("src", "test", "compat", "kafka-versions.txt");
  private static final Path WORK = Path.of("target", "compat");
  private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
  private static final int ROWS = 150;
  private static IgScraperSimulator sim;
  private static final List<String> results = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    sim = SimulatorFixture.fastSimulator(KEY);
    Files.createDirectories(WORK);
  }

  @AfterAll
  static void report() throws IOException {
    sim.close();
    if (results.isEmpty()) {
      return; // the matrix did not run: keep what it last showed
    }
    List<String> table = new ArrayList<>();
    table.add("Kafka Connect worker lines run by `VersionMatrixIT` on " + LocalDate.now() + ":");
    table.add("");
    table.add("| Kafka | Java | Result | Delivery | Metrics | Seconds |");
    table.add("|---|---|---|---|---|---|");
    table.addAll(results);
    Files.write(WORK.resolve("matrix.md"), table);
  }

  @TestFactory
  Stream<DynamicTest> everyLineOnEveryJdk() throws IOException {
    List<Path> jdks = new ArrayList<>();
    jdks.add(Path.of(System.getProperty("java.home")));
    // Java 17 runs Maven here; the matrix also needs the Temurin 25 JDK the README lists.
    assertTrue(
        Files.isExecutable(TEMURIN_25.resolve("bin").resolve("java")), "no JDK at " + TEMURIN_25);
    if (!TEMURIN_25.toRealPath().equals(jdks.get(0).toRealPath())) {
      jdks.add(TEMURIN_25);
    }
    List<DynamicTest> tests = new ArrayList<>();
    List<String> versions = versions();
    for (int line = 0; line < versions.size(); line++) {
      String version = versions.get(line);
      for (int i = 0; i < jdks.size(); i++) {
        Path jdk = jdks.get(i);
        String java = javaVersion(jdk);
        // Both delivery modes on every line: exactly-once on Maven's JDK, at-least-once on
        // Temurin 25, so the matrix stays one run per line and JDK. With one JDK, lines alternate.
        boolean exactlyOnce = jdks.size() == 1 ? line % 2 == 0 : i == 0;
        tests.add(
            DynamicTest.dynamicTest(
                "Kafka " + version + " on Java " + java + (exactlyOnce ? ", exactly-once" : ""),
                () -> runLine(version, jdk, java, exactlyOnce)));
      }
    }
    return tests.stream();
  }

  private static void runLine(String version, Path jdk, String java, boolean exactlyOnce)
      throws Exception {
    long started = System.nanoTime();
    String line = version.replace('.', '-') + "-java" + java;
    Path dir = WorkerDistribution.fresh(WORK.resolve(line));
    boolean kafka3 = version.startsWith("3.");
    String classpath = WorkerDistribution.classpathOf(version, WORK);
    Path plugins = WorkerDistribution.unzipPluginArchive(dir.resolve("plugins"));
    int jmxPort = freePort();
    List<String> jvm = new ArrayList<>(jmx(jmxPort));
    if (kafka3) {
      Path log4j = dir.resolve("log4j.properties");
      Files.writeString(
          log4j,
          "log4j.rootLogger=INFO, file\n"
              + "log4j.appender.file=org.apache.log4j.FileAppender\n"
              + "log4j.appender.file.File="
              + dir.resolve("cluster").resolve("worker.log").toAbsolutePath()
              + "\nlog4j.appender.file.layout=org.apache.log4j.PatternLayout\n"
              + "log4j.appender.file.layout.ConversionPattern=%d %p [%t] %c - %m%n\n");
      jvm.add("-Dlog4j.configuration=file:" + log4j.toAbsolutePath());
    }
    String name = "matrix-" + line;
    String user = "u-" + line;
    String topic = name + ".rows";
    try (ProcessCluster cluster =
        ProcessCluster.start(
            dir.resolve("cluster"),
            exactlyOnce,
            "384m",
            Map.of("plugin.path", plugins.toString()),
            classpath,
            jvm,
            jdk)) {
      JsonNode root = ConnectFixture.JSON.readTree(cluster.rest("GET", "", null).body());
      assertEquals(version, root.path("version").asText(), "the worker runs Kafka " + version);
      String plugins1 = cluster.rest("GET", "connector-plugins", null).body();
      assertTrue(plugins1.contains(IgScraperSourceConnector.class.getName()), plugins1);

      String jobs =
          "["
              + spec(
                  "m",
                  user,
                  "followers",
                  "{\"usernames\":[\"nasa\"],\"max_followers\":" + ROWS + "}")
              + "]";
      Map<String, String> props = new HashMap<>(SimulatorFixture.unlimitedProps(sim, KEY, jobs));
      props.put("topic", topic);
      props.put("tasks.max", "1");
      props.put("name", name);
      if (exactlyOnce) {
        props.put("exactly.once.support", "required");
      }

      // validate answers, in the one message form.
      Map<String, String> bad = new HashMap<>(props);
      bad.put("igscraper.page.size", "500");
      ProcessCluster.RestResponse validated =
          cluster.rest(
              "PUT",
              "connector-plugins/IgScraperSourceConnector/config/validate",
              ConnectFixture.JSON.writeValueAsString(bad));
      assertEquals(200, validated.status(), validated.body());
      JsonNode answer = ConnectFixture.JSON.readTree(validated.body());
      assertEquals(1, answer.path("error_count").asInt(), validated.body());
      assertTrue(
          validated.body().contains("igscraper.page.size must be from 1 to 200, got 500."),
          validated.body());

      cluster.deploy(name, props);
      cluster.awaitRunning(name, 1, Duration.ofSeconds(60));
      Duration minute = Duration.ofSeconds(60);
      ConnectFixture.readTopic(cluster.bootstrapServers(), topic, ROWS, minute, minute);

      String metrics = readMetrics(jmxPort, name);
      boolean pluginMetrics = !kafka3 && !version.startsWith("4.0.");
      assertEquals(
          pluginMetrics ? "plugin metrics" : "JMX fallback",
          metrics,
          "plugin metrics (KIP-877) from 4.1 on, the fallback before");

      // An orderly restart: the task commits its offsets, the new one reads them back. Lost
      // offsets would replay the job (the same idempotency key) and read its pages again.
      long replays = sim.stats().replays();
      long requests = sim.stats().totalRequests();
      cluster.stopWorker();
      cluster.startWorker();
      cluster.awaitRunning(name, 1, Duration.ofSeconds(90));
      ProcessCluster.RestResponse offsets =
          cluster.rest("GET", "connectors/" + name + "/offsets", null);
      assertEquals(200, offsets.status(), offsets.body());
      assertTrue(offsets.body().contains("\"spec\":\"m\""), offsets.body());
      assertEquals(
          ROWS,
          ConnectFixture.readTopic(
                  cluster.bootstrapServers(),
                  topic,
                  Integer.MAX_VALUE,
                  Duration.ofSeconds(3),
                  minute)
              .size(),
          "every row once, none again after the restart");
      assertEquals(1, sim.stats().jobsCreatedFor(user), "one job across the restart");
      assertEquals(replays, sim.stats().replays(), "no submit replayed after the restart");
      assertEquals(requests, sim.stats().totalRequests(), "no API call after the restart");
      String log = Files.readString(dir.resolve("cluster").resolve("worker.log"));
      // The connector's threads carry its name (task-thread-<name>-0, igscraper-io-<name>-0).
      List<String> errors =
          log.lines().filter(l -> l.contains(" ERROR ") && l.contains(name)).toList();
      assertEquals(List.of(), errors, "no errors from the connector in the worker's log");
      assertTrue(log.contains(name), "the worker's log names the connector");
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      results.add(
          "| "
              + version
              + " | "
              + java
              + " | streams, resumes, validates | "
              + (exactlyOnce ? "exactly-once" : "at-least-once")
              + " | "
              + metrics
              + " | "
              + seconds
              + " |");
    } catch (Throwable e) {
      results.add(
          "| "
              + version
              + " | "
              + java
              + " | FAILED: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + " | "
              + (exactlyOnce ? "exactly-once" : "at-least-once")
              + " | | |");
      throw e;
    }
  }

  /**
   * The connector's code compiles against the Connect API of the oldest line, so a call to a method
   * older workers lack fails here, not in a user's worker. {@code PluginMetricsHost} is the one
   * class that uses a newer API (plugin metrics, 4.1+) on purpose; it comes in compiled, and the
   * code around it catches the {@link LinkageError} it throws on older workers.
   */
  @Test
  void theConnectorCompilesAgainstTheOldestLinesApi() throws Exception {
    String oldest = versions().get(0);
    String workerJars = WorkerDistribution.classpathOf(oldest, WORK);
    Path newerApi = WORK.resolve("newer-api-classes");
    Path host = Path.of("co", "igscraper", "kafka", "connect", "source", "PluginMetricsHost.class");
    Files.createDirectories(newerApi.resolve(host).getParent());
    Files.copy(
        Path.of("target", "classes").resolve(host),
        newerApi.resolve(host),
        StandardCopyOption.REPLACE_EXISTING);
    List<String> sources;
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      sources =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.getFileName().toString().equals("PluginMetricsHost.java"))
              .map(Path::toString)
              .toList();
    }
    String pluginJars;
    try (Stream<Path> jars =
        Files.list(Path.of("target", "connect-plugin", "kafka-connect-igscraper"))) {
      pluginJars =
          jars.map(Path::toString)
              .filter(j -> j.endsWith(".jar") && !j.contains("kafka-connect-igscraper-"))
              .collect(Collectors.joining(File.pathSeparator));
    }
    Path out = WORK.resolve("compiled-against-" + oldest);
    Files.createDirectories(out);
    // The plugin's own jars first: at run time they load from its own classloader, before the
    // worker's (older Jackson, for one).
    List<String> options =
        List.of(
            "--release",
            "17",
            "-proc:none",
            "-nowarn",
            "-d",
            out.toString(),
            "-cp",
            String.join(File.pathSeparator, pluginJars, workerJars, newerApi.toString()));
    StringWriter diagnostics = new StringWriter();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    boolean compiled;
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      compiled =
          javac
              .getTask(
                  diagnostics,
                  files,
                  null,
                  options,
                  null,
                  files.getJavaFileObjectsFromStrings(sources))
              .call();
    }
    assertTrue(
        compiled,
        () ->
            "the connector does not compile against Kafka "
                + oldest
                + "'s Connect API:\n"
                + diagnostics);
  }

  /**
   * The task's {@code rows-emitted}, read over JMX from the worker process: under Kafka's plugin
   * metrics MBean on workers that have them (4.1+), else under the connector's own.
   */
  private static String readMetrics(int port, String connector) throws Exception {
    JMXServiceURL url =
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    ObjectName plugin =
        new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",task=0");
    ObjectName fallback =
        new ObjectName(
            "co.igscraper.kafka.connect:type=task-metrics,connector=" + connector + ",task=0");
    try (JMXConnector jmx = JMXConnectorFactory.connect(url)) {
      MBeanServerConnection server = jmx.getMBeanServerConnection();
      ObjectName found = server.isRegistered(plugin) ? plugin : fallback;
      long rows = ((Number) server.getAttribute(found, "rows-emitted")).longValue();
      assertEquals(ROWS, rows, "rows-emitted of " + found);
      return found == plugin ? "plugin metrics" : "JMX fallback";
    }
  }

  private static List<String> jmx(int port) {
    return List.of(
        "-Dcom.sun.management.jmxremote.port=" + port,
        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
        "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false",
        "-Djava.rmi.server.hostname=127.0.0.1");
  }

  private static List<String> versions() throws IOException {
    return Files.readAllLines(VERSIONS).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  private static String javaVersion(Path jdk) throws IOException {
    Path release = jdk.resolve("release");
    if (Files.exists(release)) {
      for (String l : Files.readAllLines(release)) {
        if (l.startsWith("JAVA_VERSION=")) {
          String v = l.substring("JAVA_VERSION=".length()).replace("\"", "");
          return v.split("\\.")[0];
        }
      }
    }
    return Integer.toString(Runtime.version().feature());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
