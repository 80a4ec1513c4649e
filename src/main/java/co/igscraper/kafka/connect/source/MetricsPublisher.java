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
 * Publishes the connector's and tasks' metrics: through the worker's plugin metrics (KIP-877, Kafka
 * 4.1+), or as MBeans of our own on workers without them. Metrics never fail a task.
 */
public final class MetricsPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsPublisher.class);
  static final String JMX_DOMAIN = "co.igscraper.kafka.connect";
  static final String DEVIATIONS = "contract-deviations";

  /** One published value: a long, or a double where a value is fractional. */
  record Gauge(String name, String description, Supplier<Number> value) {
    Object read() {
      return value.get();
    }

    Class<?> type() {
      return value.get().getClass();
    }
  }

  /** Where metrics go: the worker's plugin metrics or JMX. */
  interface Sink {
    /** Registers gauges with extra {@code tags}; the returned action removes them. */
    Runnable register(Map<String, String> tags, List<Gauge> gauges) throws Exception;
  }

  private final Sink sink;
  private final List<Runnable> removers = new ArrayList<>();
  private boolean closed;

  private MetricsPublisher(Sink sink) {
    this.sink = sink;
  }

  /** Publishes a task's metrics; falls back to JMX when the worker has no plugin metrics. */
  public static MetricsPublisher forTask(
      SourceTaskContext context,
      String connector,
      int task,
      TaskMetrics taskMetrics,
      ClientMetrics clientMetrics) {
    List<Gauge> gauges = taskGauges(taskMetrics, clientMetrics);
    Map<String, String> jmxKeys = new LinkedHashMap<>();
    jmxKeys.put("type", "task-metrics");
    jmxKeys.put("connector", connector);
    jmxKeys.put("task", Integer.toString(task));
    MetricsPublisher publisher;
    try {
      publisher = publish(PluginMetricsRegistrar.forTask(context), gauges);
    } catch (LinkageError | RuntimeException e) {
      // NoSuchMethodError / NoClassDefFoundError on workers before Kafka 4.1.
      publisher = jmx(jmxKeys, gauges, e);
    }
    MetricsPublisher p = publisher;
    ContractDrift drift = clientMetrics.drift();
    // Per endpoint and field, registered when first seen: most tasks never see a deviation.
    drift.onNewKey(key -> p.addDeviationGauge(drift, key));
    drift.counts().keySet().forEach(key -> p.addDeviationGauge(drift, key));
    return publisher;
  }

  /** Publishes the connector's own (configuration) metrics. */
  public static MetricsPublisher forConnector(
      ConnectorContext context, String connector, LongSupplier specs, LongSupplier tasks) {
    List<Gauge> gauges =
        List.of(
            new Gauge(
                "specs-configured",
                "Job specs in the connector's configuration.",
                specs::getAsLong),
            new Gauge(
                "tasks-configured", "Task configurations last handed out.", tasks::getAsLong));
    Map<String, String> jmxKeys = new LinkedHashMap<>();
    jmxKeys.put("type", "connector-metrics");
    jmxKeys.put("connector", connector);
    try {
      return publish(PluginMetricsRegistrar.forConnector(context), gauges);
    } catch (LinkageError | RuntimeException e) {
      return jmx(jmxKeys, gauges, e);
    }
  }

  private static MetricsPublisher publish(Sink sink, List<Gauge> gauges) {
    MetricsPublisher publisher = new MetricsPublisher(sink);
    try {
      publisher.removers.add(sink.register(Map.of(), gauges));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return publisher;
  }

  private synchronized void addDeviationGauge(ContractDrift drift, ContractDrift.Key key) {
    if (closed) {
      return;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("endpoint", key.endpoint());
    tags.put("field", key.field());
    Gauge gauge =
        new Gauge(
            DEVIATIONS,
            "Deviations from the documented shape of one endpoint's field.",
            () -> drift.count(key));
    try {
      removers.add(sink.register(tags, List.of(gauge)));
    } catch (Exception e) {
      log.debug("Metric {} {} not published", DEVIATIONS, tags, e);
    }
  }

  static List<Gauge> taskGauges(TaskMetrics t, ClientMetrics c) {
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
    for (int p : new int[] {50, 95, 99}) {
      double q = p / 100.0;
      g.add(
          new Gauge(
              "job-duration-p" + p + "-ms",
              "Submit-to-last-row time of jobs, p" + p + " (histogram bucket bound).",
              () -> t.jobDuration().percentile(q).toMillis()));
    }
    for (int p : new int[] {50, 95, 99}) {
      double q = p / 100.0;
      g.add(
          new Gauge(
              "api-latency-p" + p + "-ms",
              "API response time, p" + p + " (histogram bucket bound).",
              () -> c.latencyPercentile(q).toMillis()));
    }
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
    return List.copyOf(g);
  }

  private static MetricsPublisher jmx(Map<String, String> keys, List<Gauge> gauges, Throwable why) {
    JmxMetricSink sink = new JmxMetricSink(keys);
    try {
      MetricsPublisher publisher = new MetricsPublisher(sink);
      publisher.removers.add(sink.register(Map.of(), gauges));
      log.info(
          "Plugin metrics unavailable on this worker ({}); metrics published as {}",
          why.getClass().getSimpleName(),
          sink);
      return publisher;
    } catch (Exception e) {
      log.warn("igscraper metrics could not be published: {}", e.toString());
      return new MetricsPublisher((tags, g) -> () -> {});
    }
  }

  /** Where the metrics went, for logs and tests. */
  String where() {
    return sink.toString();
  }

  /** Removes the metrics; quiet and idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Runnable remover : removers) {
      try {
        remover.run();
      } catch (RuntimeException e) {
        log.debug("Unregistering igscraper metrics from {} failed", where(), e);
      }
    }
    removers.clear();
  }
}
