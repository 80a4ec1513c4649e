package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private final ManualClock clock = new ManualClock();
  private IgScraperSimulator sim;

  @AfterEach
  void stop() {
    sim.close();
  }

  private TestHttp start(int rpm, int rph, int sph, int spum, int spuh) {
    sim =
        IgScraperSimulator.start(
            SimulatorFixture.config(clock).rateLimits(rpm, rph, sph, spum, spuh).build());
    return new TestHttp(sim);
  }

  @Test
  void requestsPerMinuteIs429WithRetryAfterUntilTheWindowSlides() {
    TestHttp http = start(60, 1000, 120, 5, 12);
    String id = http.submitFollowers("u", 5, "nasa");
    for (int i = 0; i < 59; i++) {
      clock.advance(Duration.ofMillis(500));
      assertEquals(200, http.get("/jobs/" + id).status(), "request " + i);
    }
    TestHttp.Res limited = http.get("/jobs/" + id);
    assertEquals(429, limited.status());
    assertEquals("RATE_LIMITED", limited.errorCode());
    // The first request was at t=0 and it is now t=29.5 s: room opens in 30.5 s, rounded up.
    assertEquals("31", limited.headers().firstValue("Retry-After").orElseThrow());
    clock.advance(Duration.ofMillis(30_400));
    assertEquals(429, http.get("/jobs/" + id).status());
    clock.advance(Duration.ofMillis(100));
    assertEquals(200, http.get("/jobs/" + id).status());
    assertEquals(2, sim.stats().tooManyRequestsSent());
  }

  @Test
  void unauthorizedRequestsDoNotCount() {
    TestHttp http = start(3, 1000, 120, 5, 12);
    for (int i = 0; i < 10; i++) {
      assertEquals(401, http.as("nope").get("/jobs/x").status());
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(404, http.get("/jobs/x").status());
    }
    assertEquals(429, http.get("/jobs/x").status());
  }

  @Test
  void limitsArePerApiKey() {
    sim =
        IgScraperSimulator.start(
            SimulatorFixture.config(clock)
                .apiKeys("a", "b")
                .rateLimits(2, 1000, 120, 5, 12)
                .build());
    TestHttp a = new TestHttp(sim, "a");
    a.get("/jobs/x");
    a.get("/jobs/x");
    assertEquals(429, a.get("/jobs/x").status());
    assertEquals(404, new TestHttp(sim, "b").get("/jobs/x").status());
  }

  @Test
  void submitsPerUserPerMinuteAndPerHour() {
    TestHttp http = start(1000, 1000, 120, 5, 12);
    for (int i = 0; i < 5; i++) {
      assertEquals(201, http.post("/jobs", TestHttp.followersBody("u", 1, "s" + i)).status());
    }
    TestHttp.Res limited = http.post("/jobs", TestHttp.followersBody("u", 1, "x"));
    assertEquals(429, limited.status());
    assertEquals("60", limited.headers().firstValue("Retry-After").orElseThrow());
    // Another end user has its own quota.
    assertEquals(201, http.post("/jobs", TestHttp.followersBody("v", 1, "x")).status());
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      assertEquals(201, http.post("/jobs", TestHttp.followersBody("u", 1, "t" + i)).status());
    }
    clock.advance(Duration.ofMinutes(1));
    assertEquals(201, http.post("/jobs", TestHttp.followersBody("u", 1, "z0")).status());
    assertEquals(201, http.post("/jobs", TestHttp.followersBody("u", 1, "z1")).status());
    TestHttp.Res hourly = http.post("/jobs", TestHttp.followersBody("u", 1, "z2"));
    assertEquals(429, hourly.status());
    assertEquals("3480", hourly.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(13, sim.stats().jobsCreated());
  }

  @Test
  void replaysCountAgainstSubmitLimits() {
    TestHttp http = start(1000, 1000, 120, 2, 12);
    String body = TestHttp.followersBody("u", 1, "nasa");
    assertEquals(201, http.submit(body, "k").status());
    assertEquals(200, http.submit(body, "k").status());
    assertEquals(429, http.submit(body, "k").status());
  }

  @Test
  void submitsPerHourPerKey() {
    TestHttp http = start(1000, 1000, 3, 5, 12);
    for (int i = 0; i < 3; i++) {
      assertEquals(201, http.post("/jobs", TestHttp.followersBody("u" + i, 1, "nasa")).status());
    }
    assertEquals(429, http.post("/jobs", TestHttp.followersBody("u9", 1, "nasa")).status());
  }

  @Test
  void disabledLimitsLetEverythingThrough() {
    sim = IgScraperSimulator.start(SimulatorFixture.config(clock).build());
    TestHttp http = new TestHttp(sim);
    for (int i = 0; i < 20; i++) {
      assertEquals(201, http.post("/jobs", TestHttp.followersBody("u", 1, "nasa")).status());
    }
  }
}
