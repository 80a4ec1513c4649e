package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stock worker started with the Prometheus JMX exporter agent and either rules file of {@code
 * docs/monitoring} (Strimzi's or Confluent's names for Connect's own metrics): after a job, {@code
 * /metrics} over HTTP has every metric of the README's metrics table with its connector (and task)
 * label, on a 4.1+ worker (plugin metrics) and on a 3.9 one (the connector's own MBeans), and
 * Connect's own series.
 */
class PrometheusIT {
  static final String AGENT_VERSION = "1.0.1";
  static final Path MONITORING = Path.of("docs", "monitoring");
  // Connect's own series each rules file promises: what Strimzi's and Confluent's dashboards and
  // alerts for Connect query, and the task status our dashboard charts.
  private static final String STRIMZI_SERIES =
      "kafka_connect_worker_connector_count kafka_connect_worker_task_count"
          + " kafka_connect_worker_connector_running_task_count"
          + " kafka_connect_worker_connector_failed_task_count kafka_connect_connector_status"
          + " kafka_connect_connector_connector_class kafka_connect_connector_task_status"
          + " kafka_connect_source_task_source_record_poll_rate"
          + " kafka_connect_worker_rebalance_rebalancing";
  private static final String CONFLUENT_SERIES =
      "kafka_connect_connect_worker_metrics_connector_count"
          + " kafka_connect_connect_worker_metrics_connector_running_task_count"
          + " kafka_connect_connect_worker_metrics_connector_failed_task_count"
          + " kafka_connect_connector_metrics kafka_connect_connector_task_status"
          + " kafka_connect_source_task_metrics_source_record_poll_rate"
          + " kafka_connect_connector_task_metrics_running_ratio"
          + " kafka_connect_connect_worker_rebalance_metrics_rebalance_avg_time_ms";
  private static final String KEY = "prom-key-91d3";
  private static final Path WORK = Path.of("target", "prometheus-it");
  private static IgScraperSimulator sim;
  private static Path agent;

  @BeforeAll
  static void start() throws Exception {
    // Unknown fields in every answer: the per-endpoint-and-field deviation metrics appear too.
    sim =
        IgScraperSimulator.start(
            SimulatorConfig.builder()
                .apiKeys(KEY)
                .queuedFor(Duration.ofMillis(50))
                .processingFor(Duration.ofMillis(300))
                .rateLimitsDisabled()
                .dialect("extra-fields")
                .build());
    Files.createDirectories(WORK);
    Path log = WORK.resolve("agent.log");
    Process mvn =
        new ProcessBuilder(
                WorkerDistribution.mvn(
                    "dependency:copy",
                    "-Dartifact=io.prometheus.jmx:jmx_prometheus_javaagent:" + AGENT_VERSION,
                    "-DoutputDirectory=" + WORK.toAbsolutePath()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(mvn.waitFor(5, TimeUnit.MINUTES), "fetching the agent timed out");
    assertEquals(0, mvn.exitValue(), () -> read(log));
    agent = WORK.resolve("jmx_prometheus_javaagent-" + AGENT_VERSION + ".jar").toAbsolutePath();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static Stream<Arguments> workersAndRules() {
    // Each rules file on both metric families: plugin metrics (4.1+) and the fallback MBeans.
    return Stream.of(
        Arguments.of("4.1.2", "kafka-connect-jmx-exporter.yml", STRIMZI_SERIES),
        Arguments.of("3.9.2", "kafka-connect-jmx-exporter.yml", STRIMZI_SERIES),
        Arguments.of("4.1.2", "kafka-connect-jmx-exporter-confluent.yml", CONFLUENT_SERIES),
        Arguments.of("3.9.2", "kafka-connect-jmx-exporter-confluent.yml", CONFLUENT_SERIES));
  }

  @ParameterizedTest(name = "Kafka {0}, {1}")
  @MethodSource("workersAndRules")
  void everyDocumentedMetricIsScrapedWithItsLabels(String version, String rules, String connect)
      throws Exception {
    Path dir = WorkerDistribution.fresh(WORK.resolve(version + "-" + rules));
    String classpath = WorkerDistribution.classpathOf(version, WORK);
    Path plugins = WorkerDistribution.unzipPluginArchive(dir.resolve("plugins"));
    int port = freePort();
    String name = "prom-" + version.replace('.', '-');
    try (ProcessCluster cluster =
        ProcessCluster.start(
            dir.resolve("cluster"),
            false,
            "384m",
            Map.of("plugin.path", plugins.toString()),
            classpath,
            List.of(
                "-javaagent:"
                    + agent
                    + "=127.0.0.1:"
                    + port
                    + ":"
                    + MONITORING.resolve(rules).toAbsolutePath()))) {
      String jobs =
          "["
              + spec(
                  "p", "u-" + name, "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":60}")
              + "]";
      Map<String, String> props = new HashMap<>(SimulatorFixture.unlimitedProps(sim, KEY, jobs));
      props.put("topic", name + ".rows");
      props.put("tasks.max", "1");
      cluster.deploy(name, props);
      cluster.awaitRunning(name, 1, Duration.ofSeconds(60));
      Duration minute = Duration.ofSeconds(60);
      ConnectFixture.readTopic(cluster.bootstrapServers(), name + ".rows", 60, minute, minute);

      Map<String, String> task = Map.of("connector", name, "task", "0");
      Map<String, String> connector = Map.of("connector", name);
      List<Series> scraped =
          scrapeUntil(
              port,
              s -> s.is("igscraper_task_rows_emitted", task) && s.value() == 60,
              Duration.ofSeconds(30));
      List<String> missing = new ArrayList<>();
      for (String metric : ReadmeMetrics.taskMetrics()) {
        String series = prometheusName("igscraper_task_", metric);
        if (scraped.stream().noneMatch(s -> s.is(series, task))) {
          missing.add(series + task);
        }
      }
      for (String metric : ReadmeMetrics.connectorMetrics()) {
        String series = prometheusName("igscraper_connector_", metric);
        if (scraped.stream().noneMatch(s -> s.is(series, connector))) {
          missing.add(series + connector);
        }
      }
      assertEquals(List.of(), missing, "not scraped; igscraper series were:\n" + ours(scraped));
      assertTrue(
          scraped.stream()
              .anyMatch(
                  s ->
                      s.is("igscraper_task_contract_deviations_by_field", task)
                          && s.labels().containsKey("endpoint")
                          && s.labels().containsKey("field")),
          "per-field deviations with endpoint and field labels:\n" + ours(scraped));
      Map<String, String> spec = new HashMap<>(task);
      spec.put("spec", "p");
      assertTrue(
          scraped.stream()
              .anyMatch(s -> s.is("igscraper_task_spec_rows_emitted", spec) && s.value() == 60),
          "rows by spec, with the spec label:\n" + ours(scraped));
      Set<String> names = new HashSet<>();
      scraped.forEach(s -> names.add(s.name()));
      List<String> unknown = new ArrayList<>();
      for (String queried : dashboardSeries()) {
        if (!names.contains(queried)) {
          unknown.add(queried);
        }
      }
      assertEquals(List.of(), unknown, "dashboard queries that name no scraped series");
      List<String> connectMissing = new ArrayList<>();
      for (String series : connect.split(" ")) {
        if (!names.contains(series)) {
          connectMissing.add(series);
        }
      }
      assertEquals(List.of(), connectMissing, "Connect's own series, as " + rules + " names them");
      assertTrue(
          scraped.stream()
              .anyMatch(
                  s ->
                      s.is("kafka_connect_connector_task_status", task)
                          && "running".equals(s.labels().get("status"))
                          && s.value() == 1),
          "the task's status as a series");
    }
  }

  /** One line of the Prometheus text format: a name, its labels and its value. */
  record Series(String name, Map<String, String> labels, double value) {
    boolean is(String metric, Map<String, String> with) {
      return name.equals(metric) && labels.entrySet().containsAll(with.entrySet());
    }

    static Series parse(String line) {
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      Map<String, String> labels = new HashMap<>();
      String name;
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        String body = line.substring(brace + 1, line.lastIndexOf('}'));
        Matcher m = LABEL.matcher(body);
        while (m.find()) {
          labels.put(m.group(1), m.group(2));
        }
      } else {
        name = line.substring(0, space);
      }
      String v = line.substring(space + 1).strip();
      return new Series(name, labels, v.equals("NaN") ? Double.NaN : Double.parseDouble(v));
    }
  }

  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  private static List<Series> scrapeUntil(int port, Predicate<Series> wanted, Duration max)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + max.toNanos();
    List<Series> series = List.of();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      series =
          response
              .body()
              .lines()
              .filter(l -> !l.isBlank() && !l.startsWith("#"))
              .map(Series::parse)
              .toList();
      if (series.stream().anyMatch(wanted)) {
        return series;
      }
      Thread.sleep(200); // the worker publishes the value; poll for it
    }
    throw new AssertionError(
        "the wanted series never appeared; igscraper series:\n" + ours(series));
  }

  private static String ours(List<Series> scraped) {
    Set<String> names = new LinkedHashSet<>();
    scraped.stream()
        .filter(s -> s.name().startsWith("igscraper_"))
        .forEach(s -> names.add(s.name() + s.labels()));
    return String.join("\n", names);
  }

  /** The series the Grafana dashboard's queries name; it must parse as a dashboard. */
  static Set<String> dashboardSeries() throws IOException {
    JsonNode dashboard = ConnectFixture.JSON.readTree(DASHBOARD.toFile());
    assertTrue(dashboard.path("panels").size() > 0, "a dashboard with panels");
    Set<String> series = new LinkedHashSet<>();
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertTrue(panel.hasNonNull("title") && panel.has("gridPos"), panel.toString());
      panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
    }
    dashboard.path("templating").path("list").forEach(v -> queries.add(v.path("query").asText()));
    for (String q : queries) {
      Matcher m = SERIES.matcher(q);
      while (m.find()) {
        series.add(m.group());
      }
    }
    assertTrue(series.size() >= 10, "the dashboard queries " + series);
    return series;
  }

  private static final Path DASHBOARD = Path.of("docs", "monitoring", "grafana-dashboard.json");
  private static final Pattern SERIES = Pattern.compile("\\b(igscraper|kafka_connect)_[a-z0-9_]+");

  /** As the README says: dashes as underscores, no "_total" suffix on a gauge. */
  static String prometheusName(String prefix, String metric) {
    String name = prefix + metric.replace('-', '_');
    return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
