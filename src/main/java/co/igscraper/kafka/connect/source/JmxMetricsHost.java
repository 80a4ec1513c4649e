package co.igscraper.kafka.connect.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Time;

/**
 * Metrics of our own for workers without plugin metrics (before Kafka 4.1): a Kafka {@code Metrics}
 * reported by Kafka's {@code JmxReporter} as {@code
 * co.igscraper.kafka.connect:type=<group>,connector=<name>[,task=<n>]}, plus any metric's own tags.
 */
final class JmxMetricsHost implements MetricsHost {
  private final Metrics metrics;
  private final String group;
  private final Map<String, String> baseTags;

  JmxMetricsHost(String group, Map<String, String> baseTags) {
    this.group = group;
    this.baseTags = new LinkedHashMap<>(baseTags);
    this.metrics =
        new Metrics(
            new MetricConfig(),
            List.of(new JmxReporter()),
            Time.SYSTEM,
            new KafkaMetricsContext(MetricsPublisher.JMX_DOMAIN));
    // Every Metrics counts its metrics under one shared name; one task's close would take it from
    // the others.
    metrics.removeMetric(metrics.metricName("count", "kafka-metrics-count"));
  }

  @Override
  public MetricName name(String name, String description, Map<String, String> tags) {
    Map<String, String> all = new LinkedHashMap<>(baseTags);
    all.putAll(tags);
    return metrics.metricName(name, group, description, all);
  }

  @Override
  public void add(MetricName name, MetricValueProvider<?> value) {
    metrics.addMetric(name, value);
  }

  @Override
  public void remove(MetricName name) {
    metrics.removeMetric(name);
  }

  @Override
  public Sensor sensor(String name) {
    return metrics.sensor(name);
  }

  @Override
  public void close() {
    metrics.close();
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("JMX MBean ")
            .append(MetricsPublisher.JMX_DOMAIN)
            .append(":type=")
            .append(group);
    baseTags.forEach((k, v) -> sb.append(',').append(k).append('=').append(v));
    return sb.toString();
  }
}
