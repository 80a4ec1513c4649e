package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A call whose permit is further away than {@code maxPermitWait} fails at once saying when it
 * frees, so the one I/O thread of a task serves other specs meanwhile instead of sleeping.
 */
class PermitWaitTest {
  private static JobRequest request(String user) {
    return new JobRequest(user, "followers", Map.of("usernames", List.of("nasa")));
  }

  @Test
  void aSpentPerUserQuotaAnswersWhenItFreesInsteadOfSleeping() {
    String key = "permit-" + UUID.randomUUID();
    try (IgScraperSimulator sim =
            IgScraperSimulator.start(
                SimulatorConfig.builder().apiKeys(key).rateLimitsDisabled().build());
        IgScraperClient client =
            new IgScraperClient(
                ClientSettings.builder()
                    .baseUrl(sim.baseUrl())
                    .apiKey(key)
                    .maxPermitWait(Duration.ofMillis(200))
                    .rateLimits(new RateLimits(1000, 10_000, 1000, 1, 1))
                    .build())) {
      SubmittedJob first = client.submitJob(request("quota-user"), "k-1");
      long start = System.nanoTime();
      IgScraperException refused =
          assertThrows(
              IgScraperException.class, () -> client.submitJob(request("quota-user"), "k-2"));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(IgScraperException.CLIENT_RATE_LIMITED, refused.code());
      assertTrue(
          refused.retryAfter().orElseThrow().compareTo(Duration.ofMinutes(59)) > 0,
          "says when the hourly permit frees: " + refused.retryAfter());
      // Bounded by the permit wait, not the call's 2-minute retry budget; generous for slow CI.
      assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "did not sleep: " + took);
      // Other users and other endpoints go on at once.
      assertEquals(first.jobId(), client.getJob(first.jobId()).jobId());
      client.submitJob(request("another-user"), "k-3");
      assertEquals(1, sim.stats().jobsCreatedFor("quota-user"), "nothing sent for the refused one");
    }
  }
}
