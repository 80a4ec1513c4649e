package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Clients of one account share its limiters, and a changed limit takes effect at once. */
class RateLimiterRegistryTest {
  private static final RateLimits DEFAULTS = new RateLimits(60, 1000, 120, 5, 12);
  private static final RateLimits RAISED = new RateLimits(600, 10_000, 120, 5, 12);

  @Test
  void clientsWithTheSameLimitsShareTheAccount() {
    RateLimiterRegistry registry = new RateLimiterRegistry();
    assertSame(
        registry.account("http://api/v1", "k", DEFAULTS),
        registry.account("http://api/v1", "k", DEFAULTS));
    assertNotSame(
        registry.account("http://api/v1", "k", DEFAULTS),
        registry.account("http://api/v1", "other-key", DEFAULTS));
  }

  @Test
  void aRaisedLimitTakesEffectForTheTasksThatRestartWithIt() {
    RateLimiterRegistry registry = new RateLimiterRegistry();
    RateLimiterRegistry.Account before = registry.account("http://api/v1", "k", DEFAULTS);
    RateLimiterRegistry.Account after = registry.account("http://api/v1", "k", RAISED);
    assertNotSame(before, after);
    assertEquals(600, after.requestsPerMinute.permits());
    assertSame(after, registry.account("http://api/v1", "k", RAISED));
  }
}
