package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private final ManualClock clock = new ManualClock();
  private IgScraperSimulator sim;
  private TestHttp http;

  @BeforeEach
  void start() {
    sim = IgScraperSimulator.start(SimulatorFixture.config(clock).build());
    http = new TestHttp(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void injected500And503HaveJsonBodiesAndCreateNoJob() {
    sim.setFaults(Faults.builder().error500(1.0).build());
    TestHttp.Res e500 = http.post("/jobs", TestHttp.followersBody("u", 5, "nasa"));
    assertEquals(500, e500.status());
    assertEquals("INTERNAL_ERROR", e500.errorCode());
    sim.setFaults(Faults.builder().error503(1.0).build());
    TestHttp.Res e503 = http.post("/jobs", TestHttp.followersBody("u", 5, "nasa"));
    assertEquals(503, e503.status());
    assertEquals("SERVICE_UNAVAILABLE", e503.errorCode());
    assertEquals(0, sim.stats().jobsCreated());
    sim.setFaults(Faults.none());
    assertEquals(201, http.post("/jobs", TestHttp.followersBody("u", 5, "nasa")).status());
  }

  @Test
  void spurious429CarriesRetryAfter() {
    sim.setFaults(Faults.builder().spurious429(1.0, 7).build());
    TestHttp.Res res = http.get("/jobs/x");
    assertEquals(429, res.status());
    assertEquals("RATE_LIMITED", res.errorCode());
    assertEquals("7", res.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(1, sim.stats().tooManyRequestsSent());
  }

  @Test
  void droppedConnectionIsAnIoErrorAndCreatesNoJob() {
    sim.setFaults(Faults.builder().dropConnection(1.0).build());
    Map<String, String> headers = http.auth();
    headers.put("Content-Type", "application/json");
    assertThrows(
        IOException.class,
        () -> http.sendOrThrow("POST", "/jobs", TestHttp.followersBody("u", 5, "nasa"), headers));
    assertThrows(IOException.class, () -> http.sendOrThrow("GET", "/jobs/x", null, http.auth()));
    assertEquals(0, sim.stats().jobsCreated());
    assertEquals(1, sim.stats().requests("POST /jobs", 0));
  }

  @Test
  void faultAfterCommitCreatesTheJobThenLosesTheResponseSoTheRetryReplays() {
    sim.setFaults(Faults.builder().faultAfterCommit(1.0).build());
    Map<String, String> headers = http.auth();
    headers.put("Content-Type", "application/json");
    headers.put("Idempotency-Key", "retry-me");
    String body = TestHttp.followersBody("u", 5, "nasa");
    assertThrows(IOException.class, () -> http.sendOrThrow("POST", "/jobs", body, headers));
    assertEquals(1, sim.stats().jobsCreated());
    sim.setFaults(Faults.none());
    TestHttp.Res retry = http.submit(body, "retry-me");
    assertEquals(200, retry.status());
    assertTrue(retry.json().get("replayed").asBoolean());
    assertEquals(sim.stats().jobIds().get(0), retry.json().get("job_id").asText());
    assertEquals(1, sim.stats().jobsCreated());
  }

  @Test
  void latencyIsAdded() {
    sim.setFaults(Faults.builder().latency(Duration.ofMillis(150), Duration.ofMillis(200)).build());
    long t0 = System.nanoTime();
    http.get("/jobs/x");
    assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(150).toNanos());
  }

  @Test
  void slowResultsPageDelaysOnlyResults() {
    String id = http.submitFollowers("u", 5, "nasa");
    clock.advance(SimulatorFixture.LATER);
    sim.setFaults(Faults.builder().slowResultsPage(1.0, Duration.ofMillis(300)).build());
    long t0 = System.nanoTime();
    assertEquals(200, http.get("/jobs/" + id).status());
    long statusNanos = System.nanoTime() - t0;
    t0 = System.nanoTime();
    assertEquals(200, http.get("/jobs/" + id + "/results").status());
    long resultsNanos = System.nanoTime() - t0;
    assertTrue(statusNanos < Duration.ofMillis(300).toNanos(), "status took " + statusNanos);
    assertTrue(resultsNanos >= Duration.ofMillis(300).toNanos(), "results took " + resultsNanos);
  }

  @Test
  void sameFaultSeedReplaysTheSameFaults() {
    assertEquals(statuses(42), statuses(42));
    List<Integer> one = statuses(42);
    assertTrue(one.contains(500) && one.contains(404), one.toString());
  }

  private List<Integer> statuses(long seed) {
    sim.setFaults(Faults.builder().error500(0.5).seed(seed).build());
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      statuses.add(http.get("/jobs/x").status());
    }
    return statuses;
  }
}
