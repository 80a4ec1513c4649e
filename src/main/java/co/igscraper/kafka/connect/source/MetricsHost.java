package co.igscraper.kafka.connect.source;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.Sensor;

/**
 * Where a task's or the connector's metrics live: the worker's plugin metrics (Kafka 4.1+), or a
 * Kafka {@code Metrics} of our own with a {@code JmxReporter} on older workers, as MirrorMaker
 * does. Closing removes everything added through it.
 */
interface MetricsHost extends AutoCloseable {
  MetricName name(String name, String description, Map<String, String> tags);

  void add(MetricName name, MetricValueProvider<?> value);

  void remove(MetricName name);

  /** A sensor private to this host (the name is made unique across tasks). */
  Sensor sensor(String name);

  @Override
  void close();
}
