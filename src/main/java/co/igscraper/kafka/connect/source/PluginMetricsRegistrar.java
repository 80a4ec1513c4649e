package co.igscraper.kafka.connect.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.SourceTaskContext;

/**
 * The only class that touches {@link PluginMetrics} (Kafka 4.1+). On older workers loading or
 * calling it throws a {@link LinkageError}, which {@link MetricsPublisher} catches.
 */
final class PluginMetricsRegistrar {
  private PluginMetricsRegistrar() {}

  static Runnable forTask(SourceTaskContext context, List<MetricsPublisher.Gauge> gauges) {
    return register(context.pluginMetrics(), gauges);
  }

  static Runnable forConnector(ConnectorContext context, List<MetricsPublisher.Gauge> gauges) {
    return register(context.pluginMetrics(), gauges);
  }

  private static Runnable register(PluginMetrics metrics, List<MetricsPublisher.Gauge> gauges) {
    if (metrics == null) {
      throw new IllegalStateException("the worker gave no plugin metrics");
    }
    List<MetricName> added = new ArrayList<>(gauges.size());
    try {
      for (MetricsPublisher.Gauge g : gauges) {
        MetricName name = metrics.metricName(g.name(), g.description(), new LinkedHashMap<>());
        metrics.addMetric(
            name,
            (org.apache.kafka.common.metrics.Gauge<Long>) (config, now) -> g.value().getAsLong());
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
}
