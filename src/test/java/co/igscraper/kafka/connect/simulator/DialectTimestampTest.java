package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.DialectScenario.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The timestamps-* dialects write the standard run's instants in their own forms. */
class DialectTimestampTest {
  private static final List<String> FIELDS = List.of("created_at", "updated_at", "completed_at");
  private static Run standard;

  @BeforeAll
  static void runStandard() {
    standard = DialectScenario.run((String) null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "timestamps-epoch-millis",
        "timestamps-epoch-seconds",
        "timestamps-rfc1123",
        "timestamps-offset"
      })
  void timestampsTakeTheDialectsFormAndKeepTheirInstant(String dialect) {
    Run run = DialectScenario.run(dialect);
    int seen = 0;
    List<TestHttp.Res> expected =
        List.of(standard.queued(), standard.processing(), standard.completed());
    List<TestHttp.Res> actual = List.of(run.queued(), run.processing(), run.completed());
    for (int i = 0; i < expected.size(); i++) {
      ObjectNode e = (ObjectNode) expected.get(i).json().deepCopy();
      ObjectNode a = (ObjectNode) actual.get(i).json().deepCopy();
      for (String field : FIELDS) {
        JsonNode want = e.remove(field);
        JsonNode got = a.remove(field);
        if (want.isNull()) {
          assertTrue(got.isNull(), field + " stays null");
          continue;
        }
        assertForm(dialect, Instant.parse(want.asText()), got);
        seen++;
      }
      assertEquals(e, a, "only the timestamps change");
    }
    assertEquals(7, seen, "created_at and updated_at thrice, completed_at once");
    assertTrue(
        standard.processing().json().get("updated_at").asText().matches(".*\\.\\d*[1-9]\\d*Z"),
        "an instant with milliseconds, where truncation shows");
  }

  private static void assertForm(String dialect, Instant at, JsonNode got) {
    Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
    switch (dialect) {
      case "timestamps-epoch-millis" -> {
        assertTrue(got.isIntegralNumber(), got.toString());
        assertEquals(at.toEpochMilli(), got.longValue());
      }
      case "timestamps-epoch-seconds" -> {
        assertTrue(got.isIntegralNumber(), got.toString());
        assertEquals(at.getEpochSecond(), got.longValue());
      }
      case "timestamps-rfc1123" -> {
        String text = got.textValue();
        assertTrue(
            text.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
            text);
        assertEquals(
            seconds, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      }
      case "timestamps-offset" -> {
        String text = got.textValue();
        assertTrue(text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+02:00"), text);
        assertEquals(seconds, OffsetDateTime.parse(text).toInstant());
      }
      default -> throw new AssertionError(dialect);
    }
  }
}
