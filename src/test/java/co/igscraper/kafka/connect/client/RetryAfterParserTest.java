package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterParserTest {
  private static final Instant NOW = Instant.parse("2026-03-17T17:30:00Z");

  @Test
  void parsesWholeSeconds() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfterParser.parse("7", NOW));
    assertEquals(Optional.of(Duration.ZERO), RetryAfterParser.parse(" 0 ", NOW));
  }

  @Test
  void parsesHttpDateRelativeToNow() {
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        RetryAfterParser.parse("Tue, 17 Mar 2026 17:31:30 GMT", NOW));
  }

  @Test
  void httpDateInThePastMeansNoWait() {
    assertEquals(
        Optional.of(Duration.ZERO), RetryAfterParser.parse("Tue, 17 Mar 2026 17:00:00 GMT", NOW));
  }

  @Test
  void capsAbsurdValues() {
    assertEquals(Optional.of(RetryAfterParser.MAX), RetryAfterParser.parse("999999", NOW));
    assertEquals(
        Optional.of(RetryAfterParser.MAX),
        RetryAfterParser.parse("99999999999999999999999999", NOW));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"soon", "-5", "1.5", "2026-03-17T17:31:30Z", "Tue, 32 Mar 2026", " "})
  void ignoresGarbage(String header) {
    assertEquals(Optional.empty(), RetryAfterParser.parse(header, NOW));
  }
}
