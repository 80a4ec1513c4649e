package co.igscraper.kafka.connect.client;

import java.time.Duration;

/**
 * An exact sliding-log limiter: at most {@code permits} grants in any span of {@code window}.
 *
 * <p>It keeps the last N grant times in a ring buffer and grants only when the N-th previous grant
 * is at least a window old. A token bucket (Guava, Failsafe, Bucket4j) is not used because it lets
 * a full bucket plus a refill through, up to 2N in one window, and igscraper counts sliding
 * windows. Callers pass a monotonic time that never goes backwards (see {@link RateLimitGate}). The
 * buffer grows with use up to N, so a generous limit (a million an hour) costs memory only when
 * that many grants are made.
 */
final class SlidingWindowLimiter {
  private final int permits;
  private final long windowNanos;
  private long[] grants;
  private int oldest;
  private int size;

  SlidingWindowLimiter(int permits, Duration window) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1");
    }
    this.permits = permits;
    this.windowNanos = window.toNanos();
    this.grants = new long[Math.min(permits, 2)];
  }

  int permits() {
    return permits;
  }

  Duration window() {
    return Duration.ofNanos(windowNanos);
  }

  /** Returns 0 when a grant at {@code now} is allowed, else the nanos until it will be. */
  synchronized long nanosUntilFree(long now) {
    if (size < permits) {
      return 0;
    }
    return Math.max(0, grants[oldest] + windowNanos - now);
  }

  /** Records a grant at {@code now}; the caller has checked {@link #nanosUntilFree}. */
  synchronized void record(long now) {
    if (size < permits) {
      if (size == grants.length) {
        grow();
      }
      grants[(oldest + size) % grants.length] = now;
      size++;
    } else {
      grants[oldest] = now;
      oldest = (oldest + 1) % permits;
    }
  }

  /** Doubles the ring (at most to {@code permits}), oldest grant first. */
  private void grow() {
    long[] bigger = new long[(int) Math.min(permits, 2L * grants.length)];
    for (int i = 0; i < size; i++) {
      bigger[i] = grants[(oldest + i) % grants.length];
    }
    grants = bigger;
    oldest = 0;
  }

  /**
   * A limiter of {@code newPermits} over the same window that remembers this one's newest grants
   * (as many as it holds): grown, nothing is forgotten; shrunk, only the oldest grants are, which
   * can only make it wait longer.
   */
  synchronized SlidingWindowLimiter resized(int newPermits) {
    SlidingWindowLimiter next = new SlidingWindowLimiter(newPermits, Duration.ofNanos(windowNanos));
    for (int i = Math.max(0, size - newPermits); i < size; i++) {
      next.record(grants[(oldest + i) % grants.length]);
    }
    return next;
  }

  /** Grants at {@code now} if allowed; convenient when only this limiter is involved. */
  synchronized boolean tryAcquire(long now) {
    if (nanosUntilFree(now) > 0) {
      return false;
    }
    record(now);
    return true;
  }
}
