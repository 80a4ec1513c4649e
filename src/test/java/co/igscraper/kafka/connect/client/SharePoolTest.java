package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The tasks of one connector in one JVM pool their shares: a task with work may use what the others
 * leave, the pool never grants more than its members' shares in any window, and a member leaving
 * shrinks it without forgetting the grants already made.
 */
class SharePoolTest {
  private static final RateLimits LIMITS = new RateLimits(60, 1000, 120, 5, 12);
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final RateLimitGate gate = new RateLimitGate(nanos::get, n -> nanos.addAndGet(n));

  private int grantsNow(List<SlidingWindowLimiter> limiters) {
    int granted = 0;
    while (gate.tryAcquire(limiters) == 0) {
      granted++;
    }
    return granted;
  }

  @Test
  void aBusyMemberUsesTheSharesOfIdleOnesAndNoMore() {
    SharePool pool = new SharePool(LIMITS, 4);
    pool.join(0);
    assertEquals(15, grantsNow(pool.request()), "alone in this JVM: its own quarter");
    pool.join(1);
    pool.join(2);
    // Members 1 and 2 idle: member 0 may use their shares too, 45 in all this minute.
    assertEquals(30, grantsNow(pool.request()));
    nanos.addAndGet(Duration.ofSeconds(30).toNanos());
    assertEquals(0, grantsNow(pool.request()), "45 in the last minute already");
    nanos.addAndGet(Duration.ofSeconds(31).toNanos());
    assertEquals(45, grantsNow(pool.request()), "the window moved on");
  }

  @Test
  void aMemberLeavingShrinksThePoolAndItsGrantsStillCount() {
    SharePool pool = new SharePool(LIMITS, 2);
    pool.join(0);
    pool.join(1);
    assertEquals(60, grantsNow(pool.request()));
    pool.leave(1);
    assertEquals(30, pool.requestsPerMinute());
    assertEquals(0, grantsNow(pool.request()), "the 60 grants of this minute are remembered");
    nanos.addAndGet(Duration.ofSeconds(62).toNanos());
    assertEquals(30, grantsNow(pool.request()));
    pool.join(1);
    assertEquals(30, grantsNow(pool.request()), "grown back: room for the other 30");
  }

  @Test
  void aRestartedTaskThatJoinsBeforeItsOldInstanceLeftStaysCounted() {
    SharePool pool = new SharePool(LIMITS, 2);
    pool.join(0);
    pool.join(1);
    pool.join(1); // the new instance of task 1
    pool.leave(1); // the old one stops
    assertEquals(60, pool.requestsPerMinute());
    pool.leave(1);
    assertEquals(30, pool.requestsPerMinute());
  }

  @Test
  void tasksOfOneConnectorShareAPoolAndAConfigChangeMakesANewOne() {
    RateLimiterRegistry registry = new RateLimiterRegistry();
    SharePool.Member t0 = new SharePool.Member("conn", 0, 2);
    SharePool.Member t1 = new SharePool.Member("conn", 1, 2);
    SharePool a = registry.pool("http://api/v1", "k", t0, LIMITS);
    assertTrue(a == registry.pool("http://api/v1", "k", t1, LIMITS));
    assertTrue(
        a != registry.pool("http://api/v1", "k", new SharePool.Member("conn", 0, 3), LIMITS));
    assertTrue(
        a != registry.pool("http://api/v1", "k", new SharePool.Member("other", 0, 2), LIMITS));
    assertTrue(a != registry.pool("http://api/v1", "k", t0, new RateLimits(600, 1000, 120, 5, 12)));
  }
}
