package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {
  @Test
  void sameDurableFactsGiveTheSameKey() {
    assertEquals(
        IdempotencyKeys.forRun("c", "s", "h", 1), IdempotencyKeys.forRun("c", "s", "h", 1));
  }

  @Test
  void anyChangeGivesANewKey() {
    String base = IdempotencyKeys.forRun("c", "s", "h", 1);
    assertNotEquals(base, IdempotencyKeys.forRun("c2", "s", "h", 1));
    assertNotEquals(base, IdempotencyKeys.forRun("c", "s2", "h", 1));
    assertNotEquals(base, IdempotencyKeys.forRun("c", "s", "h2", 1));
    assertNotEquals(base, IdempotencyKeys.forRun("c", "s", "h", 2));
  }

  @Test
  void fitsTheApiLimitWhateverTheNames() {
    String key = IdempotencyKeys.forRun("c".repeat(1000), "s".repeat(100), "h", 99);
    assertTrue(key.length() <= 255);
  }
}
