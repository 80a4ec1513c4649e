package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.ClientMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.common.metrics.stats.Percentiles.BucketSizing;
import org.apache.kafka.common.metrics.stats.Rate;

/**
 * A task's Kafka sensors: rates, windowed averages and maxima, and percentiles of what its runners
 * and its client do, over Kafka's metric sample windows (two of 30 s by default).
 */
final class TaskSensors implements TaskMetrics.Events, ClientMetrics.Listener {
  private static final double MAX_LATENCY_MS = 60_000;
  private static final double MAX_JOB_MS = 6 * 3_600_000;

  private final Sensor rows;
  private final Sensor pages;
  private final Sensor submits;
  private final Sensor responses;
  private final Sensor throttled;
  private final Sensor apiLatency;
  private final Sensor permitWait;
  private final Sensor jobDuration;

  TaskSensors(MetricsHost host) {
    rows = rate(host, "rows-emitted", "Row records handed to Kafka Connect per second.");
    pages = rate(host, "pages-fetched", "Result pages read per second.");
    submits = rate(host, "jobs-submitted", "Jobs submitted per second.");
    responses = rate(host, "requests", "HTTP attempts per second (retries included).");
    throttled = rate(host, "responses-429", "HTTP 429 responses per second.");
    apiLatency = timing(host, "api-latency", "API response time", MAX_LATENCY_MS);
    jobDuration = timing(host, "job-duration", "Submit-to-last-row time of jobs", MAX_JOB_MS);
    permitWait = host.sensor("rate-limit-wait");
    permitWait.add(
        host.name(
            "rate-limit-wait-avg-ms",
            "Time a call waited for a client-side permit, windowed average.",
            Map.of()),
        new Avg());
  }

  private static Sensor rate(MetricsHost host, String name, String description) {
    Sensor sensor = host.sensor(name);
    sensor.add(host.name(name + "-rate", description, Map.of()), new Rate(TimeUnit.SECONDS));
    return sensor;
  }

  private static Sensor timing(MetricsHost host, String name, String what, double maxMs) {
    Sensor sensor = host.sensor(name);
    sensor.add(host.name(name + "-avg-ms", what + ", windowed average.", Map.of()), new Avg());
    sensor.add(host.name(name + "-max-ms", what + ", windowed maximum.", Map.of()), new Max());
    sensor.add(
        new Percentiles(
            4_000,
            maxMs,
            BucketSizing.LINEAR,
            percentile(host, name, what, 50),
            percentile(host, name, what, 95),
            percentile(host, name, what, 99)));
    return sensor;
  }

  private static Percentile percentile(MetricsHost host, String name, String what, int p) {
    return new Percentile(
        host.name(name + "-p" + p + "-ms", what + ", windowed p" + p + ".", Map.of()), p);
  }

  @Override
  public void pageFetched(int rowsHandedOn) {
    pages.record();
    rows.record(rowsHandedOn);
  }

  @Override
  public void jobSubmitted() {
    submits.record();
  }

  @Override
  public void jobDelivered(Duration sinceSubmit) {
    jobDuration.record(sinceSubmit.toMillis());
  }

  @Override
  public void response(int status, long latencyNanos) {
    responses.record();
    if (status == 429) {
      throttled.record();
    }
    apiLatency.record(latencyNanos / 1e6);
  }

  @Override
  public void ioError(long latencyNanos) {
    responses.record();
    apiLatency.record(latencyNanos / 1e6);
  }

  @Override
  public void rateLimitWait(long nanos) {
    permitWait.record(nanos / 1e6);
  }
}
