package co.igscraper.kafka.connect.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sliding-log limits: at most {@code max} admitted requests in any span of {@code window}. A
 * request is admitted only if every limit it falls under has room, and then counts against all of
 * them; refused requests count against none.
 */
final class RateLimiter {
  private final Map<String, ArrayDeque<Long>> logs = new HashMap<>();

  /** One limit on one bucket, e.g. requests per minute of one API key. */
  record Limit(String bucket, int max, Duration window) {}

  /**
   * Admits the request and returns 0, or refuses it and returns the milliseconds until every
   * exceeded limit has room again.
   */
  synchronized long tryAcquire(List<Limit> limits, long nowMillis) {
    long waitMillis = 0;
    for (Limit limit : limits) {
      ArrayDeque<Long> log = logs.computeIfAbsent(limit.bucket(), b -> new ArrayDeque<>());
      long windowMillis = limit.window().toMillis();
      while (!log.isEmpty() && log.peekFirst() <= nowMillis - windowMillis) {
        log.pollFirst();
      }
      if (log.size() >= limit.max()) {
        // Room opens when enough of the oldest entries have left the window.
        long opensAt = log.stream().skip(log.size() - limit.max()).findFirst().orElse(nowMillis);
        waitMillis = Math.max(waitMillis, opensAt + windowMillis - nowMillis);
      }
    }
    if (waitMillis > 0) {
      return waitMillis;
    }
    for (Limit limit : limits) {
      logs.get(limit.bucket()).addLast(nowMillis);
    }
    return 0;
  }

  /** {@code Retry-After} in whole seconds, rounded up, at least 1. */
  static long retryAfterSeconds(long waitMillis) {
    return Math.max(1, (waitMillis + 999) / 1000);
  }
}
