package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.ClientMetrics;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.utils.Sanitizer;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the connector's and tasks' metrics: through the worker's plugin metrics (KIP-877, Kafka
 * 4.1+), or as an MBean of our own on workers without them. Metrics never fail a task.
 */
public final class MetricsPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsPublisher.class);
  static final String JMX_DOMAIN = "co.igscraper.kafka.connect";

  /** One published value; every metric is a non-negative long. */
  record Gauge(String name, String description, LongSupplier value) {}

  private final String where;
  private final Runnable unregister;

  private MetricsPublisher(String where, Runnable unregister) {
    this.where = where;
    this.unregister = unregister;
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
    try {
      return new MetricsPublisher(
          "plugin metrics", PluginMetricsRegistrar.forTask(context, gauges));
    } catch (LinkageError | RuntimeException e) {
      // NoSuchMethodError / NoClassDefFoundError on workers before Kafka 4.1.
      return jmx(jmxKeys, gauges, e);
    }
  }

  /** Publishes the connector's own (configuration) metrics. */
  public static MetricsPublisher forConnector(
      ConnectorContext context, String connector, LongSupplier specs, LongSupplier tasks) {
    List<Gauge> gauges =
        List.of(
            new Gauge("specs-configured", "Job specs in the connector's configuration.", specs),
            new Gauge("tasks-configured", "Task configurations last handed out.", tasks));
    Map<String, String> jmxKeys = new LinkedHashMap<>();
    jmxKeys.put("type", "connector-metrics");
    jmxKeys.put("connector", connector);
    try {
      return new MetricsPublisher(
          "plugin metrics", PluginMetricsRegistrar.forConnector(context, gauges));
    } catch (LinkageError | RuntimeException e) {
      return jmx(jmxKeys, gauges, e);
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
            "Sum of cost_charged of the jobs seen completing.",
            t::creditsCharged));
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
    try {
      StringBuilder sb = new StringBuilder(JMX_DOMAIN).append(':');
      keys.forEach((k, v) -> sb.append(k).append('=').append(Sanitizer.jmxSanitize(v)).append(','));
      sb.setLength(sb.length() - 1);
      ObjectName name = new ObjectName(sb.toString());
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      GaugeMBean bean = new GaugeMBean(gauges);
      try {
        server.registerMBean(bean, name);
      } catch (InstanceAlreadyExistsException e) {
        // A task restarted in the same JVM before its predecessor let go: take the name over.
        server.unregisterMBean(name);
        server.registerMBean(bean, name);
      }
      ObjectName registered = name;
      log.info(
          "Plugin metrics unavailable on this worker ({}); metrics published as JMX MBean {}",
          why.getClass().getSimpleName(),
          registered);
      return new MetricsPublisher(
          "JMX " + registered,
          () -> {
            try {
              server.unregisterMBean(registered);
            } catch (JMException e) {
              log.debug("Unregistering {} failed", registered, e);
            }
          });
    } catch (JMException | RuntimeException e) {
      log.warn("igscraper metrics could not be published: {}", e.toString());
      return new MetricsPublisher("nowhere", () -> {});
    }
  }

  /** Where the metrics went, for logs and tests. */
  String where() {
    return where;
  }

  /** Removes the metrics; quiet and idempotent. */
  @Override
  public void close() {
    try {
      unregister.run();
    } catch (RuntimeException e) {
      log.debug("Unregistering igscraper metrics from {} failed", where, e);
    }
  }

  /** The JMX fallback: one MBean whose read-only attributes are the gauges. */
  private static final class GaugeMBean implements DynamicMBean {
    private final Map<String, Gauge> gauges = new LinkedHashMap<>();
    private final MBeanInfo info;

    GaugeMBean(List<Gauge> list) {
      List<MBeanAttributeInfo> attributes = new ArrayList<>();
      for (Gauge g : list) {
        gauges.put(g.name(), g);
        attributes.add(
            new MBeanAttributeInfo(
                g.name(), Long.class.getName(), g.description(), true, false, false));
      }
      info =
          new MBeanInfo(
              GaugeMBean.class.getName(),
              "igscraper connector metrics",
              attributes.toArray(new MBeanAttributeInfo[0]),
              null,
              null,
              null);
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
      Gauge g = gauges.get(attribute);
      if (g == null) {
        throw new AttributeNotFoundException(attribute);
      }
      return g.value().getAsLong();
    }

    @Override
    public void setAttribute(Attribute attribute) {
      throw new UnsupportedOperationException("igscraper metrics are read-only");
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
      AttributeList list = new AttributeList();
      for (String a : attributes) {
        Gauge g = gauges.get(a);
        if (g != null) {
          list.add(new Attribute(a, g.value().getAsLong()));
        }
      }
      return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
      return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
      throw new UnsupportedOperationException("igscraper metrics have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
      return info;
    }
  }
}
