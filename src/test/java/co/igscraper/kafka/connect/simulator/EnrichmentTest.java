package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichmentTest {
  private static final String PROFILES = "{\"enrich_profiles\": true}";
  private static final String COUNTRY = "{\"enrich_country_date\": true}";

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

  private String completedFollowersJob(int rows) {
    String id = http.submitFollowers("u", rows, "nasa");
    clock.advance(SimulatorFixture.LATER);
    return id;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  @Test
  void preflightDescribesTheUpgradeWithoutStartingIt() {
    String id = completedFollowersJob(10);
    TestHttp.Res res =
        http.get("/jobs/" + id + "/enrich?enrich_profiles=true&enrich_country_date=false");
    assertEquals(200, res.status(), res.raw());
    JsonNode body = res.json();
    assertEquals(id, body.get("job_id").asText());
    assertEquals(
        List.of("enrich_profiles", "enrich_country_date"), texts(body.get("supported_addons")));
    assertEquals(List.of(), texts(body.get("applied_addons")));
    assertEquals(List.of("enrich_profiles"), texts(body.get("selected_addons")));
    assertEquals(14, body.get("fields_added").size());
    assertEquals("biography", body.get("fields_added").get(0).asText());
    assertFalse(body.get("enriched").asBoolean());
    assertFalse(body.get("fully_enriched").asBoolean());
    assertFalse(body.get("enrichment_requested").asBoolean());
    assertEquals(20, body.get("estimated_cost").asInt());
    assertFalse(body.get("replayed").asBoolean());
    assertEquals(200, http.get("/jobs/" + id + "/results").status());
  }

  @Test
  void noAddonSelectedOnPreflightAndStart() {
    String id = completedFollowersJob(10);
    TestHttp.Res preflight = http.get("/jobs/" + id + "/enrich");
    assertEquals(400, preflight.status());
    assertEquals("NO_ADDON_SELECTED", preflight.errorCode());
    TestHttp.Res start =
        http.post(
            "/jobs/" + id + "/enrich",
            "{\"enrich_profiles\": false, \"enrich_country_date\": false}");
    assertEquals(400, start.status());
    assertEquals("NO_ADDON_SELECTED", start.errorCode());
    assertEquals("NO_ADDON_SELECTED", http.post("/jobs/" + id + "/enrich", "{}").errorCode());
  }

  @Test
  void startOnUnfinishedJobIs409() {
    String id = http.submitFollowers("u", 10, "nasa");
    TestHttp.Res res = http.post("/jobs/" + id + "/enrich", PROFILES);
    assertEquals(409, res.status());
    assertEquals("JOB_NOT_COMPLETED", res.errorCode());
  }

  @Test
  void upgradeRunsBlocksResultsThenAddsColumnsAndCharges() {
    String id = completedFollowersJob(10);
    long before = sim.credits("test-key");
    TestHttp.Res started = http.post("/jobs/" + id + "/enrich", COUNTRY);
    assertEquals(202, started.status(), started.raw());
    assertFalse(started.json().get("replayed").asBoolean());
    assertEquals("QUEUED", started.json().get("status").asText());
    assertEquals(List.of("country", "date"), texts(started.json().get("fields_added")));
    assertTrue(started.json().get("enrichment_requested").asBoolean());
    assertEquals(10, started.json().get("estimated_cost").asInt());

    TestHttp.Res blocked = http.get("/jobs/" + id + "/results");
    assertEquals(409, blocked.status());
    assertEquals("ENRICHMENT_IN_PROGRESS", blocked.errorCode());

    // Asking again while it runs is a replay of the in-flight upgrade.
    clock.advance(Duration.ofMillis(50));
    TestHttp.Res again = http.post("/jobs/" + id + "/enrich", COUNTRY);
    assertEquals(202, again.status());
    assertTrue(again.json().get("replayed").asBoolean());
    assertEquals("PROCESSING", again.json().get("status").asText());

    clock.advance(SimulatorFixture.LATER);
    JsonNode page = http.get("/jobs/" + id + "/results").json();
    List<String> columns = texts(page.get("columns"));
    assertEquals(List.of("country", "date"), columns.subList(columns.size() - 2, columns.size()));
    assertTrue(page.get("data").get(0).has("date"));
    assertEquals(before - 10, sim.credits("test-key"));
    assertEquals(50 + 10, http.get("/jobs/" + id).json().get("cost_charged").asInt());

    TestHttp.Res covered = http.post("/jobs/" + id + "/enrich", COUNTRY);
    assertEquals(200, covered.status());
    assertTrue(covered.json().get("replayed").asBoolean());
    assertEquals(List.of("enrich_country_date"), texts(covered.json().get("applied_addons")));
    assertTrue(covered.json().get("enriched").asBoolean());
    assertFalse(covered.json().get("fully_enriched").asBoolean());
    assertEquals(0, covered.json().get("fields_added").size());
  }

  @Test
  void jobWithOneAddonCanRequestTheMissingOne() {
    String id =
        http.post(
                "/jobs",
                TestHttp.body(
                    "u",
                    "followers",
                    "{\"usernames\": [\"nasa\"], \"max_followers\": 5, \"enrich_country_date\":"
                        + " true}"))
            .json()
            .get("job_id")
            .asText();
    clock.advance(SimulatorFixture.LATER);
    TestHttp.Res both =
        http.post(
            "/jobs/" + id + "/enrich",
            "{\"enrich_profiles\": true, \"enrich_country_date\": true}");
    assertEquals(202, both.status());
    assertEquals(
        List.of("enrich_profiles", "enrich_country_date"),
        texts(both.json().get("selected_addons")));
    assertEquals(14, both.json().get("fields_added").size());
    assertEquals(10, both.json().get("estimated_cost").asInt());
    clock.advance(SimulatorFixture.LATER);
    JsonNode page = http.get("/jobs/" + id + "/results").json();
    List<String> columns = texts(page.get("columns"));
    assertEquals("biography", columns.get(8));
    assertEquals(List.of("country", "date"), columns.subList(columns.size() - 2, columns.size()));
    JsonNode done = http.get("/jobs/" + id + "/enrich?enrich_profiles=true").json();
    assertTrue(done.get("fully_enriched").asBoolean());
  }

  @Test
  void emailsJobsNormalizeAwayProfilesAddon() {
    String id =
        http.post(
                "/jobs",
                TestHttp.body("u", "emails", "{\"usernames\": [\"nasa\"], \"max_results\": 4}"))
            .json()
            .get("job_id")
            .asText();
    clock.advance(SimulatorFixture.LATER);
    JsonNode preflight =
        http.get("/jobs/" + id + "/enrich?enrich_profiles=true&enrich_country_date=true").json();
    assertEquals(List.of("enrich_country_date"), texts(preflight.get("supported_addons")));
    assertEquals(List.of("enrich_country_date"), texts(preflight.get("selected_addons")));
    assertEquals(List.of("country", "date"), texts(preflight.get("fields_added")));
    assertEquals("NO_ADDON_SELECTED", http.post("/jobs/" + id + "/enrich", PROFILES).errorCode());
  }

  @Test
  void upgradeNeedsCredits() {
    String id = completedFollowersJob(10);
    sim.setCredits("test-key", 5);
    TestHttp.Res res = http.post("/jobs/" + id + "/enrich", PROFILES);
    assertEquals(402, res.status());
    assertEquals("INSUFFICIENT_CREDITS", res.errorCode());
  }
}
