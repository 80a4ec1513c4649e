package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.ClientAgainstSimulatorTest.awaitEnd;
import static co.igscraper.kafka.connect.client.ClientAgainstSimulatorTest.followers;
import static co.igscraper.kafka.connect.client.ClientAgainstSimulatorTest.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.Faults;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import co.igscraper.kafka.connect.simulator.SimulatorStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The client's retries and rate limiter, checked against what the simulator saw. */
class ClientUnderFaultsAndLimitsTest {
  private static final String KEY = ClientAgainstSimulatorTest.KEY;

  @Test
  void aHundredJobsUnderTwentyPercentFaultsAreEachCreatedOnceAndReadOnce() throws Exception {
    Faults faults =
        Faults.builder()
            .error500(0.06)
            .error503(0.06)
            .spurious429(0.04, 0)
            .dropConnection(0.02)
            .faultAfterCommit(0.10)
            .seed(42)
            .build();
    SimulatorConfig config =
        SimulatorConfig.builder()
            .apiKeys(KEY)
            .queuedFor(Duration.ofMillis(20))
            .processingFor(Duration.ofMillis(50))
            .rateLimitsDisabled()
            .faults(faults)
            .build();
    int jobs = 100;
    long start = System.nanoTime();
    try (IgScraperSimulator sim = IgScraperSimulator.start(config);
        IgScraperClient client =
            new IgScraperClient(
                settings(sim.baseUrl(), KEY).maxRetries(12).build(),
                new RateLimiterRegistry(),
                System::nanoTime)) {
      Map<String, Long> rowsByJob = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> pageDeliveries = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        int n = i;
        runs.add(
            pool.submit(
                () -> {
                  // Sizes 50..300 over 1..2 pages; each job its own end user, so dedup keeps all.
                  int max = 50 + (n * 37) % 251;
                  SubmittedJob job =
                      client.submitJob(followers("user-" + n, max, "nasa"), "fault-key-" + n);
                  awaitEnd(client, job.jobId(), new AtomicInteger());
                  long rows = 0;
                  int page = 1;
                  while (true) {
                    ResultsPage p = client.getResults(job.jobId(), page, 200);
                    pageDeliveries
                        .computeIfAbsent(job.jobId() + "#" + page, k -> new AtomicInteger())
                        .incrementAndGet();
                    rows += p.data().size();
                    if (!p.pagination().hasNext()) {
                      break;
                    }
                    page++;
                  }
                  assertEquals(null, rowsByJob.put(job.jobId(), rows), "job run twice");
                  return null;
                }));
      }
      pool.shutdown();
      for (Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
      long wallMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

      SimulatorStats stats = sim.stats();
      assertEquals(jobs, stats.jobsCreated(), "no job submitted twice");
      assertEquals(jobs, rowsByJob.size());
      long expectedRows = 0;
      for (String id : stats.jobIds()) {
        assertTrue(rowsByJob.containsKey(id), "every created job was read: " + id);
        assertEquals(stats.rowsDelivered(id), rowsByJob.get(id), "rows of " + id);
        expectedRows += stats.rowsDelivered(id);
      }
      assertEquals(expectedRows, rowsByJob.values().stream().mapToLong(Long::longValue).sum());
      pageDeliveries.forEach((page, n) -> assertEquals(1, n.get(), "page " + page));
      long faultsSeen =
          stats.requestsByEndpointAndStatus().values().stream()
              .flatMap(m -> m.entrySet().stream())
              .filter(e -> e.getKey() == 0 || e.getKey() >= 429)
              .mapToLong(Map.Entry::getValue)
              .sum();
      assertTrue(faultsSeen > 0, "faults were injected");
      assertTrue(client.metrics().retries() > 0);
      System.out.println(
          "100 jobs under 20% faults: rows="
              + expectedRows
              + ", requests="
              + stats.totalRequests()
              + ", replays="
              + stats.replays()
              + ", faulted answers="
              + faultsSeen
              + ", wall time="
              + wallMillis
              + " ms, "
              + client.metrics()
              + ", "
              + stats);
    }
  }

  /**
   * Both sides run on one clock that goes {@value #SPEED} times faster than real time, so a minute
   * window passes in six seconds; the client never sleeps in its limiter (its retry budget is
   * tiny), the callers wait out the {@code CLIENT_RATE_LIMITED} hint themselves.
   */
  @Test
  void theLimiterNeverLetsMoreThanTheLimitThroughInAnyWindow() throws Exception {
    int limit = 40;
    warmUp();
    FastClock clock = new FastClock();
    SimulatorConfig config =
        SimulatorConfig.builder()
            .apiKeys(KEY)
            .clock(clock)
            .rateLimits(limit, 1_000_000, 1_000_000, 1_000_000, 1_000_000)
            .build();
    try (IgScraperSimulator sim = IgScraperSimulator.start(config);
        IgScraperClient client =
            new IgScraperClient(
                settings(sim.baseUrl(), KEY)
                    .rateLimits(new RateLimits(limit, 1_000_000, 1_000_000, 1_000_000, 1_000_000))
                    .maxRetries(0)
                    .maxRetryDuration(Duration.ofNanos(1))
                    .build(),
                new RateLimiterRegistry(),
                clock::nanos)) {
      long primed = openConnections(sim.baseUrl());
      // Past one window (and its margin), so no window holds both priming and measured requests.
      TimeUnit.NANOSECONDS.sleep(Duration.ofSeconds(62).toNanos() / SPEED);
      String jobId = client.submitJob(followers("limiter", 50, "nasa"), "limiter-key").jobId();
      AtomicLong sent = new AtomicLong(1);
      AtomicLong refused = new AtomicLong();
      long end = System.nanoTime() + Duration.ofMillis(6_600).toNanos();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> hammers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        hammers.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < end) {
                    try {
                      client.getJob(jobId);
                      sent.incrementAndGet();
                    } catch (IgScraperException e) {
                      if (e.httpStatus() == 429) {
                        sent.incrementAndGet();
                        continue;
                      }
                      assertEquals(
                          IgScraperException.CLIENT_RATE_LIMITED, e.code(), e.getMessage());
                      refused.incrementAndGet();
                      // Like the client's own gate: sleep until the permit frees, on the fast
                      // clock.
                      long realNanos = e.retryAfter().orElseThrow().toNanos() / SPEED;
                      TimeUnit.NANOSECONDS.sleep(Math.max(100_000, realNanos));
                    }
                  }
                  return null;
                }));
      }
      pool.shutdown();
      for (Future<?> h : hammers) {
        h.get(30, TimeUnit.SECONDS);
      }
      SimulatorStats stats = sim.stats();
      long busiest = stats.busiestWindow(Duration.ofMinutes(1));
      System.out.println(
          "limiter at "
              + limit
              + "/min on a "
              + SPEED
              + "x clock: sent="
              + sent.get()
              + ", refused client-side="
              + refused.get()
              + ", busiest simulator minute="
              + busiest
              + ", simulator 429s="
              + stats.tooManyRequestsSent()
              + ", "
              + stats);
      assertEquals(0, stats.tooManyRequestsSent(), "the simulator never had to refuse");
      assertEquals(limit, busiest, "the limit is reached but never exceeded");
      assertEquals(sent.get() + primed, stats.totalRequests());
      assertTrue(sent.get() >= 2 * limit, "several windows were exercised: " + sent.get());
      assertTrue(refused.get() > 0, "the limiter held callers back");
    }
  }

  private static final long SPEED = 10;

  /**
   * Opens the pooled connections to the simulator with a wrong key: 401s count against no limit,
   * and a new loopback connection can take 200 ms, which the fast clock would make seconds.
   */
  private static long openConnections(String baseUrl) throws Exception {
    try (IgScraperClient stranger =
        new IgScraperClient(
            settings(baseUrl, "sk_not_a_key").build(),
            new RateLimiterRegistry(),
            System::nanoTime)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(
            pool.submit(
                () ->
                    assertEquals(
                        401,
                        assertThrows(IgScraperException.class, () -> stranger.getJob("x"))
                            .httpStatus())));
      }
      pool.shutdown();
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
      return calls.size();
    }
  }

  // A cold JVM takes ~100 ms over its first requests, which the fast clock would turn into seconds
  // of transit time, far beyond any real network's jitter.
  private static void warmUp() throws Exception {
    try (IgScraperSimulator sim =
            IgScraperSimulator.start(
                SimulatorConfig.builder().apiKeys(KEY).rateLimitsDisabled().build());
        IgScraperClient client =
            new IgScraperClient(
                settings(sim.baseUrl(), KEY).build(),
                new RateLimiterRegistry(),
                System::nanoTime)) {
      String jobId = client.submitJob(followers("warm-up", 50, "nasa"), "warm-up").jobId();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        calls.add(pool.submit(() -> client.getJob(jobId)));
      }
      pool.shutdown();
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Real time sped up {@link #SPEED} times; one instance serves client and simulator. */
  private static final class FastClock extends Clock {
    private final long origin = System.nanoTime();
    private final Instant epoch = Instant.parse("2026-03-17T17:30:00Z");

    long nanos() {
      return (System.nanoTime() - origin) * SPEED;
    }

    @Override
    public Instant instant() {
      return epoch.plusNanos(nanos());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
