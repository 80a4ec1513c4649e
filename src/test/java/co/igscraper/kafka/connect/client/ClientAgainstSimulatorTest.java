package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import co.igscraper.kafka.connect.simulator.SimulatorStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real client against the real simulator over HTTP: two independent readings of the vendor docs
 * that must agree on the job lifecycle, idempotency, errors and enrichment.
 */
class ClientAgainstSimulatorTest {
  static final String KEY = "sk_sim_0123456789abcdef";
  static final List<String> FOLLOWER_COLUMNS =
      List.of(
          "source",
          "type",
          "user_id",
          "username",
          "full_name",
          "verified",
          "private",
          "profile_pic_url");
  static final List<String> PROFILE_COLUMNS =
      List.of(
          "biography",
          "email",
          "phone",
          "follower_count",
          "media_count",
          "following_count",
          "account_type",
          "business",
          "business_category_name",
          "category_name",
          "category",
          "city_id",
          "city_name",
          "website");
  static final RateLimits UNLIMITED =
      new RateLimits(1_000_000, 1_000_000, 1_000_000, 10_000, 10_000);

  private static final AtomicInteger KEYS = new AtomicInteger();

  private IgScraperSimulator sim;
  private IgScraperClient client;

  @BeforeEach
  void start() {
    sim =
        IgScraperSimulator.start(
            SimulatorConfig.builder()
                .apiKeys(KEY)
                .queuedFor(Duration.ofMillis(20))
                .processingFor(Duration.ofMillis(50))
                .enrichmentFor(Duration.ofMillis(300))
                .rateLimitsDisabled()
                .build());
    client = client(KEY);
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private IgScraperClient client(String apiKey) {
    return new IgScraperClient(
        settings(sim.baseUrl(), apiKey).build(), new RateLimiterRegistry(), System::nanoTime);
  }

  static ClientSettings.Builder settings(String baseUrl, String apiKey) {
    return ClientSettings.builder()
        .baseUrl(baseUrl)
        .apiKey(apiKey)
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(50))
        .rateLimits(UNLIMITED);
  }

  static JobRequest followers(String user, int max, String... usernames) {
    return new JobRequest(
        user, "followers", Map.of("usernames", List.of(usernames), "max_followers", max));
  }

  static String newKey() {
    return "idem-" + KEYS.incrementAndGet() + "-" + System.nanoTime();
  }

  /** Polls every 10 ms until the job leaves QUEUED/PROCESSING; returns the final job. */
  static Job awaitEnd(IgScraperClient client, String jobId, AtomicInteger polls) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Job job = client.getJob(jobId);
      polls.incrementAndGet();
      if (job.status() != JobStatus.QUEUED && job.status() != JobStatus.PROCESSING) {
        return job;
      }
      assertTrue(System.nanoTime() < deadline, "job " + jobId + " did not end in time");
      sleep(10);
    }
  }

  /** Reads every page at {@code limit}; returns the pages in order. */
  static List<ResultsPage> readAll(IgScraperClient client, String jobId, int limit) {
    List<ResultsPage> pages = new ArrayList<>();
    int page = 1;
    while (true) {
      ResultsPage p = client.getResults(jobId, page, limit);
      pages.add(p);
      if (!p.pagination().hasNext()) {
        return pages;
      }
      page++;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static <T> IgScraperException failure(Supplier<T> call) {
    return assertThrows(IgScraperException.class, call::get);
  }

  private SimulatorStats stats() {
    return sim.stats();
  }

  @Test
  void aJobRunsEndToEndAndItsKeyReplaysTheSameJob() {
    JobRequest request = followers("customer-123", 450, "nasa");
    String key = newKey();

    SubmittedJob submitted = client.submitJob(request, key);
    assertFalse(submitted.replayed());
    assertEquals(JobStatus.QUEUED, submitted.status());

    Job done = awaitEnd(client, submitted.jobId(), new AtomicInteger());
    assertEquals(JobStatus.COMPLETED, done.status());
    assertEquals(100, done.progressPercent());
    assertNotNull(done.completedAt());
    assertEquals("followers", done.toolType());

    List<ResultsPage> pages = readAll(client, submitted.jobId(), 200);
    long rows = pages.stream().mapToLong(p -> p.data().size()).sum();
    assertEquals(stats().rowsDelivered(submitted.jobId()), rows);
    assertEquals(450, rows);
    assertEquals(done.numberOfResults(), rows);
    assertEquals(3, pages.size());
    for (ResultsPage p : pages) {
      assertEquals(FOLLOWER_COLUMNS, p.columns());
      assertEquals(450, p.pagination().total());
      assertEquals(3, p.pagination().totalPages());
      for (Map<String, String> row : p.data()) {
        assertEquals(FOLLOWER_COLUMNS, List.copyOf(row.keySet()));
        assertEquals("nasa", row.get("source"));
        assertEquals("follower", row.get("type"));
      }
    }
    assertEquals(
        450,
        pages.stream()
            .flatMap(p -> p.data().stream())
            .map(r -> r.get("user_id"))
            .distinct()
            .count(),
        "user ids are unique");

    SubmittedJob replay = client.submitJob(request, key);
    assertTrue(replay.replayed());
    assertEquals(submitted.jobId(), replay.jobId());
    assertEquals(JobStatus.COMPLETED, replay.status());
    assertEquals(1, stats().jobsCreated());
    assertEquals(1, stats().replays());

    IgScraperException e =
        failure(() -> client.submitJob(followers("customer-123", 451, "nasa"), key));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals(409, e.httpStatus());
    assertEquals("IDEMPOTENCY_KEY_MISMATCH", e.code());
    assertFalse(e.serverMessage().isEmpty());
    assertEquals(1, stats().requests("POST /jobs", 409));
    assertEquals(0, client.metrics().retries());
    assertEquals(1, stats().jobsCreated());
  }

  @Test
  void aTenThousandRowJobCostsOneSubmitItsPollsAndFiftyPages() {
    long start = System.nanoTime();
    SubmittedJob submitted = client.submitJob(followers("big-customer", 10_000, "nasa"), newKey());
    AtomicInteger polls = new AtomicInteger();
    awaitEnd(client, submitted.jobId(), polls);
    List<ResultsPage> pages = readAll(client, submitted.jobId(), 200);
    long wallMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    long rows = pages.stream().mapToLong(p -> p.data().size()).sum();
    assertEquals(10_000, rows);
    assertEquals(stats().rowsDelivered(submitted.jobId()), rows);
    assertEquals(50, pages.size());
    assertEquals(1 + polls.get() + 50, client.metrics().requests());
    assertEquals(client.metrics().requests(), stats().totalRequests());
    System.out.println(
        "10,000-row job at page size 200: requests="
            + client.metrics().requests()
            + " (1 submit + "
            + polls.get()
            + " polls + "
            + pages.size()
            + " pages), wall time="
            + wallMillis
            + " ms (queued 20 ms + processing 50 ms, polled every 10 ms), "
            + client.metrics());
  }

  @Test
  void validationErrorsArePermanentAndNameTheField() {
    JobRequest bad =
        new JobRequest(
            "customer-123", "followers", Map.of("usernames", List.of("nasa", "bad name!")));
    IgScraperException e = failure(() -> client.submitJob(bad, newKey()));
    assertPermanent(e, 400, "VALIDATION_ERROR");
    assertEquals("params.usernames[1]", e.field());
    assertTrue(e.getMessage().contains("params.usernames[1]"), e.getMessage());
    assertEquals(1, stats().requests("POST /jobs", 400));

    IgScraperException tooMany =
        failure(() -> client.submitJob(followers("customer-123", 10_001, "nasa"), newKey()));
    assertPermanent(tooMany, 400, "VALIDATION_ERROR");
    assertEquals("params.max_followers", tooMany.field());
    assertEquals(2, stats().requests("POST /jobs", 400));
    assertEquals(0, stats().jobsCreated());
  }

  @Test
  void aWrongKeyIsPermanentAndItsMessageNeverShowsTheKey() {
    String wrong = "sk_wrong_9f8e7d6c5b4a3210";
    try (IgScraperClient other = client(wrong)) {
      IgScraperException e = failure(() -> other.getJob("any-job"));
      assertPermanent(e, 401, "UNAUTHORIZED");
      assertFalse(e.getMessage().contains(wrong), e.getMessage());
      assertFalse(e.serverMessage().contains(wrong), e.serverMessage());
      assertEquals(0, other.metrics().retries());
    }
    assertEquals(1, stats().requests("GET /jobs/{id}", 401));
  }

  @Test
  void tooFewCreditsArePermanent() {
    sim.setCredits(KEY, 100);
    IgScraperException e =
        failure(() -> client.submitJob(followers("customer-123", 50, "nasa"), newKey()));
    assertPermanent(e, 402, "INSUFFICIENT_CREDITS");
    assertTrue(e.serverMessage().contains("credits"), e.serverMessage());
    assertEquals(1, stats().requests("POST /jobs", 402));
    assertEquals(0, stats().jobsCreated());
  }

  @Test
  void aBlockedExternalUserIsPermanent() {
    sim.blockExternalUser(KEY, "blocked-user");
    IgScraperException e =
        failure(() -> client.submitJob(followers("blocked-user", 50, "nasa"), newKey()));
    assertPermanent(e, 403, "EXTERNAL_USER_BLOCKED");
    assertEquals(1, stats().requests("POST /jobs", 403));
  }

  @Test
  void anUnknownJobIsPermanentOnEveryJobEndpoint() {
    String unknown = "00000000-0000-4000-8000-000000000000";
    assertPermanent(failure(() -> client.getJob(unknown)), 404, "JOB_NOT_FOUND");
    assertPermanent(failure(() -> client.getResults(unknown, 1, 200)), 404, "JOB_NOT_FOUND");
    Addons profiles = new Addons(true, false);
    assertPermanent(
        failure(() -> client.enrichmentPreflight(unknown, profiles)), 404, "JOB_NOT_FOUND");
    assertPermanent(failure(() -> client.startEnrichment(unknown, profiles)), 404, "JOB_NOT_FOUND");
    assertEquals(1, stats().requests("GET /jobs/{id}", 404));
    assertEquals(1, stats().requests("GET /jobs/{id}/results", 404));
    assertEquals(1, stats().requests("GET /jobs/{id}/enrich", 404));
    assertEquals(1, stats().requests("POST /jobs/{id}/enrich", 404));
  }

  @Test
  void resultsBeforeCompletionAreNotReadyAndNotRetried() {
    SubmittedJob job = client.submitJob(followers("customer-123", 50, "nasa"), newKey());
    IgScraperException e = failure(() -> client.getResults(job.jobId(), 1, 200));
    assertEquals(ErrorKind.NOT_READY, e.kind());
    assertEquals(409, e.httpStatus());
    assertEquals("JOB_NOT_COMPLETED", e.code());
    assertFalse(e.serverMessage().isEmpty());
    assertEquals(1, stats().requests("GET /jobs/{id}/results", 409));
    assertEquals(0, client.metrics().retries());
  }

  @Test
  void enrichmentAddsColumnsAfterAnUpgradeThatIsNotReadyWhileItRuns() {
    SubmittedJob submitted = client.submitJob(followers("customer-123", 120, "nasa"), newKey());
    awaitEnd(client, submitted.jobId(), new AtomicInteger());
    String id = submitted.jobId();
    Addons profiles = new Addons(true, false);

    EnrichmentStatus preflight = client.enrichmentPreflight(id, profiles);
    assertEquals(200, preflight.httpStatus());
    assertEquals(List.of("enrich_profiles", "enrich_country_date"), preflight.supportedAddons());
    assertEquals(List.of(), preflight.appliedAddons());
    assertEquals(List.of("enrich_profiles"), preflight.selectedAddons());
    assertEquals(PROFILE_COLUMNS, preflight.fieldsAdded());
    assertEquals(java.math.BigDecimal.valueOf(120L * 2), preflight.estimatedCost());
    assertFalse(preflight.enriched());

    EnrichmentStatus started = client.startEnrichment(id, profiles);
    assertEquals(202, started.httpStatus());
    assertFalse(started.replayed());
    assertTrue(started.enrichmentRequested());

    EnrichmentStatus replay = client.startEnrichment(id, profiles);
    assertEquals(202, replay.httpStatus());
    assertTrue(replay.replayed());

    IgScraperException notReady = failure(() -> client.getResults(id, 1, 200));
    assertEquals(ErrorKind.NOT_READY, notReady.kind());
    assertEquals("ENRICHMENT_IN_PROGRESS", notReady.code());
    assertEquals(1, stats().requests("GET /jobs/{id}/results", 409));
    assertEquals(0, client.metrics().retries());

    List<ResultsPage> pages = awaitResults(id);
    List<String> expected = new ArrayList<>(FOLLOWER_COLUMNS);
    expected.addAll(PROFILE_COLUMNS);
    assertEquals(expected, pages.get(0).columns());
    assertEquals(120, pages.get(0).data().size());
    assertEquals(expected, List.copyOf(pages.get(0).data().get(0).keySet()));

    EnrichmentStatus covered = client.startEnrichment(id, profiles);
    assertEquals(200, covered.httpStatus());
    assertTrue(covered.replayed());
    assertEquals(List.of("enrich_profiles"), covered.appliedAddons());
    assertTrue(covered.enriched());
    assertFalse(covered.fullyEnriched());

    IgScraperException none = failure(() -> client.startEnrichment(id, new Addons(false, false)));
    assertPermanent(none, 400, "NO_ADDON_SELECTED");
    IgScraperException nonePreflight =
        failure(() -> client.enrichmentPreflight(id, new Addons(false, false)));
    assertPermanent(nonePreflight, 400, "NO_ADDON_SELECTED");
    assertEquals(1, stats().requests("POST /jobs/{id}/enrich", 400));
    assertEquals(1, stats().requests("GET /jobs/{id}/enrich", 400));
  }

  private List<ResultsPage> awaitResults(String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return readAll(client, id, 200);
      } catch (IgScraperException e) {
        assertEquals(ErrorKind.NOT_READY, e.kind(), e.getMessage());
        assertTrue(System.nanoTime() < deadline, "upgrade did not finish in time");
        sleep(20);
      }
    }
  }

  private void assertPermanent(IgScraperException e, int status, String code) {
    assertEquals(ErrorKind.PERMANENT, e.kind(), e.getMessage());
    assertEquals(status, e.httpStatus(), e.getMessage());
    assertEquals(code, e.code(), e.getMessage());
    assertNotNull(e.serverMessage());
    assertFalse(e.serverMessage().isBlank(), e.getMessage());
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
    assertEquals(0, client.metrics().retries(), "permanent errors are not retried");
  }

  static Map<String, Integer> counts(List<String> values) {
    Map<String, Integer> counts = new HashMap<>();
    values.forEach(v -> counts.merge(v, 1, Integer::sum));
    return counts;
  }
}
