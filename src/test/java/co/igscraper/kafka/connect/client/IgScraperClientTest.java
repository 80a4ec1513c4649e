package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IgScraperClientTest {
  private static final String KEY = "sk_test_0123456789abcdef";
  private static final String JOB = "{\"job_id\":\"j1\",\"status\":\"QUEUED\",\"replayed\":false}";
  private static final String RESULTS =
      "{\"job_id\":\"j1\",\"status\":\"COMPLETED\",\"columns\":[\"a\"],\"data\":[{\"a\":\"1\"}],"
          + "\"messages\":[],\"pagination\":{\"page\":2,\"limit\":200,\"total\":201,"
          + "\"total_pages\":2,\"has_next\":false,\"has_prev\":true}}";
  private static final JobRequest REQUEST =
      new JobRequest("customer-123", "followers", Map.of("usernames", List.of("nasa")));

  private ScriptedServer server;
  private IgScraperClient client;

  @BeforeEach
  void startServer() throws IOException {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private IgScraperClient client(UnaryOperator<ClientSettings.Builder> custom) {
    ClientSettings.Builder b =
        ClientSettings.builder()
            .baseUrl(server.baseUrl())
            .apiKey(KEY)
            .initialBackoff(Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(40));
    // A registry per test: limiters of other tests must not slow this one down.
    client =
        new IgScraperClient(custom.apply(b).build(), new RateLimiterRegistry(), System::nanoTime);
    return client;
  }

  private IgScraperClient client() {
    return client(b -> b);
  }

  @Test
  void submitSendsAuthHeadersIdempotencyKeyAndJsonBody() throws Exception {
    server.reply(201, JOB);
    SubmittedJob job = client().submitJob(REQUEST, "key-1");

    assertEquals(new SubmittedJob("j1", JobStatus.QUEUED, false), job);
    ScriptedServer.Received r = server.received.get(0);
    assertEquals("POST", r.method());
    assertEquals("/api/v1/jobs", r.uri());
    assertEquals("Bearer " + KEY, r.headers().getFirst("Authorization"));
    assertTrue(r.headers().getFirst("User-Agent").startsWith("kafka-connect-igscraper/"));
    assertEquals("application/json", r.headers().getFirst("Accept"));
    assertTrue(r.headers().getFirst("Content-Type").startsWith("application/json"));
    assertEquals("key-1", r.headers().getFirst("Idempotency-Key"));
    JsonNode body = ResponseParser.MAPPER.readTree(r.body());
    assertEquals(
        ResponseParser.MAPPER.readTree(
            "{\"external_user_id\":\"customer-123\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\"]}}"),
        body);
  }

  @Test
  void aReplayedSubmitIsReportedAsReplayed() {
    server.reply(200, "{\"job_id\":\"j1\",\"status\":\"COMPLETED\",\"replayed\":true}");
    assertEquals(
        new SubmittedJob("j1", JobStatus.COMPLETED, true), client().submitJob(REQUEST, "key-1"));
  }

  @Test
  void readsJobsResultsAndEnrichmentOnTheDocumentedPaths() throws Exception {
    server
        .reply(200, "{\"job_id\":\"j/1\",\"status\":\"PROCESSING\",\"progress_percent\":45}")
        .reply(200, RESULTS)
        .reply(200, "{\"job_id\":\"j1\",\"estimated_cost\":100}")
        .reply(202, "{\"job_id\":\"j1\",\"status\":\"QUEUED\",\"enrichment_requested\":true}");
    IgScraperClient c = client();

    assertEquals(45, c.getJob("j/1").progressPercent());
    assertEquals(
        new Pagination(2, 200, 201L, 2, false, true), c.getResults("j1", 2, 200).pagination());
    assertEquals(
        new java.math.BigDecimal("100"),
        c.enrichmentPreflight("j1", new Addons(true, false)).estimatedCost());
    EnrichmentStatus started = c.startEnrichment("j1", new Addons(false, true));
    assertEquals(202, started.httpStatus());

    List<ScriptedServer.Received> r = server.received;
    assertEquals("/api/v1/jobs/j%2F1", r.get(0).uri(), "ids are path-encoded");
    assertEquals("/api/v1/jobs/j1/results?page=2&limit=200", r.get(1).uri());
    assertEquals(
        "/api/v1/jobs/j1/enrich?enrich_profiles=true&enrich_country_date=false", r.get(2).uri());
    assertEquals("POST", r.get(3).method());
    assertEquals(
        ResponseParser.MAPPER.readTree("{\"enrich_profiles\":false,\"enrich_country_date\":true}"),
        ResponseParser.MAPPER.readTree(r.get(3).body()));
    assertTrue(c.metrics().latencySamples() >= 4);
    assertTrue(c.metrics().latencyNanosTotal() > 0);
    assertEquals(
        c.metrics().latencyNanosTotal() / c.metrics().latencySamples(),
        c.metrics().latencyMean().toNanos());
  }

  @Test
  void retriesTransientErrorsWithTheSameKeyAndBody() {
    server
        .reply(503, "{\"error\":{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"busy\"}}")
        .reply(502, "<html><h1>502 Bad Gateway</h1></html>")
        .reply(200, "{\"job_id\":\"j1\",\"status\":\"QUEUED\"")
        .reply(201, JOB);
    IgScraperClient c = client();
    assertEquals("j1", c.submitJob(REQUEST, "key-1").jobId());

    assertEquals(4, server.received.size());
    for (ScriptedServer.Received r : server.received) {
      assertEquals("key-1", r.headers().getFirst("Idempotency-Key"));
      assertEquals(server.received.get(0).body(), r.body());
    }
    assertEquals(3, c.metrics().retries());
    assertEquals(4, c.metrics().requests());
    assertEquals(2, c.metrics().responses5xx());
    assertEquals(2, c.metrics().responses2xx());
  }

  @Test
  void waitsAtLeastRetryAfterOn429() {
    server.reply(
        429,
        "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\"}}",
        "Retry-After",
        "1");
    server.reply(200, JOB);
    IgScraperClient c = client();
    long start = System.nanoTime();
    c.getJob("j1");
    assertTrue(System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(1), "Retry-After honoured");
    assertEquals(1, c.metrics().tooManyRequests());
    assertEquals(1, c.metrics().retries());
  }

  @Test
  void aRetryAfterBeyondTheRetryBudgetFailsAtOnceWithTheWait() {
    server.reply(429, "{\"error\":\"Too many requests\"}", "Retry-After", "30");
    IgScraperClient c = client(b -> b.maxRetryDuration(Duration.ofSeconds(5)));
    long start = System.nanoTime();
    IgScraperException e = assertThrows(IgScraperException.class, () -> c.getJob("j1"));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    assertEquals(429, e.httpStatus());
    assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
    assertEquals(1, server.received.size());
  }

  @Test
  void permanentErrorsAreThrownAtOnceWithAKeyFreeMessage() {
    server.reply(
        402,
        "{\"error\":{\"code\":\"INSUFFICIENT_CREDITS\",\"message\":\"Not enough credits for key "
            + KEY
            + "\"}}");
    IgScraperException e =
        assertThrows(IgScraperException.class, () -> client().submitJob(REQUEST, "key-1"));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals("INSUFFICIENT_CREDITS", e.code());
    assertEquals("POST /jobs", e.endpoint());
    assertTrue(
        e.getMessage().startsWith("POST /jobs failed: HTTP 402 INSUFFICIENT_CREDITS: Not enough"),
        e.getMessage());
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
    assertFalse(e.serverMessage().contains(KEY));
    assertEquals(1, server.received.size());
  }

  @Test
  void validationErrorsNameTheField() {
    server.reply(
        400,
        "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"invalid username\","
            + "\"field\":\"params.usernames[2]\"}}");
    IgScraperException e =
        assertThrows(IgScraperException.class, () -> client().submitJob(REQUEST, "key-1"));
    assertEquals("params.usernames[2]", e.field());
    assertTrue(e.getMessage().contains("params.usernames[2]"), e.getMessage());
  }

  @Test
  void resultsBeforeCompletionAreNotReadyAndNotRetried() {
    server.reply(409, "{\"error\":{\"code\":\"JOB_NOT_COMPLETED\",\"message\":\"wait\"}}");
    IgScraperException e =
        assertThrows(IgScraperException.class, () -> client().getResults("j1", 1, 50));
    assertEquals(ErrorKind.NOT_READY, e.kind());
    assertEquals("GET /jobs/{id}/results", e.endpoint());
    assertEquals(1, server.received.size());
  }

  @Test
  void anHtmlErrorPageIsMalformedAndClassifiedByStatus() {
    server.reply(404, "<html><body>Not Found</body></html>", "Content-Type", "text/html");
    MalformedResponseException e =
        assertThrows(MalformedResponseException.class, () -> client().getJob("j1"));
    assertEquals(ErrorKind.PERMANENT, e.kind());
    assertEquals(404, e.httpStatus());
    assertTrue(e.getMessage().contains("Not Found"), e.getMessage());
    assertEquals(1, server.received.size());
  }

  @Test
  void malformedSuccessIsRetriedOnlyWithinMaxRetries() {
    for (int i = 0; i < 3; i++) {
      server.reply(200, "{\"job_id\":\"j1\",\"data\":[");
    }
    IgScraperClient c = client(b -> b.maxRetries(2));
    MalformedResponseException e =
        assertThrows(MalformedResponseException.class, () -> c.getResults("j1", 1, 50));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    assertEquals(3, server.received.size());
    assertEquals(2, c.metrics().retries());
  }

  @Test
  void connectionFailuresAreTransientIoErrorsRetriedWithinBounds() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    IgScraperClient c =
        client(b -> b.baseUrl("http://127.0.0.1:" + closedPort + "/api/v1").maxRetries(2));
    IgScraperException e = assertThrows(IgScraperException.class, () -> c.getJob("j1"));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    assertEquals(0, e.httpStatus());
    assertInstanceOf(IOException.class, e.getCause());
    assertEquals(3, c.metrics().ioErrors());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void aReadTimeoutIsTransient() {
    server.hang();
    IgScraperClient c = client(b -> b.readTimeout(Duration.ofMillis(200)).maxRetries(0));
    IgScraperException e = assertThrows(IgScraperException.class, () -> c.getJob("j1"));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    assertInstanceOf(SocketTimeoutException.class, e.getCause());
  }

  @Test
  void closeCancelsAnInFlightCall() throws Exception {
    server.hang();
    IgScraperClient c = client();
    CompletableFuture<Job> call = CompletableFuture.supplyAsync(() -> c.getJob("j1"));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.received.size() == 1);
    c.close();
    assertAborted(call);
  }

  @Test
  void closeAbortsARetryBackoff() throws Exception {
    server.reply(503, "{\"error\":\"busy\"}");
    IgScraperClient c =
        client(b -> b.initialBackoff(Duration.ofSeconds(30)).maxBackoff(Duration.ofSeconds(30)));
    CompletableFuture<Job> call = CompletableFuture.supplyAsync(() -> c.getJob("j1"));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> c.metrics().retries() == 1);
    c.close();
    assertAborted(call);
  }

  @Test
  void closeAbortsARateLimitWait() throws Exception {
    server.reply(200, JOB).reply(200, JOB);
    IgScraperClient c = client(b -> b.rateLimits(new RateLimits(1, 1000, 120, 5, 12)));
    c.getJob("j1");
    CompletableFuture<Job> call = CompletableFuture.supplyAsync(() -> c.getJob("j1"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> c.metrics().requests() == 1 && !call.isDone());
    Thread.sleep(100); // let the second call reach its rate-limit wait
    c.close();
    assertAborted(call);
    assertEquals(1, server.received.size());
  }

  @Test
  void interruptingTheCallerAbortsABackoffAndKeepsTheInterruptFlag() throws Exception {
    server.reply(503, "{\"error\":\"busy\"}");
    IgScraperClient c =
        client(b -> b.initialBackoff(Duration.ofSeconds(30)).maxBackoff(Duration.ofSeconds(30)));
    CompletableFuture<Object[]> outcome = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                c.getJob("j1");
                outcome.complete(new Object[] {null, false});
              } catch (IgScraperException e) {
                outcome.complete(new Object[] {e, Thread.currentThread().isInterrupted()});
              }
            });
    caller.start();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> c.metrics().retries() == 1);
    caller.interrupt();
    Object[] result = outcome.get(5, TimeUnit.SECONDS);
    IgScraperException e = (IgScraperException) result[0];
    assertNotNull(e);
    assertEquals(IgScraperException.INTERRUPTED, e.code());
    assertEquals(true, result[1], "interrupt flag restored");
  }

  @Test
  void theClientSideLimiterRefusesAWaitLongerThanTheRetryBudget() {
    server.reply(200, JOB).reply(200, JOB);
    IgScraperClient c =
        client(
            b ->
                b.rateLimits(new RateLimits(1, 1000, 120, 5, 12))
                    .maxRetryDuration(Duration.ofSeconds(1)));
    c.getJob("j1");
    IgScraperException e = assertThrows(IgScraperException.class, () -> c.getJob("j1"));
    assertEquals(IgScraperException.CLIENT_RATE_LIMITED, e.code());
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    Duration wait = e.retryAfter().orElseThrow();
    assertTrue(
        wait.compareTo(Duration.ofSeconds(55)) > 0 && wait.compareTo(Duration.ofSeconds(61)) <= 0);
    assertEquals(1, server.received.size(), "the refused request was never sent");
  }

  @Test
  void perUserSubmitLimitsHoldAcrossClientsOfTheSameAccount() {
    RateLimiterRegistry registry = new RateLimiterRegistry();
    ClientSettings settings =
        ClientSettings.builder()
            .baseUrl(server.baseUrl())
            .apiKey(KEY)
            .maxRetryDuration(Duration.ofSeconds(1))
            .rateLimits(new RateLimits(60, 1000, 120, 1, 12))
            .build();
    server.reply(201, JOB).reply(201, JOB);
    try (IgScraperClient a = new IgScraperClient(settings, registry, System::nanoTime);
        IgScraperClient b = new IgScraperClient(settings, registry, System::nanoTime)) {
      a.submitJob(REQUEST, "k1");
      IgScraperException e =
          assertThrows(IgScraperException.class, () -> b.submitJob(REQUEST, "k2"));
      assertEquals(IgScraperException.CLIENT_RATE_LIMITED, e.code());
      b.submitJob(new JobRequest("customer-456", "followers", Map.of()), "k3");
    }
    assertEquals(2, server.received.size());
  }

  @Test
  void aClosedClientRefusesCallsAndCloseIsIdempotent() {
    IgScraperClient c = client();
    c.close();
    c.close();
    IgScraperException e = assertThrows(IgScraperException.class, () -> c.getJob("j1"));
    assertEquals(IgScraperException.CLIENT_CLOSED, e.code());
    assertTrue(server.received.isEmpty());
  }

  @Test
  void rejectsInvalidArgumentsBeforeSending() {
    IgScraperClient c = client();
    assertThrows(IllegalArgumentException.class, () -> c.submitJob(REQUEST, null));
    assertThrows(IllegalArgumentException.class, () -> c.submitJob(REQUEST, ""));
    assertThrows(IllegalArgumentException.class, () -> c.submitJob(REQUEST, "k".repeat(256)));
    server.reply(201, JOB);
    assertEquals("j1", c.submitJob(REQUEST, "k".repeat(255)).jobId()); // longest allowed key
    assertThrows(IllegalArgumentException.class, () -> c.getResults("j1", 0, 50));
    assertThrows(IllegalArgumentException.class, () -> c.getResults("j1", 1, 0));
    assertThrows(IllegalArgumentException.class, () -> c.getResults("j1", 1, 201));
    assertThrows(IllegalArgumentException.class, () -> c.getJob(" "));
  }

  private static void assertAborted(CompletableFuture<?> call) throws Exception {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> call.get(3, TimeUnit.SECONDS));
    IgScraperException cause = assertInstanceOf(IgScraperException.class, e.getCause());
    assertEquals(IgScraperException.CLIENT_CLOSED, cause.code());
  }
}
