package co.igscraper.kafka.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.apicurio.registry.utils.converter.avro.AvroData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Row and event records survive Connect to Avro binary and back, and evolve compatibly. */
class AvroRoundTripTest {
  private final AvroData avroData = new AvroData(100);

  private static byte[] write(org.apache.avro.Schema schema, Object datum) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<Object>(schema).write(datum, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static Object read(
      org.apache.avro.Schema writer, org.apache.avro.Schema reader, byte[] bytes)
      throws IOException {
    return new GenericDatumReader<Object>(writer, reader)
        .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
  }

  /** Connect -> Avro -> bytes -> Avro -> Connect with one schema; returns what came back. */
  private SchemaAndValue roundTrip(Schema schema, Struct value) throws IOException {
    org.apache.avro.Schema avroSchema = avroData.fromConnectSchema(schema);
    byte[] bytes = write(avroSchema, avroData.fromConnectData(schema, value));
    return avroData.toConnectData(avroSchema, read(avroSchema, avroSchema, bytes));
  }

  private void assertRoundTrips(Schema schema, Struct value) throws IOException {
    SchemaAndValue back = roundTrip(schema, value);
    assertEquals(schema, back.schema());
    assertEquals(value, back.value());
  }

  @ParameterizedTest
  @EnumSource(ToolType.class)
  void rowWithoutEnrichmentRoundTrips(ToolType type) throws IOException {
    MappedRow row = new RowMapper(type).map(SampleRows.row(type, false, false));
    assertRoundTrips(RowSchemas.valueSchema(type), row.value());
    assertRoundTrips(RowSchemas.keySchema(), row.key());
  }

  @ParameterizedTest
  @EnumSource(ToolType.class)
  void rowWithEnrichmentRoundTrips(ToolType type) throws IOException {
    MappedRow row = new RowMapper(type).map(SampleRows.row(type, true, false));
    if (type.supportsProfileEnrichment()) {
      assertEquals(1234L, row.value().get("follower_count"));
    }
    assertEquals("country-" + type.apiName(), row.value().get("country"));
    assertRoundTrips(RowSchemas.valueSchema(type), row.value());
  }

  @ParameterizedTest
  @EnumSource(ToolType.class)
  void rowWithUnknownColumnRoundTrips(ToolType type) throws IOException {
    MappedRow row = new RowMapper(type).map(SampleRows.row(type, true, true));
    assertEquals(2, ((Map<?, ?>) row.value().get(RowSchemas.EXTRA_COLUMNS)).size());
    assertRoundTrips(RowSchemas.valueSchema(type), row.value());
  }

  @ParameterizedTest
  @EnumSource(ToolType.class)
  void avroNamesAreTheConnectNames(ToolType type) {
    org.apache.avro.Schema value = avroData.fromConnectSchema(RowSchemas.valueSchema(type));
    assertEquals(RowSchemas.valueSchema(type).name(), value.getFullName());
    assertEquals(
        RowSchemas.keySchema().name(),
        avroData.fromConnectSchema(RowSchemas.keySchema()).getFullName());
  }

  @ParameterizedTest
  @EnumSource(ToolType.class)
  void enrichmentDoesNotChangeTheSchema(ToolType type) {
    RowMapper mapper = new RowMapper(type);
    Schema base = mapper.map(SampleRows.row(type, false, false)).value().schema();
    Schema enriched = mapper.map(SampleRows.row(type, true, false)).value().schema();
    assertEquals(base, enriched);
    assertEquals(avroData.fromConnectSchema(base), avroData.fromConnectSchema(enriched));
  }

  /**
   * A schema with only the base columns stands for a writer that knew no enrichment columns (or a
   * future version with more columns, read the other way round): all fields are optional with a
   * null default, so either schema reads the other's data.
   */
  @ParameterizedTest
  @EnumSource(ToolType.class)
  void baseAndEnrichedSchemasAreFullyCompatible(ToolType type) {
    org.apache.avro.Schema base =
        avroData.fromConnectSchema(
            RowSchemas.buildValueSchema(type, RowSchemas.columns(type, false, false)));
    org.apache.avro.Schema enriched = avroData.fromConnectSchema(RowSchemas.valueSchema(type));

    assertEquals(
        SchemaCompatibilityType.COMPATIBLE,
        SchemaCompatibility.checkReaderWriterCompatibility(enriched, base).getType(),
        "backward: the enriched schema reads base data");
    assertEquals(
        SchemaCompatibilityType.COMPATIBLE,
        SchemaCompatibility.checkReaderWriterCompatibility(base, enriched).getType(),
        "forward: the base schema reads enriched data");
  }

  @ParameterizedTest
  @EnumSource(ToolType.class)
  void enrichedSchemaReadsBaseData(ToolType type) throws IOException {
    Schema baseConnect = RowSchemas.buildValueSchema(type, RowSchemas.columns(type, false, false));
    Struct base = new Struct(baseConnect);
    base.put("source", "nasa").put("user_id", "42").put("type", "x");
    org.apache.avro.Schema writer = avroData.fromConnectSchema(baseConnect);
    org.apache.avro.Schema reader = avroData.fromConnectSchema(RowSchemas.valueSchema(type));

    Object decoded =
        read(writer, reader, write(writer, avroData.fromConnectData(baseConnect, base)));
    Struct value = (Struct) avroData.toConnectData(reader, decoded).value();

    assertEquals(RowSchemas.valueSchema(type), value.schema());
    assertEquals("nasa", value.get("source"));
    assertEquals("42", value.get("user_id"));
    assertNull(value.get("country"));
    assertNull(value.get(RowSchemas.EXTRA_COLUMNS));
  }

  @Test
  void fullJobEventRoundTrips() throws IOException {
    Struct event =
        JobEventSchemas.event(
                "igscraper",
                "nasa-followers",
                3L,
                JobEventType.COMPLETED,
                Instant.ofEpochMilli(1773768612000L))
            .externalUserId("customer-123")
            .toolType(ToolType.FOLLOWERS)
            .jobId("4d83c31f-ef37-4fa2-ad3e-07bbd15e9936")
            .status("COMPLETED")
            .progressPercent(100)
            .numberOfResults(50L)
            .costCharged(new java.math.BigDecimal("250.5"))
            .estimatedCost(new java.math.BigDecimal("0.000001"))
            .rowsEmitted(0L)
            .errorCode(null)
            .message("job completed")
            .build();
    assertRoundTrips(JobEventSchemas.VALUE, event);
    assertRoundTrips(JobEventSchemas.KEY, JobEventSchemas.key("igscraper", "nasa-followers"));
  }

  @Test
  void minimalJobEventRoundTrips() throws IOException {
    Struct event =
        JobEventSchemas.event("igscraper", "broken", 0L, JobEventType.SPEC_INVALID, Instant.EPOCH)
            .message("tool_type is missing")
            .build();
    assertRoundTrips(JobEventSchemas.VALUE, event);
  }

  @Test
  void jobEventNamesAreAvroNames() {
    assertEquals(
        "co.igscraper.connect.JobEvent",
        avroData.fromConnectSchema(JobEventSchemas.VALUE).getFullName());
    assertEquals(
        "co.igscraper.connect.JobEventKey",
        avroData.fromConnectSchema(JobEventSchemas.KEY).getFullName());
  }
}
