package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitsTest {

  @Test
  void publicDefaultsMatchTheVendorDocs() {
    assertEquals(new RateLimits(60, 1000, 120, 5, 12), RateLimits.publicDefaults());
  }

  @Test
  void fullShareKeepsTheLimits() {
    assertEquals(RateLimits.publicDefaults(), RateLimits.publicDefaults().scaledBy(1.0));
  }

  @Test
  void scalesAccountWideLimitsDownAndKeepsPerUserLimits() {
    assertEquals(new RateLimits(20, 333, 40, 5, 12), RateLimits.publicDefaults().scaledBy(1.0 / 3));
    assertEquals(new RateLimits(30, 500, 60, 5, 12), RateLimits.publicDefaults().scaledBy(0.5));
  }

  @Test
  void scaledLimitsNeverDropBelowOne() {
    assertEquals(new RateLimits(1, 1, 1, 5, 12), RateLimits.publicDefaults().scaledBy(0.0001));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.5, 1.0001, Double.NaN})
  void rejectsSharesOutsideZeroToOne(double share) {
    assertThrows(IllegalArgumentException.class, () -> RateLimits.publicDefaults().scaledBy(share));
  }

  @Test
  void rejectsLimitsBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimits(0, 1, 1, 1, 1));
  }
}
