package co.igscraper.kafka.connect.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A thread-safe, fixed-bucket histogram of durations; percentiles are reported as the upper bound
 * of the bucket that holds them, so they are cheap and never under-state.
 */
public final class LatencyHistogram {
  private final long[] bucketMillis;
  private final LongAdder[] buckets;
  private final LongAdder totalNanos = new LongAdder();

  /** {@code bucketMillis} are ascending upper bounds; one open-ended bucket follows the last. */
  public LatencyHistogram(long... bucketMillis) {
    if (bucketMillis.length == 0) {
      throw new IllegalArgumentException("at least one bucket bound is required");
    }
    for (int i = 1; i < bucketMillis.length; i++) {
      if (bucketMillis[i] <= bucketMillis[i - 1]) {
        throw new IllegalArgumentException("bucket bounds must ascend");
      }
    }
    this.bucketMillis = bucketMillis.clone();
    this.buckets = new LongAdder[bucketMillis.length + 1];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  public void record(long nanos) {
    long clamped = Math.max(0, nanos);
    totalNanos.add(clamped);
    long millis = TimeUnit.NANOSECONDS.toMillis(clamped);
    int i = 0;
    while (i < bucketMillis.length && millis > bucketMillis[i]) {
      i++;
    }
    buckets[i].increment();
  }

  public long samples() {
    long n = 0;
    for (LongAdder b : buckets) {
      n += b.sum();
    }
    return n;
  }

  public long totalNanos() {
    return totalNanos.sum();
  }

  /**
   * The upper bound of the bucket holding the {@code quantile} (0..1) value, or zero when nothing
   * was recorded; the open-ended last bucket reports its lower bound.
   */
  public Duration percentile(double quantile) {
    if (!(quantile >= 0.0 && quantile <= 1.0)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], was " + quantile);
    }
    long[] counts = new long[buckets.length];
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = buckets[i].sum();
      total += counts[i];
    }
    if (total == 0) {
      return Duration.ZERO;
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Duration.ofMillis(bucketMillis[Math.min(i, bucketMillis.length - 1)]);
      }
    }
    return Duration.ofMillis(bucketMillis[bucketMillis.length - 1]);
  }
}
