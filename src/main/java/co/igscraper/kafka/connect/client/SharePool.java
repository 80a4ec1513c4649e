package co.igscraper.kafka.connect.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The budget shares of one connector's tasks that run in this JVM, pooled: each task brings its
 * {@code 1/members} of the account's limits, and any of them may use what the others leave, so a
 * task with work never waits while a task beside it idles. Tasks on other workers keep their own
 * pools, so the sum over all workers stays within the limits in steady state (a task that moves
 * between workers arrives without the log of its recent grants, as before pooling).
 *
 * <p>When a task joins or leaves, the limiters are resized and keep their grant log, so the windows
 * stay exact across the change.
 */
final class SharePool {
  /** A client's place in a pool: {@code member} of {@code members} tasks of {@code pool}. */
  record Member(String pool, int member, int members) {
    Member {
      if (members < 1 || member < 0 || member >= members) {
        throw new IllegalArgumentException("member " + member + " of " + members);
      }
    }
  }

  private record Limiters(
      SlidingWindowLimiter perMinute, SlidingWindowLimiter perHour, SlidingWindowLimiter submits) {}

  private final RateLimits limits;
  private final int members;
  // Instances per task index: a restarted task may join before its old instance has left.
  private final Map<Integer, Integer> joined = new HashMap<>();
  private volatile Limiters current;

  SharePool(RateLimits limits, int members) {
    this.limits = limits;
    this.members = members;
    RateLimits one = limits.scaledBy(1.0 / members);
    this.current =
        new Limiters(
            RateLimiterRegistry.perMinute(one.requestsPerMinute()),
            RateLimiterRegistry.perHour(one.requestsPerHour()),
            RateLimiterRegistry.perHour(one.submitsPerHour()));
  }

  void join(int member) {
    synchronized (RateLimitGate.LOCK) {
      if (joined.merge(member, 1, Integer::sum) == 1) {
        resize();
      }
    }
  }

  void leave(int member) {
    synchronized (RateLimitGate.LOCK) {
      Integer left = joined.computeIfPresent(member, (m, n) -> n == 1 ? null : n - 1);
      if (left == null) {
        resize();
      }
    }
  }

  // Under the gate's lock: no grant is recorded in the old limiters while they are copied. (A
  // caller that took the old list just before may still record one grant there: at most one per
  // concurrent call at a join or leave, and the JVM-wide account limiters bound the total anyway.)
  private void resize() {
    RateLimits pooled = limits.scaledBy(Math.max(1, joined.size()) / (double) members);
    Limiters now = current;
    current =
        new Limiters(
            now.perMinute().resized(pooled.requestsPerMinute()),
            now.perHour().resized(pooled.requestsPerHour()),
            now.submits().resized(pooled.submitsPerHour()));
  }

  List<SlidingWindowLimiter> request() {
    Limiters l = current;
    return List.of(l.perMinute(), l.perHour());
  }

  SlidingWindowLimiter submits() {
    return current.submits();
  }

  /** Requests per minute the pool allows now: its members here times one share. */
  int requestsPerMinute() {
    return current.perMinute().permits();
  }
}
