package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobLifecycleTest {
  private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

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
  void jobMovesFromQueuedThroughProcessingToCompletedWithRisingProgress() {
    String id = http.submitFollowers("customer-123", 50, "nasa");
    JsonNode queued = http.get("/jobs/" + id).json();
    assertEquals("QUEUED", queued.get("status").asText());
    assertEquals(0, queued.get("progress_percent").asInt());
    assertEquals("customer-123", queued.get("external_user_id").asText());
    assertEquals("project-1", queued.get("namespace").asText());
    assertEquals("followers", queued.get("tool_type").asText());
    assertTrue(queued.get("completed_at").isNull());
    assertTrue(queued.get("error").isNull());
    assertTrue(queued.get("created_at").asText().matches(TIMESTAMP));

    clock.advance(Duration.ofMillis(45)); // 25 ms into 100 ms of processing
    JsonNode early = http.get("/jobs/" + id).json();
    assertEquals("PROCESSING", early.get("status").asText());
    assertEquals(25, early.get("progress_percent").asInt());
    assertEquals(0, early.get("number_of_results").asInt());
    assertEquals(0, early.get("cost_charged").asInt());

    clock.advance(Duration.ofMillis(50));
    JsonNode later = http.get("/jobs/" + id).json();
    assertEquals(75, later.get("progress_percent").asInt());
    assertTrue(later.get("updated_at").asText().compareTo(early.get("updated_at").asText()) > 0);

    clock.advance(Duration.ofMillis(25));
    JsonNode done = http.get("/jobs/" + id).json();
    assertEquals("COMPLETED", done.get("status").asText());
    assertEquals(100, done.get("progress_percent").asInt());
    assertEquals(50, done.get("number_of_results").asInt());
    assertEquals(250, done.get("cost_charged").asInt());
    assertEquals("2026-03-17T17:30:00.000Z", done.get("created_at").asText());
    assertEquals("2026-03-17T17:30:00.120Z", done.get("completed_at").asText());
    assertEquals(done.get("completed_at"), done.get("updated_at"));
    assertEquals(1_000_000_000L - 250, sim.credits("test-key"));
  }

  @Test
  void creditsReflectAddonPrices() {
    String body =
        TestHttp.body(
            "u",
            "followers",
            "{\"usernames\": [\"nasa\"], \"max_followers\": 10, \"enrich_profiles\": true,"
                + " \"enrich_country_date\": true}");
    String id = http.post("/jobs", body).json().get("job_id").asText();
    clock.advance(SimulatorFixture.LATER);
    assertEquals(10 * (5 + 2 + 1), http.get("/jobs/" + id).json().get("cost_charged").asInt());
  }

  @Test
  void failedJobCarriesErrorAndHasNoResults() {
    sim.setNextOutcome("unlucky", Outcome.FAILED);
    String id = http.submitFollowers("unlucky", 10, "nasa");
    clock.advance(SimulatorFixture.LATER);
    JsonNode job = http.get("/jobs/" + id).json();
    assertEquals("FAILED", job.get("status").asText());
    assertEquals("SCRAPE_FAILED", job.at("/error/code").asText());
    assertTrue(job.at("/error/message").asText().length() > 0);
    assertEquals(0, job.get("cost_charged").asInt());
    assertTrue(job.get("progress_percent").asInt() < 100);
    TestHttp.Res results = http.get("/jobs/" + id + "/results");
    assertEquals(409, results.status());
    assertEquals("JOB_NOT_COMPLETED", results.errorCode());
    // Only the next job is affected; nothing was delivered, so a resubmit gets every row.
    String retry = http.submitFollowers("unlucky", 10, "nasa");
    clock.advance(SimulatorFixture.LATER);
    assertEquals("COMPLETED", http.get("/jobs/" + retry).json().get("status").asText());
    assertEquals(10, http.get("/jobs/" + retry).json().get("number_of_results").asInt());
  }

  @Test
  void cancelledJobEndsCancelled() {
    sim.setNextOutcome("u", Outcome.CANCELLED);
    String id = http.submitFollowers("u", 10, "nasa");
    clock.advance(SimulatorFixture.LATER);
    JsonNode job = http.get("/jobs/" + id).json();
    assertEquals("CANCELLED", job.get("status").asText());
    assertEquals(409, http.get("/jobs/" + id + "/results").status());
  }

  @Test
  void resultsBeforeCompletionAre409() {
    String id = http.submitFollowers("u", 10, "nasa");
    TestHttp.Res queued = http.get("/jobs/" + id + "/results");
    assertEquals(409, queued.status());
    assertEquals("JOB_NOT_COMPLETED", queued.errorCode());
    clock.advance(Duration.ofMillis(50));
    assertEquals(409, http.get("/jobs/" + id + "/results").status());
    clock.advance(SimulatorFixture.LATER);
    assertEquals(200, http.get("/jobs/" + id + "/results").status());
  }

  @Test
  void lifecycleAlsoRunsOnTheSystemClock() throws InterruptedException {
    try (IgScraperSimulator real =
        IgScraperSimulator.start(
            SimulatorConfig.builder()
                .queuedFor(Duration.ofMillis(20))
                .processingFor(Duration.ofMillis(100))
                .build())) {
      TestHttp realHttp = new TestHttp(real);
      String id = realHttp.submitFollowers("u", 3, "nasa");
      Thread.sleep(200);
      assertEquals("COMPLETED", realHttp.get("/jobs/" + id).json().get("status").asText());
    }
  }
}
