package co.igscraper.kafka.connect.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.SourceTaskContext;

/**
 * The only class that touches {@link PluginMetrics} (Kafka 4.1+). On older workers loading or
 * calling it throws a {@link LinkageError}, which {@link MetricsPublisher} catches.
 */
final class PluginMetricsHost implements MetricsHost {
  private final PluginMetrics metrics;
  private final String sensorPrefix;
  private final List<MetricName> added = new ArrayList<>();
  private final List<String> sensors = new ArrayList<>();

  private PluginMetricsHost(PluginMetrics metrics, String sensorPrefix) {
    if (metrics == null) {
      throw new IllegalStateException("the worker gave no plugin metrics");
    }
    this.metrics = metrics;
    this.sensorPrefix = sensorPrefix;
  }

  static MetricsHost forTask(SourceTaskContext context, String connector, int task) {
    return new PluginMetricsHost(context.pluginMetrics(), "igscraper:" + connector + ":" + task);
  }

  static MetricsHost forConnector(ConnectorContext context, String connector) {
    return new PluginMetricsHost(context.pluginMetrics(), "igscraper:" + connector);
  }

  @Override
  public MetricName name(String name, String description, Map<String, String> tags) {
    return metrics.metricName(name, description, new LinkedHashMap<>(tags));
  }

  @Override
  public synchronized void add(MetricName name, MetricValueProvider<?> value) {
    metrics.addMetric(name, value);
    added.add(name);
  }

  @Override
  public synchronized void remove(MetricName name) {
    metrics.removeMetric(name);
    added.remove(name);
  }

  @Override
  public synchronized Sensor sensor(String name) {
    // Sensor names are global in the worker: two tasks in one worker must not share one.
    String unique = sensorPrefix + ":" + name;
    sensors.add(unique);
    return metrics.addSensor(unique);
  }

  @Override
  public synchronized void close() {
    for (MetricName name : added) {
      try {
        metrics.removeMetric(name);
      } catch (RuntimeException e) {
        // The worker closes a task's plugin metrics itself; a closed instance refuses removal.
      }
    }
    for (String sensor : sensors) {
      try {
        metrics.removeSensor(sensor);
      } catch (RuntimeException e) {
        // As above.
      }
    }
    added.clear();
    sensors.clear();
  }

  @Override
  public String toString() {
    return "plugin metrics";
  }
}
