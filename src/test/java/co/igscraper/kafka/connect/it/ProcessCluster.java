package co.igscraper.kafka.connect.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker and a distributed-mode Connect worker, each its own JVM. The broker
 * runs from the test classpath; the worker does too (finding the connector there with {@code
 * plugin.discovery=service_load}) unless given a stock worker's classpath and a {@code
 * plugin.path}. Unlike the in-process cluster, the worker can be killed with SIGKILL and restarted
 * on the same internal topics, and a broker can be started again on the data of an earlier one.
 */
public final class ProcessCluster implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path dir;
  private final String classpath;
  private final String workerClasspath;
  private final List<String> workerJvmArgs;
  private final Path workerJava;
  private final boolean exactlyOnce;
  private final String workerHeap;
  private final Map<String, String> extraWorkerProps;
  private final int brokerPort;
  private final int controllerPort;
  private final int restPort;
  private Process broker;
  private Process worker;
  private int workerStarts;

  private ProcessCluster(
      Path dir,
      boolean exactlyOnce,
      String workerHeap,
      Map<String, String> extraWorkerProps,
      String workerClasspath,
      List<String> workerJvmArgs,
      Path workerJavaHome) {
    this.dir = dir.toAbsolutePath();
    this.classpath = testClasspath();
    this.workerClasspath = workerClasspath == null ? classpath : workerClasspath;
    this.workerJvmArgs = List.copyOf(workerJvmArgs);
    this.workerJava = javaIn(workerJavaHome);
    this.exactlyOnce = exactlyOnce;
    this.workerHeap = workerHeap;
    this.extraWorkerProps = extraWorkerProps;
    this.brokerPort = freePort();
    this.controllerPort = freePort();
    this.restPort = freePort();
  }

  /**
   * Starts a broker on fresh storage (an earlier one's in {@code dir} is deleted), then the worker,
   * and waits for its REST API. {@code workerHeap} is the worker's {@code -Xmx}, e.g. {@code 256m}.
   */
  public static ProcessCluster start(
      Path dir, boolean exactlyOnce, String workerHeap, Map<String, String> extraWorkerProps) {
    return start(dir, exactlyOnce, workerHeap, extraWorkerProps, null, List.of());
  }

  /**
   * As above, with the worker on another classpath (e.g. an older Kafka release) and extra JVM
   * arguments; the broker always runs from the test classpath.
   */
  public static ProcessCluster start(
      Path dir,
      boolean exactlyOnce,
      String workerHeap,
      Map<String, String> extraWorkerProps,
      String workerClasspath,
      List<String> workerJvmArgs) {
    return start(
        dir, exactlyOnce, workerHeap, extraWorkerProps, workerClasspath, workerJvmArgs, null);
  }

  /** As above, with the worker on the JDK in {@code workerJavaHome} (null: this JVM's). */
  public static ProcessCluster start(
      Path dir,
      boolean exactlyOnce,
      String workerHeap,
      Map<String, String> extraWorkerProps,
      String workerClasspath,
      List<String> workerJvmArgs,
      Path workerJavaHome) {
    return new ProcessCluster(
            dir,
            exactlyOnce,
            workerHeap,
            extraWorkerProps,
            workerClasspath,
            workerJvmArgs,
            workerJavaHome)
        .started(true);
  }

  /**
   * Starts only the broker, on the data {@code dir} holds from an earlier start if there is any (to
   * read its topics again), or on new storage.
   */
  public static ProcessCluster startBroker(Path dir) {
    return new ProcessCluster(dir, false, "256m", Map.of(), null, List.of(), null).started(false);
  }

  /** {@code withWorker}: a new cluster on fresh storage; otherwise a broker on what dir holds. */
  private ProcessCluster started(boolean withWorker) {
    try {
      Files.createDirectories(dir);
      if (withWorker) {
        WorkerDistribution.fresh(dir.resolve("kraft-logs"));
      }
      startBroker();
      if (withWorker) {
        startWorker();
      }
      return this;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public Process worker() {
    return worker;
  }

  /** The worker's REST base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  public Path dir() {
    return dir;
  }

  private void startBroker() throws IOException {
    Path props = dir.resolve("server.properties");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", dir.resolve("kraft-logs").toString());
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "true");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // A killed worker's open transaction blocks read_committed readers (the restarted worker reads
    // its offsets topic that way) until it times out; check for that every second, not every 10.
    p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    // Lets the restarted worker's group forget the killed one within a second or two.
    p.put("group.min.session.timeout.ms", "1000");
    writeProps(props, p);
    Path log4j = dir.resolve("log4j2-broker.xml");
    Files.writeString(log4j, log4jConfig(dir.resolve("broker.log")));
    List<String> jvm = List.of("-Dlog4j2.configurationFile=" + log4j);
    // Storage formatted by an earlier start keeps its topics; the listeners may change ports.
    if (!Files.exists(dir.resolve("kraft-logs").resolve("meta.properties"))) {
      format(props, jvm);
    }
    broker =
        java("512m", jvm, "kafka.Kafka", List.of(props.toString()))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.out").toFile()))
            .redirectErrorStream(true)
            .start();
    awaitPort(brokerPort, broker, "broker");
  }

  private void format(Path props, List<String> jvm) throws IOException {
    String clusterId = Uuid.randomUuid().toString();
    Process format =
        java(
                "256m",
                jvm,
                "kafka.tools.StorageTool",
                List.of("format", "-t", clusterId, "-c", props.toString()))
            .redirectOutput(dir.resolve("format.log").toFile())
            .redirectErrorStream(true)
            .start();
    try {
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        throw new IllegalStateException(
            "kafka storage format failed: " + Files.readString(dir.resolve("format.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts (or restarts) the worker and waits until its REST API answers. */
  public void startWorker() {
    workerStarts++;
    try {
      Path props = dir.resolve("worker.properties");
      Map<String, String> p = new LinkedHashMap<>();
      p.put("bootstrap.servers", bootstrapServers());
      p.put("group.id", "igscraper-proc-connect");
      p.put("listeners", "http://127.0.0.1:" + restPort);
      p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
      p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
      p.put("key.converter.schemas.enable", "true");
      p.put("value.converter.schemas.enable", "true");
      p.put("config.storage.topic", "proc-configs");
      p.put("offset.storage.topic", "proc-offsets");
      p.put("status.storage.topic", "proc-status");
      p.put("config.storage.replication.factor", "1");
      p.put("offset.storage.replication.factor", "1");
      p.put("status.storage.replication.factor", "1");
      p.put("offset.storage.partitions", "1");
      p.put("status.storage.partitions", "1");
      p.put("offset.flush.interval.ms", "1000");
      p.put("plugin.discovery", "service_load");
      // A killed worker's membership lapses quickly, so the restarted one gets its tasks at once.
      p.put("session.timeout.ms", "3000");
      p.put("heartbeat.interval.ms", "1000");
      p.put("scheduled.rebalance.max.delay.ms", "1000");
      if (exactlyOnce) {
        p.put("exactly.once.source.support", "enabled");
      }
      p.putAll(extraWorkerProps);
      writeProps(props, p);
      Path log4j = dir.resolve("log4j2-worker.xml");
      Files.writeString(log4j, log4jConfig(dir.resolve("worker.log")));
      List<String> jvm = new ArrayList<>();
      jvm.add("-Dlog4j2.configurationFile=" + log4j);
      jvm.add("-Xlog:gc:file=" + dir.resolve("worker-gc-" + workerStarts + ".log"));
      jvm.addAll(workerJvmArgs);
      worker =
          java(
                  workerJava,
                  workerClasspath,
                  workerHeap,
                  jvm,
                  "org.apache.kafka.connect.cli.ConnectDistributed",
                  List.of(props.toString()))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("worker.out").toFile()))
              .redirectErrorStream(true)
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        if (!worker.isAlive()) {
          throw new IllegalStateException(
              "worker exited with " + worker.exitValue() + "; see " + dir.resolve("worker.out"));
        }
        try {
          if (rest("GET", "connectors", null).status() == 200) {
            return;
          }
        } catch (UncheckedIOException e) {
          // Not listening yet.
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("worker REST API did not come up; see " + dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The GC log of the worker's latest start ({@code -Xlog:gc}). */
  public Path workerGcLog() {
    return dir.resolve("worker-gc-" + workerStarts + ".log");
  }

  /**
   * Kills the worker with SIGKILL ({@link Process#destroyForcibly()}) and returns its exit code,
   * 137 (128 + 9) on Linux when the signal did it.
   */
  public int killWorker() {
    worker.destroyForcibly();
    try {
      if (!worker.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("worker survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return worker.exitValue();
  }

  /** Stops the worker with SIGTERM, as an orderly shutdown does, and waits for it to exit. */
  public void stopWorker() {
    stop(worker);
  }

  /** A response of the worker's REST API. */
  public record RestResponse(int status, String body) {}

  /** Calls the worker's REST API, e.g. {@code rest("PUT", "connectors/x/config", json)}. */
  public RestResponse rest(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/" + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new RestResponse(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Deploys (or updates) a connector through {@code PUT /connectors/{name}/config}. */
  public void deploy(String name, Map<String, String> config) {
    String json;
    try {
      json = ConnectFixture.JSON.writeValueAsString(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    RestResponse last = null;
    while (System.nanoTime() < deadline) {
      // 409 while the worker is still joining its group or rebalancing.
      last = rest("PUT", "connectors/" + name + "/config", json);
      if (last.status() == 200 || last.status() == 201) {
        return;
      }
      if (last.status() == 400) {
        break;
      }
      sleep(250);
    }
    throw new IllegalStateException("deploy failed: " + last);
  }

  public void delete(String name) {
    rest("DELETE", "connectors/" + name, null);
  }

  /** True when the connector and {@code tasks} tasks report RUNNING. */
  public boolean isRunning(String name, int tasks) {
    try {
      RestResponse r = rest("GET", "connectors/" + name + "/status", null);
      if (r.status() != 200) {
        return false;
      }
      var node = ConnectFixture.JSON.readTree(r.body());
      if (!"RUNNING".equals(node.path("connector").path("state").asText())) {
        return false;
      }
      var taskArray = node.path("tasks");
      if (taskArray.size() != tasks) {
        return false;
      }
      for (var t : taskArray) {
        if (!"RUNNING".equals(t.path("state").asText())) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  public void awaitRunning(String name, int tasks, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (isRunning(name, tasks)) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException(
        name + " not RUNNING: " + rest("GET", "connectors/" + name + "/status", null));
  }

  @Override
  public void close() {
    stop(worker);
    stop(broker);
  }

  private static void stop(Process p) {
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  private ProcessBuilder java(
      String heap, List<String> jvmArgs, String mainClass, List<String> args) {
    return java(javaIn(null), classpath, heap, jvmArgs, mainClass, args);
  }

  private static Path javaIn(Path javaHome) {
    return (javaHome == null ? Path.of(System.getProperty("java.home")) : javaHome)
        .resolve("bin")
        .resolve("java");
  }

  private ProcessBuilder java(
      Path java,
      String cp,
      String heap,
      List<String> jvmArgs,
      String mainClass,
      List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.add("-Xmx" + heap);
    cmd.add("-XX:+UseG1GC");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add(mainClass);
    cmd.addAll(args);
    return new ProcessBuilder(cmd).directory(dir.toFile());
  }

  /**
   * The test classpath. Surefire and failsafe keep the real one in {@code java.class.path} even
   * when they launch through a manifest-only jar; an exec:java or plain java run has it there too.
   */
  public static String testClasspath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    // The processes run in their own directory: relative entries would not resolve there.
    return Arrays.stream(cp.split(File.pathSeparator))
        .filter(e -> !e.isBlank())
        .map(e -> Path.of(e).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static void awaitPort(int port, Process process, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(what + " exited with " + process.exitValue());
      }
      try (var socket = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        sleep(100);
      }
    }
    throw new IllegalStateException(what + " did not listen on " + port);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeProps(Path file, Map<String, String> props) throws IOException {
    Files.writeString(
        file,
        props.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"))
            + "\n");
  }

  private static String log4jConfig(Path logFile) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <Configuration status="WARN">
          <Appenders>
            <File name="file" fileName="%s" append="true">
              <PatternLayout pattern="%%d{HH:mm:ss.SSS} %%-5level [%%t] %%c{1} - %%msg%%n%%throwable"/>
            </File>
          </Appenders>
          <Loggers>
            <Logger name="co.igscraper" level="INFO"/>
            <Logger name="org.apache.kafka.connect" level="INFO"/>
            <Logger name="org.reflections" level="ERROR"/>
            <Root level="WARN"><AppenderRef ref="file"/></Root>
          </Loggers>
        </Configuration>
        """
        .formatted(logFile);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
