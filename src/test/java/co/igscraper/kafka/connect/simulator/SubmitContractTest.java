package co.igscraper.kafka.connect.simulator;

import static co.igscraper.kafka.connect.simulator.TestHttp.body;
import static co.igscraper.kafka.connect.simulator.TestHttp.followersBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubmitContractTest {
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

  @Test
  void createsJobWith201AndQueuedStatus() {
    TestHttp.Res res = http.post("/jobs", followersBody("customer-123", 50, "nasa"));
    assertEquals(201, res.status());
    assertEquals("QUEUED", res.json().get("status").asText());
    assertFalse(res.json().get("replayed").asBoolean());
    assertTrue(res.json().get("job_id").asText().matches("[0-9a-f-]{36}"));
  }

  @Test
  void missingOrInvalidBearerKeyIs401() {
    String body = followersBody("u", 5, "nasa");
    Map<String, String> json = Map.of("Content-Type", "application/json");
    TestHttp.Res none = http.send("POST", "/jobs", body, json);
    assertEquals(401, none.status());
    assertEquals("UNAUTHORIZED", none.errorCode());
    assertEquals(401, http.as("wrong-key").get("/jobs/x").status());
    TestHttp.Res basic =
        http.send("GET", "/jobs/x", null, Map.of("Authorization", "Basic dGVzdC1rZXk="));
    assertEquals(401, basic.status());
  }

  @Test
  void postWithoutJsonContentTypeIs415() {
    Map<String, String> headers = http.auth();
    headers.put("Content-Type", "text/plain");
    TestHttp.Res res = http.send("POST", "/jobs", followersBody("u", 5, "nasa"), headers);
    assertEquals(415, res.status());
    assertEquals("UNSUPPORTED_MEDIA_TYPE", res.errorCode());
    TestHttp.Res missing = http.send("POST", "/jobs", followersBody("u", 5, "nasa"), http.auth());
    assertEquals(415, missing.status());
    Map<String, String> withCharset = http.auth();
    withCharset.put("Content-Type", "application/json; charset=utf-8");
    assertEquals(
        201, http.send("POST", "/jobs", followersBody("u", 5, "nasa"), withCharset).status());
  }

  @Test
  void bodyOver16KibIs413() {
    String padding = "x".repeat(16 * 1024);
    TestHttp.Res res =
        http.post("/jobs", "{\"external_user_id\": \"u\", \"pad\": \"" + padding + "\"}");
    assertEquals(413, res.status());
    assertEquals("PAYLOAD_TOO_LARGE", res.errorCode());
    assertEquals(0, sim.stats().jobsCreated());
  }

  static Stream<Arguments> invalidBodies() {
    String ok = "{\"usernames\": [\"nasa\"]}";
    return Stream.of(
        Arguments.of(body("", "followers", ok), "external_user_id"),
        Arguments.of(body("x".repeat(256), "followers", ok), "external_user_id"),
        Arguments.of(body("bad\\u0007id", "followers", ok), "external_user_id"),
        Arguments.of("{\"tool_type\": \"followers\", \"params\": " + ok + "}", "external_user_id"),
        Arguments.of(body("u", "stalkers", ok), "tool_type"),
        Arguments.of("{\"external_user_id\": \"u\", \"params\": " + ok + "}", "tool_type"),
        Arguments.of("{\"external_user_id\": \"u\", \"tool_type\": \"followers\"}", "params"),
        Arguments.of(body("u", "followers", "[1]"), "params"),
        Arguments.of(body("u", "followers", "{}"), "params.usernames"),
        Arguments.of(body("u", "followers", "{\"usernames\": []}"), "params.usernames"),
        Arguments.of(
            body("u", "followers", "{\"usernames\": " + elevenNames() + "}"), "params.usernames"),
        Arguments.of(
            body("u", "followers", "{\"usernames\": [\"a\", \"b\", \"no-dash\"]}"),
            "params.usernames[2]"),
        Arguments.of(body("u", "followers", "{\"usernames\": [7]}"), "params.usernames[0]"),
        Arguments.of(
            body("u", "followers", "{\"usernames\": [\"nasa\"], \"max_followers\": 0}"),
            "params.max_followers"),
        Arguments.of(
            body("u", "followers", "{\"usernames\": [\"nasa\"], \"max_followers\": 10001}"),
            "params.max_followers"),
        Arguments.of(
            body("u", "followers", "{\"usernames\": [\"nasa\"], \"max_followers\": 2.5}"),
            "params.max_followers"),
        Arguments.of(
            body("u", "followers", "{\"usernames\": [\"nasa\"], \"max_followers\": \"50\"}"),
            "params.max_followers"),
        Arguments.of(
            body("u", "followers", "{\"usernames\": [\"nasa\"], \"enrich_profiles\": \"yes\"}"),
            "params.enrich_profiles"),
        Arguments.of(
            body("u", "followers", "{\"usernames\": [\"nasa\"], \"enrich_country_date\": 1}"),
            "params.enrich_country_date"),
        Arguments.of(
            body("u", "emails", "{\"usernames\": [\"nasa\"], \"enrich_profiles\": true}"),
            "params.enrich_profiles"),
        Arguments.of(
            body("u", "phones", "{\"usernames\": [\"nasa\"], \"enrich_profiles\": true}"),
            "params.enrich_profiles"),
        Arguments.of(
            body("u", "followers", "{\"usernames\": [\"nasa\"], \"max_results\": 5}"),
            "params.max_results"),
        Arguments.of(
            body("u", "following", "{\"usernames\": [\"nasa\"], \"max_following\": 0}"),
            "params.max_following"),
        Arguments.of(
            body("u", "likers", "{\"usernames\": [\"nasa\"], \"max_posts\": 51}"),
            "params.max_posts"),
        Arguments.of(
            body("u", "likers", "{\"usernames\": [\"nasa\"], \"max_likers\": 0}"),
            "params.max_likers"),
        Arguments.of(body("u", "hashtag", "{\"hashtags\": [\"#space\"]}"), "params.hashtags[0]"),
        Arguments.of(
            body("u", "location", "{\"location_ids\": [\"12a\"]}"), "params.location_ids[0]"),
        Arguments.of(
            body("u", "single-post-likers", "{\"post_urls\": [\"https://example.com/p/abc/\"]}"),
            "params.post_urls[0]"),
        Arguments.of(
            body("u", "emails", "{\"usernames\": [\"nasa\"], \"max_results\": 10001}"),
            "params.max_results"));
  }

  private static String elevenNames() {
    String[] names = new String[11];
    for (int i = 0; i < names.length; i++) {
      names[i] = "user" + i;
    }
    return TestHttp.jsonArray(names);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidBodies")
  void invalidFieldIs400NamingTheField(String body, String field) {
    TestHttp.Res res = http.post("/jobs", body);
    assertEquals(400, res.status(), res.raw());
    assertEquals("VALIDATION_ERROR", res.errorCode());
    assertEquals(field, res.errorField(), res.raw());
    assertEquals(0, sim.stats().jobsCreated());
  }

  @Test
  void malformedJsonIs400() {
    TestHttp.Res res = http.post("/jobs", "{not json");
    assertEquals(400, res.status());
    assertEquals("VALIDATION_ERROR", res.errorCode());
  }

  @Test
  void everyToolTypeAcceptsItsDocumentedParams() {
    String[] bodies = {
      body(
          "u", "followers", "{\"usernames\": [\"nasa\", \"esa.space\"], \"max_followers\": 10000}"),
      body("u", "following", "{\"usernames\": [\"nasa\"], \"max_following\": 5}"),
      body("u", "likers", "{\"usernames\": [\"nasa\"], \"max_posts\": 50, \"max_likers\": 5}"),
      body("u", "hashtag", "{\"hashtags\": [\"space_x\"], \"max_results\": 5}"),
      body("u", "location", "{\"location_ids\": [\"212988663\"], \"max_results\": 5}"),
      body(
          "u",
          "single-post-likers",
          "{\"post_urls\": [\"https://www.instagram.com/p/C0dE-x_1/\"], \"max_likers\": 5}"),
      body("u", "emails", "{\"usernames\": [\"nasa\"], \"enrich_country_date\": true}"),
      body("u", "phones", "{\"usernames\": [\"nasa\"], \"enrich_profiles\": false}"),
    };
    for (String body : bodies) {
      assertEquals(201, http.post("/jobs", body).status(), body);
    }
  }

  @Test
  void maxResultsLimitIsConfigurable() {
    try (IgScraperSimulator big =
        IgScraperSimulator.start(SimulatorFixture.config(clock).maxResultsLimit(200_000).build())) {
      TestHttp bigHttp = new TestHttp(big);
      assertEquals(201, bigHttp.post("/jobs", followersBody("u", 200_000, "nasa")).status());
      assertEquals(400, bigHttp.post("/jobs", followersBody("u", 200_001, "nasa")).status());
    }
  }

  @Test
  void jobWhoseMaximumCostExceedsBalanceIs402() {
    sim.setCredits("test-key", 249);
    TestHttp.Res res = http.post("/jobs", followersBody("u", 50, "nasa"));
    assertEquals(402, res.status());
    assertEquals("INSUFFICIENT_CREDITS", res.errorCode());
    sim.setCredits("test-key", 250);
    assertEquals(201, http.post("/jobs", followersBody("u", 50, "nasa")).status());
  }

  @Test
  void blockedExternalUserIs403OnlyInThatNamespace() {
    sim.blockExternalUser("test-key", "bad-user");
    TestHttp.Res res = http.post("/jobs", followersBody("bad-user", 5, "nasa"));
    assertEquals(403, res.status());
    assertEquals("EXTERNAL_USER_BLOCKED", res.errorCode());
    assertEquals(
        201, http.as("other-key").post("/jobs", followersBody("bad-user", 5, "nasa")).status());
  }

  @Test
  void unknownJobAndOtherKeysJobAre404() {
    TestHttp.Res unknown = http.get("/jobs/00000000-0000-4000-8000-000000000000");
    assertEquals(404, unknown.status());
    assertEquals("JOB_NOT_FOUND", unknown.errorCode());
    String id = http.submitFollowers("u", 5, "nasa");
    TestHttp other = http.as("other-key");
    assertEquals(404, other.get("/jobs/" + id).status());
    assertEquals(404, other.get("/jobs/" + id + "/results").status());
    assertEquals(404, other.get("/jobs/" + id + "/enrich?enrich_profiles=true").status());
    assertEquals(200, http.get("/jobs/" + id).status());
  }

  @Test
  void sameIdempotencyKeyAndPayloadReplaysOriginalJob() {
    TestHttp.Res first = http.submit(followersBody("u", 5, "nasa"), "key-1");
    assertEquals(201, first.status());
    clock.advance(SimulatorFixture.LATER);
    // Same JSON, different key order and spacing: still the same payload.
    String reordered =
        "{\"params\": {\"max_followers\": 5, \"usernames\": [\"nasa\"]}, \"tool_type\":"
            + " \"followers\",   \"external_user_id\": \"u\"}";
    TestHttp.Res replay = http.submit(reordered, "key-1");
    assertEquals(200, replay.status());
    assertTrue(replay.json().get("replayed").asBoolean());
    assertEquals(first.json().get("job_id"), replay.json().get("job_id"));
    assertEquals("COMPLETED", replay.json().get("status").asText());
    assertEquals(1, sim.stats().jobsCreated());
    assertEquals(1, sim.stats().replays());
  }

  @Test
  void sameIdempotencyKeyWithDifferentPayloadIs409() {
    assertEquals(201, http.submit(followersBody("u", 5, "nasa"), "key-1").status());
    TestHttp.Res res = http.submit(followersBody("u", 6, "nasa"), "key-1");
    assertEquals(409, res.status());
    assertEquals("IDEMPOTENCY_KEY_MISMATCH", res.errorCode());
    assertEquals(1, sim.stats().jobsCreated());
  }

  @Test
  void idempotencyKeysAreScopedPerApiKey() {
    TestHttp.Res mine = http.submit(followersBody("u", 5, "nasa"), "shared");
    TestHttp.Res theirs = http.as("other-key").submit(followersBody("u", 5, "nasa"), "shared");
    assertEquals(201, theirs.status());
    assertNotEquals(mine.json().get("job_id"), theirs.json().get("job_id"));
  }

  @Test
  void idempotencyKeyLongerThan255Is400() {
    TestHttp.Res res = http.submit(followersBody("u", 5, "nasa"), "k".repeat(256));
    assertEquals(400, res.status());
    assertEquals("Idempotency-Key", res.errorField());
    assertEquals(201, http.submit(followersBody("u", 5, "nasa"), "k".repeat(255)).status());
  }

  @Test
  void unknownEndpointIs404AndWrongMethodIs405() {
    assertEquals(404, http.get("/accounts").status());
    assertEquals(405, http.get("/jobs").status());
  }
}
