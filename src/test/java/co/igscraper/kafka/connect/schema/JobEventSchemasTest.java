package co.igscraper.kafka.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class JobEventSchemasTest {
  private static final Instant NOW = Instant.parse("2026-03-17T17:30:12Z");

  @Test
  void schemasAreNamedVersionedAndDocumented() {
    for (Schema schema : List.of(JobEventSchemas.KEY, JobEventSchemas.VALUE)) {
      assertTrue(RowSchemasTest.isAvroName(schema.name()), schema.name());
      assertTrue(schema.doc() != null && !schema.doc().isBlank());
    }
    assertEquals(1, JobEventSchemas.KEY.version());
    assertEquals(2, JobEventSchemas.VALUE.version(), "v2: credits became decimals");
  }

  @Test
  void valueHasTheEventFieldsInOrder() {
    assertEquals(
        List.of(
            "connector",
            "spec_name",
            "external_user_id",
            "tool_type",
            "run",
            "job_id",
            "event_type",
            "status",
            "progress_percent",
            "number_of_results",
            "cost_charged",
            "estimated_cost",
            "rows_emitted",
            "error_code",
            "message",
            "timestamp"),
        JobEventSchemas.VALUE.fields().stream().map(Field::name).toList());
    assertEquals(Timestamp.LOGICAL_NAME, JobEventSchemas.VALUE.field("timestamp").schema().name());
    assertFalse(JobEventSchemas.VALUE.field("timestamp").schema().isOptional());
  }

  @Test
  void creditsAreDecimalsOfScaleSixExactToAMillionth() {
    for (String field : List.of("cost_charged", "estimated_cost")) {
      Schema schema = JobEventSchemas.VALUE.field(field).schema();
      assertEquals(Decimal.LOGICAL_NAME, schema.name());
      assertEquals("6", schema.parameters().get(Decimal.SCALE_FIELD));
      assertEquals("20", schema.parameters().get("connect.decimal.precision"));
      assertTrue(schema.isOptional());
    }
    Struct event =
        JobEventSchemas.event("igscraper", "nasa", 1L, JobEventType.COMPLETED, NOW)
            .costCharged(new BigDecimal("0.1"))
            .estimatedCost(new BigDecimal("2.5E2"))
            .build();
    assertEquals(new BigDecimal("0.100000"), event.get("cost_charged"));
    assertEquals(new BigDecimal("250.000000"), event.get("estimated_cost"));
    assertNull(JobEventSchemas.credits(new BigDecimal("4E-7")), "not exact at scale 6: unknown");
    assertEquals(new BigDecimal("1.500000"), JobEventSchemas.credits(new BigDecimal("1.5000000")));
    assertNull(JobEventSchemas.credits(null));
    assertNull(JobEventSchemas.credits(new BigDecimal("1E+15")), "beyond NUMERIC(20,6)");
  }

  @Test
  void builderSetsRequiredAndOptionalFields() {
    Struct event =
        JobEventSchemas.event("igscraper", "nasa", 7L, JobEventType.OUT_OF_CREDITS, NOW)
            .externalUserId("customer-123")
            .toolType(ToolType.SINGLE_POST_LIKERS)
            .errorCode("INSUFFICIENT_CREDITS")
            .message("Not enough credits")
            .build();

    assertEquals("igscraper", event.get("connector"));
    assertEquals("nasa", event.get("spec_name"));
    assertEquals(7L, event.get("run"));
    assertEquals("OUT_OF_CREDITS", event.get("event_type"));
    assertEquals(Date.from(NOW), event.get("timestamp"));
    assertEquals("customer-123", event.get("external_user_id"));
    assertEquals("single-post-likers", event.get("tool_type"));
    assertEquals("INSUFFICIENT_CREDITS", event.get("error_code"));
    assertNull(event.get("job_id"));
    assertNull(event.get("progress_percent"));
  }

  @Test
  void toolTypeMayBeTheSpecsRawString() {
    Struct event =
        JobEventSchemas.event("c", "s", 0L, JobEventType.SPEC_INVALID, NOW)
            .toolType("reels")
            .build();
    assertEquals("reels", event.get("tool_type"));
  }

  @Test
  void missingRequiredFieldFailsAtBuild() {
    assertThrows(
        DataException.class,
        () -> JobEventSchemas.event(null, "s", 0L, JobEventType.SUBMITTED, NOW).build());
  }

  @Test
  void keyIsConnectorAndSpecName() {
    Struct key = JobEventSchemas.key("igscraper", "nasa");
    key.validate();
    assertEquals("igscraper", key.get("connector"));
    assertEquals("nasa", key.get("spec_name"));
  }
}
