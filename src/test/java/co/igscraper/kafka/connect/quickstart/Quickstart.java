package co.igscraper.kafka.connect.quickstart;

import co.igscraper.kafka.connect.config.IgScraperSourceConfig;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.it.ProcessCluster;
import co.igscraper.kafka.connect.it.WorkerDistribution;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code ./quickstart.sh} runs: the API simulator (or the real API) in this JVM; a KRaft
 * broker and a stock Connect worker as processes, the worker loading the plugin archive from its
 * {@code plugin.path}; the connector deployed through REST; and a live view of what it streams.
 */
public final class Quickstart {
  static final String SIMULATOR_KEY = "demo-key";

  /**
   * Where the quickstart keeps its broker's data, the processes' logs and the plugin ({@code
   * -Dquickstart.home} moves it, for tests).
   */
  static final Path HOME = Path.of(System.getProperty("quickstart.home", "target/quickstart"));

  static final String CLUSTER_DIR = "cluster";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a run ended: the rows read, and whether every job is done and none stopped. */
  record Outcome(long rows, boolean allDone, boolean anyStopped) {}

  private final QuickstartOptions options;
  private final PrintStream out;
  private final Path home;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final long started = System.nanoTime();
  private volatile boolean stopRequested;

  private Quickstart(QuickstartOptions options, PrintStream out, Path home) {
    this.options = options;
    this.out = out;
    this.home = home.toAbsolutePath();
  }

  public static void main(String[] args) {
    QuickstartOptions options;
    try {
      options = QuickstartOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(QuickstartOptions.usage());
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.println(QuickstartOptions.usage());
      return;
    }
    try {
      if (options.print()) {
        TopicPrinter.print(HOME, options.printTopics(), System.out);
        System.exit(0);
      }
      // The first Ctrl-C (or SIGTERM) stops the run between steps and then the worker, broker and
      // simulator, so the broker keeps its data; a terminal's Ctrl-C reaches the broker and worker
      // too, which stop on it by themselves. A second one ends the quickstart at once.
      for (String signal : new String[] {"INT", "TERM"}) {
        sun.misc.Signal.handle(
            new sun.misc.Signal(signal),
            s -> {
              if (current == null || current.stopRequested) {
                Runtime.getRuntime().halt(130);
              }
              requestStopOfCurrent();
            });
      }
      Outcome outcome = run(options, System.out, HOME);
      boolean ok =
          options.interactive()
              || outcome.rows() >= options.exitAfterRows()
              || (outcome.allDone() && !outcome.anyStopped());
      System.exit(ok ? 0 : 1);
    } catch (Exception e) {
      System.err.println("quickstart failed: " + e.getMessage());
      System.exit(1);
    }
  }

  private static volatile Quickstart current;

  /** What Ctrl-C does: wakes the running quickstart, which then stops everything in order. */
  static void requestStopOfCurrent() {
    Quickstart quickstart = current;
    if (quickstart != null) {
      quickstart.stopRequested = true;
    }
  }

  /** Runs until Ctrl-C, or until {@code exitAfterRows} rows arrived or every job is done. */
  static Outcome run(QuickstartOptions options, PrintStream out, Path home) throws Exception {
    Quickstart quickstart = new Quickstart(options, out, home);
    current = quickstart;
    Thread hook = new Thread(quickstart::stopFromShutdownHook, "quickstart-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return quickstart.runUntilStopped();
    } finally {
      current = null;
      quickstart.finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it is waiting for the countDown above.
      }
    }
  }

  /** The JVM is exiting another way: stop in order, as far as the other hooks allow. */
  private void stopFromShutdownHook() {
    stopRequested = true;
    try {
      finished.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Outcome runUntilStopped() throws Exception {
    JsonNode payload = JSON.readTree(options.config().toFile());
    String name = payload.path("name").asText();
    Map<String, String> config = new LinkedHashMap<>();
    payload
        .path("config")
        .fields()
        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    IgScraperSimulator simulator = null;
    ProcessCluster cluster = null;
    try {
      if (options.api() == null) {
        simulator = startSimulator();
        config.put(IgScraperSourceConfig.API_URL_CONFIG, simulator.baseUrl());
        config.put(IgScraperSourceConfig.API_KEY_CONFIG, SIMULATOR_KEY);
        line("igscraper simulator", simulator.baseUrl() + "  (API key " + SIMULATOR_KEY + ")");
      } else {
        config.put(IgScraperSourceConfig.API_URL_CONFIG, options.api().url());
        config.put(IgScraperSourceConfig.API_KEY_CONFIG, options.api().key());
        line("igscraper API", options.api().url() + "  (IGSCRAPER_API_KEY is set)");
        line("", "the jobs in " + options.config() + " spend real credits");
      }
      out.println("starting a Kafka broker (KRaft) and a Connect worker, each its own process ...");
      cluster = startCluster();
      if (cluster == null) {
        return new Outcome(0, false, false);
      }
      String rest = cluster.restUrl();
      line("Kafka bootstrap", cluster.bootstrapServers());
      line("Connect REST", rest + "  (Kafka " + workerVersion(cluster) + ")");
      line("plugins on the worker", String.join(", ", plugins(cluster)));
      line("logs", home.resolve(CLUSTER_DIR).resolve("worker.log") + ", broker.log");

      IgScraperSourceConfig parsed = new IgScraperSourceConfig(config);
      Set<String> rowTopics = new LinkedHashSet<>();
      List<String> specNames = new ArrayList<>();
      for (JobSpec spec : parsed.jobSpecs()) {
        rowTopics.add(parsed.topicNamer().topicFor(spec));
        specNames.add(spec.name());
      }
      String eventsTopic = parsed.eventsTopic().orElse(null);
      List<String> topics = new ArrayList<>(rowTopics);
      if (eventsTopic != null) {
        topics.add(eventsTopic);
      }
      TopicPrinter.remember(home, cluster.bootstrapServers(), topics);
      if (stopRequested) {
        return new Outcome(0, false, false);
      }
      cluster.deploy(name, config);
      line("deployed connector", name + "  (PUT " + rest + "/connectors/" + name + "/config)");
      line("status", "curl -s " + rest + "/connectors/" + name + "/status");
      line("rows go to", String.join(", ", rowTopics));
      line(
          "job events go to",
          eventsTopic == null
              ? "(no igscraper.events.topic: the quickstart cannot tell when jobs are done)"
              : eventsTopic);
      out.println(
          options.interactive()
              ? "Ctrl-C stops everything."
              : "stopping after " + options.exitAfterRows() + " rows or when every job is done.");
      out.println();
      RunView view = new RunView(rowTopics, eventsTopic, specNames);
      ProcessCluster running = cluster;
      return new RunWatch(options, out, () -> stopRequested, started)
          .watch(running.bootstrapServers(), topics, view, () -> status(running, name));
    } finally {
      out.println("stopping ...");
      if (cluster != null) {
        cluster.close();
      }
      if (simulator != null) {
        simulator.close();
      }
      out.println("stopped; the records stay readable: ./quickstart.sh --print");
    }
  }

  private void line(String label, String value) {
    out.println(String.format("%-24s%s", label, value).stripTrailing());
  }

  private IgScraperSimulator startSimulator() {
    SimulatorConfig.Builder builder =
        SimulatorConfig.builder()
            .apiKeys(SIMULATOR_KEY)
            .queuedFor(Duration.ofSeconds(1))
            .processingFor(Duration.ofSeconds(3));
    try {
      return IgScraperSimulator.start(builder.port(options.simulatorPort()).build());
    } catch (UncheckedIOException portTaken) {
      out.println("port " + options.simulatorPort() + " is taken; the simulator uses a free port");
      return IgScraperSimulator.start(builder.port(0).build());
    }
  }

  /**
   * A fresh broker and a stock worker with the plugin archive on its plugin.path; null if stopped.
   */
  private ProcessCluster startCluster() throws IOException, InterruptedException {
    Files.createDirectories(home);
    Path classpathFile = home.resolve("worker.classpath");
    String workerClasspath;
    if (Files.exists(classpathFile)
        && Files.getLastModifiedTime(classpathFile)
                .compareTo(Files.getLastModifiedTime(WorkerDistribution.WORKER_POM))
            > 0) {
      workerClasspath = Files.readString(classpathFile).trim();
    } else {
      out.println("resolving a stock Connect worker with Maven (once) ...");
      workerClasspath = WorkerDistribution.classpath(WorkerDistribution.WORKER_POM, classpathFile);
    }
    if (stopRequested) {
      return null;
    }
    WorkerDistribution.fresh(home.resolve(CLUSTER_DIR));
    Path plugins =
        WorkerDistribution.unzipPluginArchive(WorkerDistribution.fresh(home.resolve("plugins")));
    return ProcessCluster.start(
        home.resolve(CLUSTER_DIR),
        false,
        "512m",
        Map.of("plugin.path", plugins.toString()),
        workerClasspath,
        List.of());
  }

  private static String workerVersion(ProcessCluster cluster) throws IOException {
    return JSON.readTree(cluster.rest("GET", "", null).body()).path("version").asText("?");
  }

  /** The connector classes {@code GET /connector-plugins} lists, with their versions. */
  static List<String> plugins(ProcessCluster cluster) throws IOException {
    List<String> plugins = new ArrayList<>();
    for (JsonNode p : JSON.readTree(cluster.rest("GET", "connector-plugins", null).body())) {
      plugins.add(p.path("class").asText() + " " + p.path("version").asText());
    }
    return plugins;
  }

  /** "connector RUNNING, tasks 0:RUNNING", from GET /connectors/{name}/status. */
  private static String status(ProcessCluster cluster, String name) {
    try {
      ProcessCluster.RestResponse response =
          cluster.rest("GET", "connectors/" + name + "/status", null);
      if (response.status() != 200) {
        return "connector status " + response.status();
      }
      JsonNode body = JSON.readTree(response.body());
      StringBuilder text =
          new StringBuilder("connector ").append(body.path("connector").path("state").asText());
      text.append(", tasks");
      for (JsonNode task : body.path("tasks")) {
        text.append(' ').append(task.path("id").asInt()).append(':');
        text.append(task.path("state").asText());
        if (task.hasNonNull("trace")) {
          String trace = task.get("trace").asText();
          text.append(" (").append(trace.lines().findFirst().orElse("")).append(')');
        }
      }
      if (body.path("tasks").isEmpty()) {
        text.append(" (none yet)");
      }
      return text.toString();
    } catch (IOException | UncheckedIOException e) {
      return "connector status unavailable (" + e.getMessage() + ")";
    }
  }
}
