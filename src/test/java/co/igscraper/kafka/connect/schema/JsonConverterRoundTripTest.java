package co.igscraper.kafka.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/** Records survive JsonConverter with schemas enabled, the format JDBC sinks read. */
class JsonConverterRoundTripTest {

  private static JsonConverter converter(boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "true"), isKey);
    return converter;
  }

  private static void assertRoundTrips(boolean isKey, Schema schema, Struct value) {
    JsonConverter converter = converter(isKey);
    byte[] json = converter.fromConnectData("rows", schema, value);
    SchemaAndValue back = converter.toConnectData("rows", json);
    assertEquals(schema, back.schema());
    assertEquals(value, back.value());
  }

  @Test
  void enrichedFollowerRowWithUnknownColumnRoundTrips() {
    MappedRow row =
        new RowMapper(ToolType.FOLLOWERS).map(SampleRows.row(ToolType.FOLLOWERS, true, true));
    assertRoundTrips(false, RowSchemas.valueSchema(ToolType.FOLLOWERS), row.value());
    assertRoundTrips(true, RowSchemas.keySchema(), row.key());
  }

  @Test
  void fixtureRowRoundTrips() {
    MappedRow row =
        new RowMapper(ToolType.FOLLOWERS)
            .map(ResultPage.load("followers-enriched.json").data().get(1));
    assertRoundTrips(false, RowSchemas.valueSchema(ToolType.FOLLOWERS), row.value());
  }

  @Test
  void jobEventRoundTrips() {
    Struct event =
        JobEventSchemas.event(
                "igscraper",
                "nasa-followers",
                1L,
                JobEventType.PROGRESS,
                Instant.parse("2026-03-17T17:30:05Z"))
            .toolType(ToolType.FOLLOWERS)
            .jobId("4d83c31f-ef37-4fa2-ad3e-07bbd15e9936")
            .status("PROCESSING")
            .progressPercent(45)
            .build();
    assertRoundTrips(false, JobEventSchemas.VALUE, event);
    assertRoundTrips(true, JobEventSchemas.KEY, JobEventSchemas.key("igscraper", "nasa-followers"));
  }
}
