package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DedupTest {
  private final ManualClock clock = new ManualClock();
  private IgScraperSimulator sim;
  private TestHttp http;

  @BeforeEach
  void start() {
    sim =
        IgScraperSimulator.start(
            SimulatorFixture.config(clock).apiKeys("test-key", "other-key").build());
    http = new TestHttp(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private List<String> usernames(TestHttp client, String jobId) {
    List<String> names = new ArrayList<>();
    JsonNode data = client.get("/jobs/" + jobId + "/results?limit=200").json().get("data");
    data.forEach(r -> names.add(r.get("username").asText()));
    return names;
  }

  private String completed(TestHttp client, String user, int max, String... sources) {
    String id = client.submitFollowers(user, max, sources);
    clock.advance(SimulatorFixture.LATER);
    return id;
  }

  @Test
  void repeatJobForSameEndUserReturnsNothingAlreadyDelivered() {
    String first = completed(http, "alice", 50, "nasa");
    assertEquals(50, usernames(http, first).size());
    assertEquals("nasa_fan_1000", usernames(http, first).get(0)); // newest first
    String second = completed(http, "alice", 50, "nasa");
    assertEquals(0, http.get("/jobs/" + second).json().get("number_of_results").asInt());
    assertEquals(
        0, http.get("/jobs/" + second + "/results").json().at("/pagination/total").asInt());
    assertEquals(0, sim.stats().rowsDelivered(second));
    // A wider second job gets only the accounts past the first 50.
    String wider = completed(http, "alice", 80, "nasa");
    List<String> rows = usernames(http, wider);
    assertEquals(30, rows.size());
    assertEquals("nasa_fan_950", rows.get(0));
  }

  @Test
  void differentEndUsersAndKeysAreIndependent() {
    String alice = completed(http, "alice", 20, "nasa");
    String bob = completed(http, "bob", 20, "nasa");
    String otherProject = completed(http.as("other-key"), "alice", 20, "nasa");
    assertEquals(usernames(http, alice), usernames(http, bob));
    assertEquals(usernames(http, alice), usernames(http.as("other-key"), otherProject));
  }

  @Test
  void addFollowersThenOnlyNewRows() {
    completed(http, "alice", 50, "nasa");
    sim.addFollowers("nasa", 7);
    String next = completed(http, "alice", 50, "nasa");
    List<String> rows = usernames(http, next);
    assertEquals(7, rows.size());
    assertEquals("nasa_fan_1007", rows.get(0));
    assertEquals("nasa_fan_1001", rows.get(6));
    assertEquals(35, http.get("/jobs/" + next).json().get("cost_charged").asInt());
  }

  @Test
  void dedupIsDecidedAtCompletionNotAtSubmit() {
    String id = http.submitFollowers("alice", 10, "nasa");
    sim.addFollowers("nasa", 3); // arrives while the job is queued
    clock.advance(SimulatorFixture.LATER);
    assertEquals("nasa_fan_1003", usernames(http, id).get(0));
  }

  @Test
  void addFollowersWorksForEveryToolsSource() {
    String body =
        TestHttp.body("alice", "hashtag", "{\"hashtags\": [\"space\"], \"max_results\": 5}");
    http.post("/jobs", body);
    clock.advance(SimulatorFixture.LATER);
    sim.addFollowers("space", 2);
    String id = http.post("/jobs", body).json().get("job_id").asText();
    clock.advance(SimulatorFixture.LATER);
    List<String> rows = usernames(http, id);
    assertEquals(List.of("space_fan_1002", "space_fan_1001"), rows);
  }

  @Test
  void sourceSmallerThanMaxDeliversWhatItHas() {
    sim.close();
    sim = IgScraperSimulator.start(SimulatorFixture.config(clock).sourceSize(12).build());
    http = new TestHttp(sim);
    String id = completed(http, "alice", 50, "tiny", "tiny");
    // The duplicate source adds nothing: its accounts were delivered by the first.
    assertEquals(12, usernames(http, id).size());
    assertTrue(usernames(http, id).contains("tiny_fan_1"));
  }
}
