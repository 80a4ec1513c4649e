package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.ClientSettings;
import co.igscraper.kafka.connect.client.IgScraperClient;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/** Plugin metrics where the worker has them, our own MBean where it does not (Kafka < 4.1). */
class MetricsPublisherTest {
  private final TaskMetrics taskMetrics = new TaskMetrics();

  /** A task context; {@code oldWorker} answers pluginMetrics() as a pre-4.1 worker does. */
  static SourceTaskContext context(PluginMetrics metrics, boolean oldWorker) {
    return new SourceTaskContext() {
      @Override
      public Map<String, String> configs() {
        return Map.of();
      }

      @Override
      public OffsetStorageReader offsetStorageReader() {
        return null;
      }

      @Override
      public PluginMetrics pluginMetrics() {
        if (oldWorker) {
          // What a 3.9 worker's context gives a plugin compiled against 4.1.
          throw new NoSuchMethodError("SourceTaskContext.pluginMetrics()");
        }
        return metrics;
      }
    };
  }

  private static IgScraperClient client() {
    return new IgScraperClient(
        ClientSettings.builder().baseUrl("http://127.0.0.1:9/api/v1").apiKey("k").build());
  }

  @Test
  void onAWorkerWithoutPluginMetricsTheTaskRegistersItsOwnMBeanAndRemovesItOnStop()
      throws Exception {
    taskMetrics.pageFetched("s", 7, 7);
    taskMetrics.jobCompleted(new java.math.BigDecimal("35.25"));
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    ObjectName name =
        new ObjectName("co.igscraper.kafka.connect:type=task-metrics,connector=old-worker,task=3");
    try (IgScraperClient client = client()) {
      MetricsPublisher publisher =
          MetricsPublisher.forTask(
              context(null, true), "old-worker", 3, taskMetrics, client.metrics(), () -> 0);
      assertTrue(publisher.where().startsWith("JMX"), publisher.where());
      assertTrue(jmx.isRegistered(name));
      assertEquals(7L, jmx.getAttribute(name, "rows-emitted"));
      assertEquals(new java.math.BigDecimal("35.25"), jmx.getAttribute(name, "credits-charged"));
      assertEquals(0L, jmx.getAttribute(name, "requests-total"));
      taskMetrics.pageFetched("s", 3, 3);
      assertTrue((double) jmx.getAttribute(name, "rows-emitted-rate") > 0, "sensors on JMX too");
      // A second task instance with the same id (a restart) takes the name over.
      MetricsPublisher again =
          MetricsPublisher.forTask(
              context(null, true), "old-worker", 3, taskMetrics, client.metrics(), () -> 0);
      again.close();
      publisher.close();
      publisher.close();
      assertFalse(jmx.isRegistered(name));
    }
  }

  @Test
  void onAKafka41WorkerTheMetricsGoToThePluginMetricsAndLeaveOnStop() throws Exception {
    taskMetrics.jobSubmitted();
    try (Metrics metrics = new Metrics();
        PluginMetricsImpl plugin =
            new PluginMetricsImpl(metrics, Map.of("connector", "new-worker", "task", "0"));
        IgScraperClient client = client()) {
      MetricsPublisher publisher =
          MetricsPublisher.forTask(
              context(plugin, false), "new-worker", 0, taskMetrics, client.metrics(), () -> 7);
      assertEquals("plugin metrics", publisher.where());
      MetricName submitted =
          metrics.metricName(
              "jobs-submitted", "plugins", Map.of("connector", "new-worker", "task", "0"));
      assertEquals(1L, metrics.metric(submitted).metricValue());
      Map<String, String> tags = Map.of("connector", "new-worker", "task", "0");
      for (MetricsPublisher.Gauge g :
          MetricsPublisher.taskGauges(taskMetrics, client.metrics(), () -> 7)) {
        assertTrue(metrics.metric(metrics.metricName(g.name(), "plugins", tags)) != null, g.name());
      }
      assertEquals(
          7L, metrics.metric(metrics.metricName("next-permit-ms", "plugins", tags)).metricValue());
      // Sensors: a rate, a windowed average and percentiles, fed by the task's own events.
      taskMetrics.pageFetched("s", 50, 50);
      taskMetrics.jobDelivered(java.time.Duration.ofSeconds(3));
      assertTrue(
          (double)
                  metrics
                      .metric(metrics.metricName("rows-emitted-rate", "plugins", tags))
                      .metricValue()
              > 0);
      assertEquals(
          3000.0,
          metrics.metric(metrics.metricName("job-duration-avg-ms", "plugins", tags)).metricValue());
      assertTrue(
          metrics.metric(metrics.metricName("job-duration-p99-ms", "plugins", tags)) != null);
      assertTrue(metrics.metric(metrics.metricName("api-latency-p50-ms", "plugins", tags)) != null);
      publisher.close();
      assertEquals(null, metrics.metric(submitted));
      assertEquals(
          0,
          metrics.metrics().keySet().stream().filter(n -> n.group().equals("plugins")).count(),
          "all removed on stop");
    }
  }

  /** A client whose one call met an unknown field on the submit answer. */
  private static void driftOnce(IgScraperClient client) {
    client.submitJob(
        new co.igscraper.kafka.connect.client.JobRequest(
            "u1", "followers", Map.of("usernames", java.util.List.of("nasa"))),
        "key-1");
  }

  @Test
  void deviationsGetAMetricPerEndpointAndFieldOnBothFamilies() throws Exception {
    try (HostileServer server =
            new HostileServer(
                r ->
                    HostileServer.Response.json(
                        201, "{\"job_id\":\"j\",\"status\":\"QUEUED\",\"queue_position\":4}"));
        IgScraperClient client =
            new IgScraperClient(
                ClientSettings.builder().baseUrl(server.baseUrl()).apiKey("k").build());
        Metrics metrics = new Metrics();
        PluginMetricsImpl plugin =
            new PluginMetricsImpl(metrics, Map.of("connector", "drift", "task", "0"))) {
      MetricsPublisher onPlugin =
          MetricsPublisher.forTask(
              context(plugin, false), "drift", 0, taskMetrics, client.metrics(), () -> 0);
      MetricsPublisher onJmx =
          MetricsPublisher.forTask(
              context(null, true), "drift", 1, taskMetrics, client.metrics(), () -> 0);
      driftOnce(client);
      MetricName perField =
          metrics.metricName(
              "contract-deviations",
              "plugins",
              Map.of(
                  "connector",
                  "drift",
                  "task",
                  "0",
                  "endpoint",
                  "submit",
                  "field",
                  "queue_position"));
      assertEquals(1L, metrics.metric(perField).metricValue());
      MetricName total =
          metrics.metricName(
              "contract-deviations", "plugins", Map.of("connector", "drift", "task", "0"));
      assertEquals(1L, metrics.metric(total).metricValue());
      ObjectName jmxName =
          new ObjectName(
              "co.igscraper.kafka.connect:type=task-metrics,connector=drift,task=1,"
                  + "endpoint=submit,field=queue_position");
      MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
      assertEquals(1L, jmx.getAttribute(jmxName, "contract-deviations"));
      onJmx.close();
      onPlugin.close();
      assertFalse(jmx.isRegistered(jmxName));
      assertEquals(null, metrics.metric(perField));
    }
  }

  @Test
  void rowsPerSpecGetAMetricPerSpecOnBothFamilies() throws Exception {
    taskMetrics.pageFetched("before-publish", 4, 4);
    try (Metrics metrics = new Metrics();
        PluginMetricsImpl plugin =
            new PluginMetricsImpl(metrics, Map.of("connector", "per-spec", "task", "0"));
        IgScraperClient client = client()) {
      MetricsPublisher onPlugin =
          MetricsPublisher.forTask(
              context(plugin, false), "per-spec", 0, taskMetrics, client.metrics(), () -> 0);
      MetricsPublisher onJmx =
          MetricsPublisher.forTask(
              context(null, true), "per-spec", 1, taskMetrics, client.metrics(), () -> 0);
      taskMetrics.pageFetched("nasa-followers", 50, 50);
      taskMetrics.pageFetched("nasa-followers", 20, 20);
      taskMetrics.pageFetched("empty", 0, 0);
      MetricName nasa =
          metrics.metricName(
              "spec-rows-emitted",
              "plugins",
              Map.of("connector", "per-spec", "task", "0", "spec", "nasa-followers"));
      assertEquals(70L, metrics.metric(nasa).metricValue());
      MetricName early =
          metrics.metricName(
              "spec-rows-emitted",
              "plugins",
              Map.of("connector", "per-spec", "task", "0", "spec", "before-publish"));
      assertEquals(4L, metrics.metric(early).metricValue(), "specs counted before publishing");
      assertEquals(
          null,
          metrics.metric(
              metrics.metricName(
                  "spec-rows-emitted",
                  "plugins",
                  Map.of("connector", "per-spec", "task", "0", "spec", "empty"))),
          "a spec without rows has no series");
      ObjectName jmxName =
          new ObjectName(
              "co.igscraper.kafka.connect:type=task-metrics,connector=per-spec,task=1,"
                  + "spec=nasa-followers");
      MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
      assertEquals(70L, jmx.getAttribute(jmxName, "spec-rows-emitted"));
      onJmx.close();
      onPlugin.close();
      assertFalse(jmx.isRegistered(jmxName));
      assertEquals(null, metrics.metric(nasa));
    }
  }
}
