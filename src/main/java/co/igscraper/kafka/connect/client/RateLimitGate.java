package co.igscraper.kafka.connect.client;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Grants a request only when every limiter it counts against allows it, all at the same instant.
 */
final class RateLimitGate {
  /** Waits for a number of nanoseconds; interruptible, may return early. */
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  /** Thrown when the next permit is further away than the caller is prepared to wait. */
  static final class WaitTooLongException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long waitNanos;

    WaitTooLongException(long waitNanos) {
      super("rate limit permit available in " + waitNanos + " ns", null, false, false);
      this.waitNanos = waitNanos;
    }
  }

  // One lock for every gate: limiters are shared between clients, and a grant recorded in one
  // limiter while another makes the request wait would let a later burst exceed the first one.
  static final Object LOCK = new Object();

  private final LongSupplier clock;
  private final Sleeper sleeper;

  RateLimitGate(LongSupplier clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** The nanos until every limiter would grant (0: now), granting nothing. */
  long untilFree(List<SlidingWindowLimiter> limiters) {
    synchronized (LOCK) {
      long now = clock.getAsLong();
      long wait = 0;
      for (SlidingWindowLimiter limiter : limiters) {
        wait = Math.max(wait, limiter.nanosUntilFree(now));
      }
      return wait;
    }
  }

  /** Grants now and returns 0, or grants nothing and returns the nanos to wait before retrying. */
  long tryAcquire(List<SlidingWindowLimiter> limiters) {
    synchronized (LOCK) {
      // Read under the lock so grant times are monotonic across threads.
      long now = clock.getAsLong();
      long wait = 0;
      for (SlidingWindowLimiter limiter : limiters) {
        wait = Math.max(wait, limiter.nanosUntilFree(now));
      }
      if (wait == 0) {
        for (SlidingWindowLimiter limiter : limiters) {
          limiter.record(now);
        }
      }
      return wait;
    }
  }

  /**
   * Blocks until every limiter grants, and returns the nanos spent waiting.
   *
   * @throws WaitTooLongException if the total wait would exceed {@code maxWaitNanos}
   * @throws InterruptedException if the sleeper was interrupted
   */
  long acquire(List<SlidingWindowLimiter> limiters, long maxWaitNanos) throws InterruptedException {
    long start = clock.getAsLong();
    while (true) {
      long wait = tryAcquire(limiters);
      long waited = clock.getAsLong() - start;
      if (wait == 0) {
        return waited;
      }
      if (waited + wait > maxWaitNanos) {
        throw new WaitTooLongException(wait);
      }
      sleeper.sleepNanos(wait);
    }
  }
}
