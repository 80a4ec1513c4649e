package co.igscraper.kafka.connect.client;

import java.time.Duration;

/**
 * An exact sliding-log limiter: at most {@code permits} grants in any span of {@code window}.
 *
 * <p>It keeps the last N grant times in a ring buffer and grants only when the N-th previous grant
 * is at least a window old. A token bucket (Guava, Failsafe, Bucket4j) is not used because it lets
 * a full bucket plus a refill through, up to 2N in one window, and igscraper counts sliding
 * windows. Callers pass a monotonic time that never goes backwards (see {@link RateLimitGate}).
 */
final class SlidingWindowLimiter {
  private final int permits;
  private final long windowNanos;
  private final long[] grants;
  private int oldest;
  private int size;

  SlidingWindowLimiter(int permits, Duration window) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1");
    }
    this.permits = permits;
    this.windowNanos = window.toNanos();
    this.grants = new long[permits];
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
      grants[(oldest + size) % permits] = now;
      size++;
    } else {
      grants[oldest] = now;
      oldest = (oldest + 1) % permits;
    }
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
