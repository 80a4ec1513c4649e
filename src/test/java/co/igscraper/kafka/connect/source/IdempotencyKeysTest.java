package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.JobSpecParser;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {
  @Test
  void sameDurableFactsGiveTheSameKey() {
    assertEquals(
        IdempotencyKeys.forRun("c", "s", "h", 1), IdempotencyKeys.forRun("c", "s", "h", 1));
    assertEquals(
        IdempotencyKeys.forRun("blue", "c", "s", "h", 1),
        IdempotencyKeys.forRun("blue", "c", "s", "h", 1));
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
  void aDifferentPrefixGivesADifferentKey() {
    String unprefixed = IdempotencyKeys.forRun("", "c", "s", "h", 1);
    String blue = IdempotencyKeys.forRun("blue", "c", "s", "h", 1);
    String green = IdempotencyKeys.forRun("green", "c", "s", "h", 1);
    assertNotEquals(unprefixed, blue);
    assertNotEquals(blue, green);
    // The prefix is hashed, not prepended: every key keeps today's length.
    assertEquals(unprefixed.length(), blue.length());
    assertEquals(68, blue.length());
    assertTrue(blue.startsWith("kci-") && !blue.contains("blue"), blue);
  }

  @Test
  void anEmptyPrefixKeepsTheKeysOfEarlierVersions() {
    // Computed by the code before the prefix existed: deployments that set no prefix must keep
    // asking for the same keys, so a job submitted before an upgrade is replayed, not duplicated.
    String before = "kci-1835d1222ae1f5216af3a00aa79ca1499002fba8f58e5d047d399de971a3bb6b";
    assertEquals(before, IdempotencyKeys.forRun("connect-igscraper", "followers-nasa", "h1", 7));
    assertEquals(
        before, IdempotencyKeys.forRun("", "connect-igscraper", "followers-nasa", "h1", 7));
  }

  @Test
  void theSpecOverloadsAgree() {
    JobSpec spec =
        JobSpecParser.parse(
                "[{\"name\":\"followers-nasa\",\"external_user_id\":\"u\","
                    + "\"tool_type\":\"followers\",\"params\":{\"usernames\":[\"nasa\"]}}]")
            .specs()
            .get(0);
    String direct = IdempotencyKeys.forRun("c", spec.name(), spec.contentHash(), 3);
    assertEquals(direct, IdempotencyKeys.forRun("c", spec, 3));
    assertEquals(direct, IdempotencyKeys.forRun("", "c", spec, 3));
    assertEquals(
        IdempotencyKeys.forRun("blue", "c", spec.name(), spec.contentHash(), 3),
        IdempotencyKeys.forRun("blue", "c", spec, 3));
  }

  @Test
  void fitsTheApiLimitWhateverTheNames() {
    String key = IdempotencyKeys.forRun("p".repeat(64), "c".repeat(1000), "s".repeat(100), "h", 99);
    assertTrue(key.length() <= 255);
  }
}
