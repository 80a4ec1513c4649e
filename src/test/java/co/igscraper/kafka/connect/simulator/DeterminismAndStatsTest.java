package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeterminismAndStatsTest {
  private final ManualClock clock = new ManualClock();

  private String firstPage(long seed) {
    try (IgScraperSimulator sim =
        IgScraperSimulator.start(SimulatorFixture.config(clock).seed(seed).build())) {
      TestHttp http = new TestHttp(sim);
      String id =
          http.post(
                  "/jobs",
                  TestHttp.body(
                      "u",
                      "followers",
                      "{\"usernames\": [\"nasa\"], \"max_followers\": 100, \"enrich_profiles\":"
                          + " true, \"enrich_country_date\": true}"))
              .json()
              .get("job_id")
              .asText();
      clock.advance(SimulatorFixture.LATER);
      return id + http.get("/jobs/" + id + "/results?limit=100").json().get("data").toString();
    }
  }

  @Test
  void sameSeedGivesSameJobIdsAndRows() {
    assertEquals(firstPage(7), firstPage(7));
    assertNotEquals(firstPage(7), firstPage(8));
  }

  @Test
  void statsCountWhatHappened() {
    try (IgScraperSimulator sim =
        IgScraperSimulator.start(SimulatorFixture.config(clock).build())) {
      TestHttp http = new TestHttp(sim);
      String body = TestHttp.followersBody("alice", 120, "nasa");
      String id = http.submit(body, "k1").json().get("job_id").asText();
      http.submit(body, "k1");
      http.submitFollowers("bob", 5, "nasa");
      http.get("/jobs/" + id);
      clock.advance(SimulatorFixture.LATER);
      http.get("/jobs/" + id + "/results?page=2&limit=50");
      http.get("/jobs/" + id + "/results?page=2&limit=50");
      http.get("/jobs/" + id + "/results?page=3&limit=50");
      http.as("bad").get("/jobs/" + id);
      http.get("/jobs/nope");

      SimulatorStats stats = sim.stats();
      assertEquals(2, stats.requests("POST /jobs", 201));
      assertEquals(1, stats.requests("POST /jobs", 200));
      assertEquals(1, stats.requests("GET /jobs/{id}", 200));
      assertEquals(1, stats.requests("GET /jobs/{id}", 401));
      assertEquals(1, stats.requests("GET /jobs/{id}", 404));
      assertEquals(3, stats.requests("GET /jobs/{id}/results", 200));
      assertEquals(Map.of(200, 1L, 201, 2L), stats.requestsByEndpointAndStatus().get("POST /jobs"));
      assertEquals(9, stats.totalRequests());
      assertEquals(2, stats.jobsCreated());
      assertEquals(1, stats.jobsCreatedFor("alice"));
      assertEquals(1, stats.replays());
      assertEquals(0, stats.tooManyRequestsSent());
      assertEquals(2, stats.resultPageReads(id, 2, 50));
      assertEquals(1, stats.resultPageReads(id, 3, 50));
      assertEquals(0, stats.resultPageReads(id, 1, 50));
      assertEquals(120, stats.rowsDelivered(id));
      assertEquals(120, stats.rowsServed(id));
      assertEquals(id, stats.jobIds().get(0));
      assertEquals(2, stats.jobIds().size());
      // Four requests at t=0 and five at t=1 s on the manual clock.
      assertEquals(5, stats.busiestWindow(Duration.ofMillis(500)));
      assertEquals(9, stats.busiestWindow(Duration.ofSeconds(2)));
    }
  }
}
