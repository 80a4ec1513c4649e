package co.igscraper.kafka.connect.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters and a latency histogram of one client's HTTP attempts. */
public final class ClientMetrics {

  private final LongAdder requests = new LongAdder();
  private final LongAdder responses2xx = new LongAdder();
  private final LongAdder responses4xx = new LongAdder();
  private final LongAdder responses5xx = new LongAdder();
  private final LongAdder ioErrors = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder tooManyRequests = new LongAdder();
  private final LongAdder rateLimitWaitNanos = new LongAdder();
  // Upper bounds of the latency buckets in milliseconds; the last bucket is open-ended.
  private final LatencyHistogram latency =
      new LatencyHistogram(
          5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000);

  private final ContractDrift drift;

  ClientMetrics(ContractDrift drift) {
    this.drift = drift;
  }

  /** Where responses departed from the documented shape, by endpoint and field. */
  public ContractDrift drift() {
    return drift;
  }

  /** HTTP attempts sent, retries included. */
  public long requests() {
    return requests.sum();
  }

  public long responses2xx() {
    return responses2xx.sum();
  }

  public long responses4xx() {
    return responses4xx.sum();
  }

  public long responses5xx() {
    return responses5xx.sum();
  }

  /** Attempts that got no HTTP response (timeouts, refused connections, resets). */
  public long ioErrors() {
    return ioErrors.sum();
  }

  /** Attempts scheduled again after a transient failure. */
  public long retries() {
    return retries.sum();
  }

  /** Responses with status 429. */
  public long tooManyRequests() {
    return tooManyRequests.sum();
  }

  /** Total time callers waited on the client-side rate limiter. */
  public long rateLimitWaitNanos() {
    return rateLimitWaitNanos.sum();
  }

  /** Sum of the latencies of all attempts that got a response or an I/O error. */
  public long latencyNanosTotal() {
    return latency.totalNanos();
  }

  /** Number of latencies recorded in the histogram. */
  public long latencySamples() {
    return latency.samples();
  }

  /**
   * Returns the upper bound of the histogram bucket holding the {@code quantile} (0..1) latency, or
   * zero when nothing was recorded; the open-ended last bucket reports its lower bound.
   */
  public Duration latencyPercentile(double quantile) {
    return latency.percentile(quantile);
  }

  public Duration latencyP50() {
    return latencyPercentile(0.50);
  }

  public Duration latencyP95() {
    return latencyPercentile(0.95);
  }

  public Duration latencyP99() {
    return latencyPercentile(0.99);
  }

  void recordRequest() {
    requests.increment();
  }

  void recordResponse(int status, long latencyNanos) {
    if (status >= 200 && status < 300) {
      responses2xx.increment();
    } else if (status >= 400 && status < 500) {
      responses4xx.increment();
    } else if (status >= 500) {
      responses5xx.increment();
    }
    if (status == 429) {
      tooManyRequests.increment();
    }
    recordLatency(latencyNanos);
  }

  void recordIoError(long latencyNanos) {
    ioErrors.increment();
    recordLatency(latencyNanos);
  }

  void recordRetry() {
    retries.increment();
  }

  void recordRateLimitWait(long nanos) {
    if (nanos > 0) {
      rateLimitWaitNanos.add(nanos);
    }
  }

  private void recordLatency(long nanos) {
    latency.record(nanos);
  }

  @Override
  public String toString() {
    return "ClientMetrics{requests="
        + requests()
        + ", 2xx="
        + responses2xx()
        + ", 4xx="
        + responses4xx()
        + ", 5xx="
        + responses5xx()
        + ", ioErrors="
        + ioErrors()
        + ", retries="
        + retries()
        + ", 429="
        + tooManyRequests()
        + ", rateLimitWaitMs="
        + TimeUnit.NANOSECONDS.toMillis(rateLimitWaitNanos())
        + ", p50="
        + latencyP50().toMillis()
        + "ms, p99="
        + latencyP99().toMillis()
        + "ms}";
  }
}
