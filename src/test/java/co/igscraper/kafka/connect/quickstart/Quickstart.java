package co.igscraper.kafka.connect.quickstart;

import co.igscraper.kafka.connect.config.IgScraperSourceConfig;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * What {@code ./quickstart.sh} runs: the API simulator (or the real API), a KRaft broker and a
 * Connect worker in this JVM, the connector deployed through the worker's REST API, and a live view
 * of what it streams, until Ctrl-C or {@code --exit-after-rows N}.
 */
public final class Quickstart {
  static final String SIMULATOR_KEY = "demo-key";
  static final int SIMULATOR_PORT = 8089;
  static final Path DEFAULT_CONFIG = Path.of("config", "quickstart-followers.json");
  private static final Duration STATUS_EVERY = Duration.ofSeconds(2);
  private static final int SAMPLE_SIZE = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Command-line and environment options. */
  record Options(long exitAfterRows, Duration timeout, int simulatorPort, Path config, Api api) {

    /** The real API when {@code IGSCRAPER_API_KEY} is set, otherwise none (use the simulator). */
    record Api(String url, String key) {}

    static Options parse(String[] args, Map<String, String> env) {
      long exitAfter = Long.parseLong(env.getOrDefault("QUICKSTART_EXIT_AFTER_ROWS", "0"));
      long timeoutSeconds = 300;
      int port = SIMULATOR_PORT;
      Path config = DEFAULT_CONFIG;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--help") || flag.equals("-h")) {
          return null;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--exit-after-rows" -> exitAfter = Long.parseLong(value);
          case "--timeout-seconds" -> timeoutSeconds = Long.parseLong(value);
          case "--simulator-port" -> port = Integer.parseInt(value);
          case "--config" -> config = Path.of(value);
          default -> throw new IllegalArgumentException("unknown flag " + flag);
        }
      }
      String key = env.getOrDefault("IGSCRAPER_API_KEY", "").trim();
      Api api =
          key.isEmpty()
              ? null
              : new Api(
                  env.getOrDefault("IGSCRAPER_API_URL", IgScraperSourceConfig.API_URL_DEFAULT),
                  key);
      return new Options(exitAfter, Duration.ofSeconds(timeoutSeconds), port, config, api);
    }

    boolean interactive() {
      return exitAfterRows <= 0;
    }
  }

  private final Options options;
  private final PrintStream out;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  private Quickstart(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    if (options == null) {
      usage(System.out);
      return;
    }
    // Ctrl-C must stop the worker before the JVM shuts down: the broker's test kit deletes its
    // log folder in a shutdown hook of its own, which would race with an orderly stop.
    for (String signal : new String[] {"INT", "TERM"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> requestStopOfCurrent());
    }
    long rows;
    try {
      rows = run(options, System.out);
    } catch (Exception e) {
      System.err.println("quickstart failed: " + e);
      System.exit(1);
      return;
    }
    System.exit(options.interactive() || rows >= options.exitAfterRows() ? 0 : 1);
  }

  static void usage(PrintStream out) {
    out.println(
        String.join(
            "\n",
            "Usage: ./quickstart.sh [--exit-after-rows N] [--timeout-seconds S]"
                + " [--simulator-port P] [--config FILE]",
            "  Runs the igscraper simulator, a Kafka broker and a Connect worker in one JVM, deploys",
            "  config/quickstart-followers.json through the worker's REST API and shows the rows.",
            "  --exit-after-rows N   stop once N rows arrived (also QUICKSTART_EXIT_AFTER_ROWS);"
                + " 0 = run until Ctrl-C",
            "  --timeout-seconds S   with --exit-after-rows: give up after S seconds (default 300)",
            "  --simulator-port P    simulator port (default 8089, any free port if taken)",
            "  IGSCRAPER_API_KEY     set it to use the real API (spends credits) instead of the"
                + " simulator; IGSCRAPER_API_URL overrides the URL"));
  }

  private static volatile Quickstart current;

  private static void requestStopOfCurrent() {
    Quickstart quickstart = current;
    if (quickstart != null) {
      quickstart.requestStop();
    }
  }

  /** Runs until Ctrl-C, or until {@code exitAfterRows} rows arrived; returns the rows seen. */
  static long run(Options options, PrintStream out) throws Exception {
    Quickstart quickstart = new Quickstart(options, out);
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

  /** Wakes the main loop, which then stops the worker, broker and simulator. */
  private void requestStop() {
    stopRequested = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  /** The JVM is exiting another way: stop in order, as far as the other hooks allow. */
  private void stopFromShutdownHook() {
    requestStop();
    try {
      finished.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long runUntilStopped() throws Exception {
    JsonNode payload = JSON.readTree(options.config().toFile());
    String name = payload.path("name").asText();
    Map<String, String> config = new LinkedHashMap<>();
    payload
        .path("config")
        .fields()
        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));

    IgScraperSimulator simulator = null;
    EmbeddedConnectCluster connect = null;
    try {
      if (options.api() == null) {
        simulator = startSimulator();
        config.put(IgScraperSourceConfig.API_URL_CONFIG, simulator.baseUrl());
        config.put(IgScraperSourceConfig.API_KEY_CONFIG, SIMULATOR_KEY);
        out.println(
            "igscraper simulator     " + simulator.baseUrl() + "  (API key " + SIMULATOR_KEY + ")");
      } else {
        config.put(IgScraperSourceConfig.API_URL_CONFIG, options.api().url());
        config.put(IgScraperSourceConfig.API_KEY_CONFIG, options.api().key());
        out.println(
            "igscraper API           " + options.api().url() + "  (IGSCRAPER_API_KEY is set)");
        out.println(
            "                        the jobs in " + options.config() + " spend real credits");
      }
      out.println("starting Kafka (KRaft) and a Connect worker ...");
      connect = startConnect();
      if (stopRequested) {
        return 0;
      }
      String rest = stripSlash(connect.workers().iterator().next().url().toString());
      out.println("Kafka bootstrap         " + connect.kafka().bootstrapServers());
      out.println("Connect REST            " + rest);

      IgScraperSourceConfig parsed = new IgScraperSourceConfig(config);
      Set<String> rowTopics = new LinkedHashSet<>();
      for (JobSpec spec : parsed.jobSpecs()) {
        rowTopics.add(parsed.topicNamer().topicFor(spec));
      }
      String eventsTopic = parsed.eventsTopic().orElse(null);

      deploy(rest, name, config);
      out.println(
          "deployed connector      "
              + name
              + "  (PUT "
              + rest
              + "/connectors/"
              + name
              + "/config)");
      out.println("status                  curl -s " + rest + "/connectors/" + name + "/status");
      out.println("rows go to              " + String.join(", ", rowTopics));
      out.println(
          options.interactive()
              ? "Ctrl-C stops everything."
              : "stopping after " + options.exitAfterRows() + " rows.");
      out.println();
      return watch(connect, rest, name, rowTopics, eventsTopic);
    } finally {
      out.println("stopping ...");
      if (connect != null) {
        try {
          connect.stop();
        } catch (RuntimeException e) {
          out.println("worker stop failed: " + e.getMessage());
        }
      }
      if (simulator != null) {
        simulator.close();
      }
    }
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

  private static EmbeddedConnectCluster startConnect() {
    Map<String, String> workerProps = new HashMap<>();
    workerProps.put("plugin.discovery", "service_load");
    workerProps.put("offset.flush.interval.ms", "1000");
    workerProps.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    workerProps.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    workerProps.put("key.converter.schemas.enable", "true");
    workerProps.put("value.converter.schemas.enable", "true");
    Properties brokerProps = new Properties();
    brokerProps.put("auto.create.topics.enable", "true");
    brokerProps.put("transaction.state.log.replication.factor", "1");
    brokerProps.put("transaction.state.log.min.isr", "1");
    EmbeddedConnectCluster connect =
        new EmbeddedConnectCluster.Builder()
            .name("igscraper-quickstart")
            .numWorkers(1)
            .numBrokers(1)
            .workerProps(workerProps)
            .brokerProps(brokerProps)
            .build();
    connect.start();
    return connect;
  }

  /** PUT /connectors/{name}/config: creates the connector, or updates it. */
  private static void deploy(String rest, String name, Map<String, String> config)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(rest + "/connectors/" + name + "/config"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "deploying " + name + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Counts what arrives and prints a status line every 2 s; returns the rows seen. */
  private long watch(
      EmbeddedConnectCluster connect,
      String rest,
      String name,
      Set<String> rowTopics,
      String eventsTopic)
      throws InterruptedException {
    Set<String> topics = new LinkedHashSet<>(rowTopics);
    if (eventsTopic != null) {
      topics.add(eventsTopic);
    }
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "igscraper-quickstart-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A pattern subscription sees topics created after it only on a metadata refresh.
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
    HttpClient http = HttpClient.newHttpClient();
    long rows = 0;
    long events = 0;
    List<ConsumerRecord<byte[], byte[]>> sample = new ArrayList<>();
    boolean samplePrinted = false;
    long started = System.nanoTime();
    long deadline = started + options.timeout().toNanos();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer = c;
      c.subscribe(
          Pattern.compile(topics.stream().map(Pattern::quote).collect(Collectors.joining("|"))));
      long nextStatus = System.nanoTime();
      while (!stopRequested) {
        try {
          for (ConsumerRecord<byte[], byte[]> record : c.poll(Duration.ofMillis(200))) {
            if (rowTopics.contains(record.topic())) {
              rows++;
              if (sample.size() < SAMPLE_SIZE) {
                sample.add(record);
              }
            } else {
              events++;
            }
          }
        } catch (WakeupException e) {
          break;
        }
        long now = System.nanoTime();
        boolean done = !options.interactive() && rows >= options.exitAfterRows();
        if (now >= nextStatus || done) {
          out.printf(
              "[%4ds] %s | rows %d | job events %d%n",
              TimeUnit.NANOSECONDS.toSeconds(now - started),
              status(http, rest, name),
              rows,
              events);
          nextStatus = now + STATUS_EVERY.toNanos();
        }
        if (!samplePrinted && sample.size() == SAMPLE_SIZE) {
          printSample(sample);
          samplePrinted = true;
        }
        if (done) {
          out.println("got " + rows + " rows (wanted " + options.exitAfterRows() + ")");
          break;
        }
        if (!options.interactive() && now > deadline) {
          out.println(
              "timed out after "
                  + options.timeout().toSeconds()
                  + " s with "
                  + rows
                  + " of "
                  + options.exitAfterRows()
                  + " rows");
          break;
        }
      }
    } finally {
      consumer = null;
    }
    return rows;
  }

  /** "connector RUNNING, tasks 0:RUNNING", from GET /connectors/{name}/status. */
  private static String status(HttpClient http, String rest, String name)
      throws InterruptedException {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(rest + "/connectors/" + name + "/status"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return "connector status " + response.statusCode();
      }
      JsonNode body = JSON.readTree(response.body());
      StringBuilder text =
          new StringBuilder("connector ").append(body.path("connector").path("state").asText());
      text.append(", tasks");
      for (JsonNode task : body.path("tasks")) {
        text.append(' ')
            .append(task.path("id").asInt())
            .append(':')
            .append(task.path("state").asText());
        if (task.hasNonNull("trace")) {
          String trace = task.get("trace").asText();
          text.append(" (").append(trace.lines().findFirst().orElse("")).append(')');
        }
      }
      if (body.path("tasks").isEmpty()) {
        text.append(" (none yet)");
      }
      return text.toString();
    } catch (IOException e) {
      return "connector status unavailable (" + e.getMessage() + ")";
    }
  }

  private void printSample(List<ConsumerRecord<byte[], byte[]>> sample) {
    out.println();
    out.println("sample rows (JsonConverter payloads; null fields left out):");
    for (ConsumerRecord<byte[], byte[]> record : sample) {
      out.println(
          "  topic "
              + record.topic()
              + "  partition "
              + record.partition()
              + "  offset "
              + record.offset());
      out.println("    key   " + payloadText(record.key()));
      out.println("    value " + payloadText(record.value()));
    }
    out.println();
  }

  /** The {@code payload} of a JsonConverter envelope, without null fields. */
  static String payloadText(byte[] bytes) {
    if (bytes == null) {
      return "null";
    }
    try {
      JsonNode payload = JSON.readTree(bytes).path("payload");
      if (payload instanceof ObjectNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
          if (it.next().getValue().isNull()) {
            it.remove();
          }
        }
      }
      return JSON.writeValueAsString(payload);
    } catch (IOException e) {
      return "(not JSON: " + e.getMessage() + ")";
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
