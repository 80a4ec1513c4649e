package co.igscraper.kafka.connect.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe counters of one client's HTTP attempts, and a {@link Listener} that sees each one
 * (the task turns them into rates, averages and percentiles; the client knows no metrics library).
 */
public final class ClientMetrics {
  /** Sees every attempt as it happens; called on the calling thread, so it must be quick. */
  public interface Listener {
    void response(int status, long latencyNanos);

    void ioError(long latencyNanos);

    void rateLimitWait(long nanos);
  }

  private volatile Listener listener;

  private final LongAdder requests = new LongAdder();
  private final LongAdder responses2xx = new LongAdder();
  private final LongAdder responses4xx = new LongAdder();
  private final LongAdder responses5xx = new LongAdder();
  private final LongAdder ioErrors = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder tooManyRequests = new LongAdder();
  private final LongAdder rateLimitWaitNanos = new LongAdder();
  private final LongAdder latencyNanos = new LongAdder();
  private final LongAdder latencySamples = new LongAdder();

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
    return latencyNanos.sum();
  }

  /** Number of latencies recorded. */
  public long latencySamples() {
    return latencySamples.sum();
  }

  /** Mean latency of all attempts so far, or zero. */
  public Duration latencyMean() {
    long n = latencySamples();
    return n == 0 ? Duration.ZERO : Duration.ofNanos(latencyNanosTotal() / n);
  }

  /** Sends every attempt from now on to {@code listener} too (one at a time; null for none). */
  public void listener(Listener listener) {
    this.listener = listener;
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
    Listener l = listener;
    if (l != null) {
      l.response(status, latencyNanos);
    }
  }

  void recordIoError(long latencyNanos) {
    ioErrors.increment();
    recordLatency(latencyNanos);
    Listener l = listener;
    if (l != null) {
      l.ioError(latencyNanos);
    }
  }

  void recordRetry() {
    retries.increment();
  }

  void recordRateLimitWait(long nanos) {
    if (nanos > 0) {
      rateLimitWaitNanos.add(nanos);
      Listener l = listener;
      if (l != null) {
        l.rateLimitWait(nanos);
      }
    }
  }

  private void recordLatency(long nanos) {
    latencyNanos.add(nanos);
    latencySamples.increment();
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
        + ", meanLatencyMs="
        + latencyMean().toMillis()
        + "}";
  }
}
