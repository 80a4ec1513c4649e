package co.igscraper.kafka.connect.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.SourceTaskContext;

/**
 * The only class that touches {@link PluginMetrics} (Kafka 4.1+). On older workers loading or
 * calling it throws a {@link LinkageError}, which {@link MetricsPublisher} catches.
 */
final class PluginMetricsRegistrar implements MetricsPublisher.Sink {
  private final PluginMetrics metrics;

  private PluginMetricsRegistrar(PluginMetrics metrics) {
    if (metrics == null) {
      throw new IllegalStateException("the worker gave no plugin metrics");
    }
    this.metrics = metrics;
  }

  static MetricsPublisher.Sink forTask(SourceTaskContext context) {
    return new PluginMetricsRegistrar(context.pluginMetrics());
  }

  static MetricsPublisher.Sink forConnector(ConnectorContext context) {
    return new PluginMetricsRegistrar(context.pluginMetrics());
  }

  @Override
  public Runnable register(Map<String, String> tags, List<MetricsPublisher.Gauge> gauges) {
    List<MetricName> added = new ArrayList<>(gauges.size());
    try {
      for (MetricsPublisher.Gauge g : gauges) {
        MetricName name = metrics.metricName(g.name(), g.description(), new LinkedHashMap<>(tags));
        metrics.addMetric(
            name, (org.apache.kafka.common.metrics.Gauge<Object>) (config, now) -> g.read());
        added.add(name);
      }
    } catch (RuntimeException e) {
      added.forEach(metrics::removeMetric);
      throw e;
    }
    return () -> {
      for (MetricName name : added) {
        try {
          metrics.removeMetric(name);
        } catch (RuntimeException e) {
          // The worker closes a task's plugin metrics itself; a closed instance refuses removal.
        }
      }
    };
  }

  @Override
  public String toString() {
    return "plugin metrics";
  }
}
