package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.ClientMetrics;
import co.igscraper.kafka.connect.client.ContractDrift;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the connector's and tasks' metrics on Kafka's own machinery: gauges and sensors (rates,
 * windowed averages and maxima, percentiles) in the worker's plugin metrics (KIP-877, Kafka 4.1+),
 * or in a Kafka {@code Metrics} of our own reported over JMX on older workers. Metrics never fail a
 * task.
 */
public final class MetricsPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsPublisher.class);
  static final String JMX_DOMAIN = "co.igscraper.kafka.connect";
  static final String DEVIATIONS = "contract-deviations";
  static final String SPEC_ROWS = "spec-rows-emitted";

  /** One published value: a long, or a double where a value is fractional. */
  record Gauge(String name, String description, Supplier<Number> value) {
    Object read() {
      return value.get();
    }
  }

  private final MetricsHost host;
  private final Runnable detach;
  private boolean closed;

  private MetricsPublisher(MetricsHost host, Runnable detach) {
    this.host = host;
    this.detach = detach;
  }

  /** Publishes a task's metrics; falls back to JMX when the worker has no plugin metrics. */
  public static MetricsPublisher forTask(
      SourceTaskContext context,
      String connector,
      int task,
      TaskMetrics taskMetrics,
      ClientMetrics clientMetrics,
      LongSupplier nextPermitMs) {
    Map<String, String> jmxTags = new LinkedHashMap<>();
    jmxTags.put("connector", connector);
    jmxTags.put("task", Integer.toString(task));
    MetricsHost host =
        host(() -> PluginMetricsHost.forTask(context, connector, task), "task-metrics", jmxTags);
    try {
      gauges(host, Map.of(), taskGauges(taskMetrics, clientMetrics, nextPermitMs));
      TaskSensors sensors = new TaskSensors(host);
      taskMetrics.publishTo(sensors);
      clientMetrics.listener(sensors);
    } catch (RuntimeException e) {
      log.warn("igscraper task metrics could not be published: {}", e.toString());
    }
    MetricsPublisher publisher =
        new MetricsPublisher(
            host,
            () -> {
              taskMetrics.publishTo(TaskMetrics.Events.NONE);
              clientMetrics.listener(null);
            });
    ContractDrift drift = clientMetrics.drift();
    // Per endpoint and field, registered when first seen: most tasks never see a deviation.
    drift.onNewKey(key -> publisher.addDeviationGauge(drift, key));
    drift.counts().keySet().forEach(key -> publisher.addDeviationGauge(drift, key));
    // Per spec, registered with its first row, for "rows by spec" on a dashboard.
    SpecRowCounts specRows = taskMetrics.specRows();
    specRows.onNewSpec(spec -> publisher.addSpecRowsGauge(specRows, spec));
    specRows.counts().keySet().forEach(spec -> publisher.addSpecRowsGauge(specRows, spec));
    return publisher;
  }

  /** Publishes the connector's own (configuration) metrics. */
  public static MetricsPublisher forConnector(
      ConnectorContext context, String connector, LongSupplier specs, LongSupplier tasks) {
    MetricsHost host =
        host(
            () -> PluginMetricsHost.forConnector(context, connector),
            "connector-metrics",
            Map.of("connector", connector));
    try {
      gauges(
          host,
          Map.of(),
          List.of(
              new Gauge(
                  "specs-configured",
                  "Job specs in the connector's configuration.",
                  specs::getAsLong),
              new Gauge(
                  "tasks-configured", "Task configurations last handed out.", tasks::getAsLong)));
    } catch (RuntimeException e) {
      log.warn("igscraper connector metrics could not be published: {}", e.toString());
    }
    return new MetricsPublisher(host, () -> {});
  }

  private static MetricsHost host(
      Supplier<MetricsHost> plugin, String jmxGroup, Map<String, String> jmxTags) {
    try {
      return plugin.get();
    } catch (LinkageError | RuntimeException e) {
      // NoSuchMethodError / NoClassDefFoundError on workers before Kafka 4.1.
      MetricsHost jmx = new JmxMetricsHost(jmxGroup, jmxTags);
      log.info(
          "Plugin metrics unavailable on this worker ({}); metrics published as {}",
          e.getClass().getSimpleName(),
          jmx);
      return jmx;
    }
  }

  private static void gauges(MetricsHost host, Map<String, String> tags, List<Gauge> gauges) {
    for (Gauge g : gauges) {
      try {
        host.add(
            host.name(g.name(), g.description(), tags),
            (org.apache.kafka.common.metrics.Gauge<Object>) (config, now) -> g.read());
      } catch (RuntimeException e) {
        // One metric that cannot be added (a name still held by a task instance that is
        // stopping) costs only itself.
        log.debug("Metric {} {} not published: {}", g.name(), tags, e.toString());
      }
    }
  }

  private synchronized void addDeviationGauge(ContractDrift drift, ContractDrift.Key key) {
    if (closed) {
      return;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("endpoint", key.endpoint());
    tags.put("field", key.field());
    try {
      gauges(
          host,
          tags,
          List.of(
              new Gauge(
                  DEVIATIONS,
                  "Deviations from the documented shape of one endpoint's field.",
                  () -> drift.count(key))));
    } catch (RuntimeException e) {
      log.debug("Metric {} {} not published", DEVIATIONS, tags, e);
    }
  }

  private synchronized void addSpecRowsGauge(SpecRowCounts counts, String spec) {
    if (closed) {
      return;
    }
    gauges(
        host,
        Map.of("spec", spec),
        List.of(
            new Gauge(
                SPEC_ROWS,
                "Row records of one spec handed to Kafka Connect.",
                () -> counts.count(spec))));
  }

  static List<Gauge> taskGauges(TaskMetrics t, ClientMetrics c, LongSupplier nextPermitMs) {
    List<Gauge> g = new ArrayList<>();
    g.add(
        new Gauge(
            "jobs-submitted", "Jobs submitted (idempotent replays included).", t::jobsSubmitted));
    g.add(new Gauge("jobs-completed", "Jobs seen reaching COMPLETED.", t::jobsCompleted));
    g.add(
        new Gauge("jobs-failed", "Jobs that ended FAILED, CANCELLED or timed out.", t::jobsFailed));
    g.add(
        new Gauge(
            "jobs-running",
            "Jobs submitted or resumed, rows not all emitted yet.",
            t::jobsRunning));
    g.add(
        new Gauge(
            "specs-stopped", "Specs stopped on an error (see the job events).", t::specsStopped));
    g.add(
        new Gauge(
            "specs-stalled",
            "Specs failing transiently past igscraper.retry.give.up.after.ms now, still trying.",
            t::specsStalled));
    g.add(
        new Gauge(
            "specs-awaiting-handover",
            "Specs of this task waiting for the task that ran them before to release them.",
            t::awaitingHandover));
    g.add(
        new Gauge(
            "specs-handed-over",
            "Specs this task released to another task (moved or removed).",
            t::specsHandedOver));
    g.add(new Gauge("rows-emitted", "Row records handed to Kafka Connect.", t::rowsEmitted));
    g.add(
        new Gauge(
            "rows-fetched", "Rows read from result pages, re-reads included.", t::rowsFetched));
    g.add(new Gauge("pages-fetched", "Result pages read.", t::pagesFetched));
    g.add(new Gauge("requests-total", "HTTP attempts sent, retries included.", c::requests));
    g.add(new Gauge("responses-2xx", "HTTP responses with a 2xx status.", c::responses2xx));
    g.add(new Gauge("responses-4xx", "HTTP responses with a 4xx status.", c::responses4xx));
    g.add(new Gauge("responses-5xx", "HTTP responses with a 5xx status.", c::responses5xx));
    g.add(new Gauge("io-errors", "Attempts that got no HTTP response.", c::ioErrors));
    g.add(new Gauge("responses-429", "HTTP 429 responses.", c::tooManyRequests));
    g.add(
        new Gauge(
            "rate-limit-wait-ms",
            "Total time spent waiting for the client-side rate limiter.",
            () -> TimeUnit.NANOSECONDS.toMillis(c.rateLimitWaitNanos())));
    g.add(new Gauge("client-retries", "Retries inside one API call.", c::retries));
    g.add(
        new Gauge(
            "runner-retries",
            "Calls tried again after the client's retries ran out.",
            t::runnerRetries));
    g.add(
        new Gauge(
            "credits-charged",
            "Sum of cost_charged of the jobs seen completing, as an exact decimal.",
            t::creditsCharged));
    g.add(
        new Gauge(
            "contract-deviations",
            "Response fields that departed from the documented shape (all endpoints and fields).",
            () -> c.drift().total()));
    g.add(
        new Gauge(
            "parse-failures",
            "Row values that did not parse into their typed column.",
            t::parseFailures));
    g.add(
        new Gauge(
            "control-records-rejected",
            "Control-topic records rejected (counted by task 0).",
            t::controlRecordsRejected));
    g.add(
        new Gauge(
            "buffer-records",
            "Records in the task's buffer, waiting for Connect to take them.",
            t::bufferedRecords));
    g.add(
        new Gauge(
            "buffer-fill",
            "How full the task's buffer is (0 to 1 of igscraper.buffer.max.records).",
            t::bufferFill));
    g.add(
        new Gauge(
            "next-permit-ms",
            "Time until the client-side limiter grants the next request (0: now).",
            nextPermitMs::getAsLong));
    for (JobRunner.Phase phase : JobRunner.Phase.values()) {
      String name = phase.name().toLowerCase(java.util.Locale.ROOT);
      g.add(
          new Gauge(
              "phase-" + name,
              "Specs of this task in phase " + name + " now (counted every half second).",
              () -> t.specsIn(phase)));
    }
    return List.copyOf(g);
  }

  /** Where the metrics went, for logs and tests. */
  String where() {
    return host.toString();
  }

  /** Removes the metrics; quiet and idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    detach.run();
    try {
      host.close();
    } catch (RuntimeException e) {
      log.debug("Unregistering igscraper metrics from {} failed", where(), e);
    }
  }
}
