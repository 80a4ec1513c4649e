package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void grantsNInAWindowThenWaitsForTheOldestGrantToLeaveIt() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(3, Duration.ofSeconds(10));
    assertTrue(limiter.tryAcquire(0));
    assertTrue(limiter.tryAcquire(2 * SECOND));
    assertTrue(limiter.tryAcquire(4 * SECOND));
    assertFalse(limiter.tryAcquire(5 * SECOND));
    assertEquals(5 * SECOND, limiter.nanosUntilFree(5 * SECOND));
    assertTrue(limiter.tryAcquire(10 * SECOND)); // first grant is exactly one window old
    assertFalse(limiter.tryAcquire(11 * SECOND));
    assertTrue(limiter.tryAcquire(12 * SECOND));
  }

  @Test
  void neverAllowsTwoWindowsWorthOfBurstAcrossAWindowEdge() {
    // A token bucket of 5/10s would grant 5 at t=9.9s and 5 more at t=10s.
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(5, Duration.ofSeconds(10));
    long edge = 9_900_000_000L;
    int granted = 0;
    for (long t = edge; t <= edge + SECOND; t += 10_000_000L) {
      granted += limiter.tryAcquire(t) ? 1 : 0;
    }
    assertEquals(5, granted);
  }

  @Test
  void gateGrantsOnlyWhenEveryLimiterAllowsAndRecordsInAllAtOnce() {
    AtomicLong clock = new AtomicLong();
    RateLimitGate gate = new RateLimitGate(clock::get, clock::addAndGet);
    SlidingWindowLimiter roomy = new SlidingWindowLimiter(10, Duration.ofSeconds(1));
    SlidingWindowLimiter tight = new SlidingWindowLimiter(1, Duration.ofSeconds(1));
    assertEquals(0, gate.tryAcquire(List.of(roomy, tight)));
    assertEquals(SECOND, gate.tryAcquire(List.of(roomy, tight)));
    // The refused attempt must not have used up a permit of the roomy limiter.
    for (int i = 0; i < 9; i++) {
      assertEquals(0, gate.tryAcquire(List.of(roomy)));
    }
    assertTrue(gate.tryAcquire(List.of(roomy)) > 0);
  }

  @Test
  void blockingAcquireWaitsOnTheInjectedClockAndReportsTheWait() throws Exception {
    AtomicLong clock = new AtomicLong();
    List<Long> sleeps = new ArrayList<>();
    RateLimitGate gate =
        new RateLimitGate(
            clock::get,
            nanos -> {
              sleeps.add(nanos);
              clock.addAndGet(nanos);
            });
    List<SlidingWindowLimiter> limiters =
        List.of(new SlidingWindowLimiter(2, Duration.ofSeconds(60)));
    assertEquals(0, gate.acquire(limiters, Long.MAX_VALUE));
    assertEquals(0, gate.acquire(limiters, Long.MAX_VALUE));
    assertEquals(60 * SECOND, gate.acquire(limiters, Long.MAX_VALUE));
    assertEquals(List.of(60 * SECOND), sleeps);
  }

  @Test
  void blockingAcquireRefusesAWaitLongerThanAllowed() {
    AtomicLong clock = new AtomicLong();
    RateLimitGate gate = new RateLimitGate(clock::get, clock::addAndGet);
    List<SlidingWindowLimiter> limiters =
        List.of(new SlidingWindowLimiter(1, Duration.ofSeconds(60)));
    assertEquals(0, gate.tryAcquire(limiters));
    RateLimitGate.WaitTooLongException e =
        assertThrows(
            RateLimitGate.WaitTooLongException.class, () -> gate.acquire(limiters, 59 * SECOND));
    assertEquals(60 * SECOND, e.waitNanos);
  }

  @Test
  void noWindowEverHoldsMoreThanNGrantsUnderConcurrency() throws Exception {
    int permits = 20;
    long window = TimeUnit.MILLISECONDS.toNanos(200);
    // The gate reads the clock once per attempt, under its lock: the last read is the grant time.
    ThreadLocal<Long> lastRead = new ThreadLocal<>();
    RateLimitGate gate =
        new RateLimitGate(
            () -> {
              long now = System.nanoTime();
              lastRead.set(now);
              return now;
            },
            nanos -> TimeUnit.NANOSECONDS.sleep(Math.min(nanos, 1_000_000)));
    List<SlidingWindowLimiter> limiters =
        List.of(new SlidingWindowLimiter(permits, Duration.ofNanos(window)));
    List<Long> grants = Collections.synchronizedList(new ArrayList<>());
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  while (System.nanoTime() < end) {
                    if (gate.tryAcquire(limiters) == 0) {
                      grants.add(lastRead.get());
                    } else {
                      Thread.onSpinWait();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> w : workers) {
        w.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Long> sorted = new ArrayList<>(grants);
    Collections.sort(sorted);
    assertTrue(sorted.size() >= 3 * permits, "too few grants to prove anything: " + sorted.size());
    for (int i = permits; i < sorted.size(); i++) {
      long span = sorted.get(i) - sorted.get(i - permits);
      assertTrue(span >= window, "grants " + (i - permits) + ".." + i + " within " + span + " ns");
    }
  }

  @Test
  void perUserSubmitLimitsAreIndependentAndAccountLimitsAreShared() {
    AtomicLong clock = new AtomicLong(1);
    RateLimitGate gate = new RateLimitGate(clock::get, clock::addAndGet);
    RateLimiterRegistry registry = new RateLimiterRegistry();
    RateLimits limits = new RateLimits(100, 1000, 7, 2, 12);
    RateLimiterRegistry.Account account = registry.account("https://x/api/v1", "key", limits);
    ClientRateLimiter a = new ClientRateLimiter(limits, account);
    ClientRateLimiter b =
        new ClientRateLimiter(limits, registry.account("https://x/api/v1", "key", limits));

    assertEquals(0, gate.tryAcquire(a.forSubmit("alice")));
    assertEquals(0, gate.tryAcquire(a.forSubmit("alice")));
    assertTrue(gate.tryAcquire(a.forSubmit("alice")) > 0, "alice has used her 2 per minute");
    assertTrue(gate.tryAcquire(b.forSubmit("alice")) > 0, "per-user limits are shared");
    assertEquals(0, gate.tryAcquire(a.forSubmit("bob")));
    assertEquals(0, gate.tryAcquire(b.forSubmit("carol")));
    assertEquals(0, gate.tryAcquire(b.forSubmit("carol")));
    assertEquals(0, gate.tryAcquire(b.forSubmit("dave")));
    assertEquals(0, gate.tryAcquire(b.forSubmit("erin")));
    // 7 submits across users exhaust the shared account submits/hour.
    assertTrue(gate.tryAcquire(a.forSubmit("frank")) > 0);
    assertEquals(0, gate.tryAcquire(a.forRequest()), "plain requests are not submits");
  }

  @Test
  void eachClientAlsoStaysWithinItsOwnShare() {
    AtomicLong clock = new AtomicLong(1);
    RateLimitGate gate = new RateLimitGate(clock::get, clock::addAndGet);
    RateLimiterRegistry registry = new RateLimiterRegistry();
    RateLimits full = new RateLimits(6, 1000, 120, 5, 12);
    ClientRateLimiter half =
        new ClientRateLimiter(full.scaledBy(0.5), registry.account("u", "k", full));
    ClientRateLimiter otherHalf =
        new ClientRateLimiter(full.scaledBy(0.5), registry.account("u", "k", full));
    for (int i = 0; i < 3; i++) {
      assertEquals(0, gate.tryAcquire(half.forRequest()));
    }
    assertTrue(gate.tryAcquire(half.forRequest()) > 0, "3 of 6 is this client's share");
    for (int i = 0; i < 3; i++) {
      assertEquals(0, gate.tryAcquire(otherHalf.forRequest()));
    }
    assertTrue(gate.tryAcquire(otherHalf.forRequest()) > 0);
  }

  @Test
  void accountsAreKeyedByBaseUrlAndKeyHash() {
    RateLimiterRegistry registry = new RateLimiterRegistry();
    RateLimits limits = RateLimits.publicDefaults();
    assertTrue(registry.account("u", "k1", limits) == registry.account("u", "k1", limits));
    assertFalse(registry.account("u", "k1", limits) == registry.account("u", "k2", limits));
    assertFalse(registry.account("u", "k1", limits) == registry.account("v", "k1", limits));
  }

  @Test
  void aLargeLimitGrowsItsLogAndStillCountsExactly() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(1000, Duration.ofSeconds(60));
    for (int i = 0; i < 1000; i++) {
      assertTrue(limiter.tryAcquire(i * 1_000_000L), "grant " + i);
    }
    assertFalse(limiter.tryAcquire(999_000_001L), "the 1001st within the window");
    // The first grant (at 0) leaves the window at 60 s: exactly one more is allowed then.
    assertEquals(60_000_000_000L - 999_000_001L, limiter.nanosUntilFree(999_000_001L));
    assertTrue(limiter.tryAcquire(60_000_000_000L));
    assertFalse(limiter.tryAcquire(60_000_000_000L));
  }
}
