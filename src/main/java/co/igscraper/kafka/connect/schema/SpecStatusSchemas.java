package co.igscraper.kafka.connect.schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Schemas of the spec table: the records of the optional status topic, one per spec and rewritten
 * on every change of its state, so a compacted read says what every spec is doing now.
 */
public final class SpecStatusSchemas {
  /** Key: the connector and the spec, so compaction keeps each spec's latest state. */
  public static final Schema KEY =
      SchemaBuilder.struct()
          .name(RowSchemas.NAMESPACE + ".SpecStatusKey")
          .version(1)
          .doc("The job spec a status record is about.")
          .field("connector", Schema.STRING_SCHEMA)
          .field("spec_name", Schema.STRING_SCHEMA)
          .build();

  private static final Schema OPTIONAL_TIMESTAMP = Timestamp.builder().optional().build();

  public static final Schema VALUE =
      SchemaBuilder.struct()
          .name(RowSchemas.NAMESPACE + ".SpecStatus")
          .version(1)
          .doc("What one job spec of an igscraper source connector is doing, as of updated_at.")
          .field("connector", Schema.STRING_SCHEMA)
          .field("spec_name", Schema.STRING_SCHEMA)
          .field("external_user_id", Schema.OPTIONAL_STRING_SCHEMA)
          .field("tool_type", Schema.OPTIONAL_STRING_SCHEMA)
          .field("phase", Schema.STRING_SCHEMA)
          .field("run", Schema.INT64_SCHEMA)
          .field("job_id", Schema.OPTIONAL_STRING_SCHEMA)
          .field("job_status", Schema.OPTIONAL_STRING_SCHEMA)
          .field("rows_emitted_run", Schema.INT64_SCHEMA)
          .field("rows_emitted_total", Schema.INT64_SCHEMA)
          .field("credits_spent", JobEventSchemas.CREDITS)
          .field("stalled", Schema.BOOLEAN_SCHEMA)
          .field("stalled_since", OPTIONAL_TIMESTAMP)
          .field("last_error", Schema.OPTIONAL_STRING_SCHEMA)
          .field("last_error_at", OPTIONAL_TIMESTAMP)
          .field("next_run_at", OPTIONAL_TIMESTAMP)
          .field("updated_at", Timestamp.SCHEMA)
          .build();

  private SpecStatusSchemas() {}

  /** The key of the given spec's status. */
  public static Struct key(String connector, String specName) {
    return new Struct(KEY).put("connector", connector).put("spec_name", specName);
  }

  /** One spec's state; {@code updatedAt} is left out of equality so only changes are written. */
  public record State(
      String externalUserId,
      String toolType,
      String phase,
      long run,
      String jobId,
      String jobStatus,
      long rowsEmittedRun,
      long rowsEmittedTotal,
      BigDecimal creditsSpent,
      Instant stalledSince,
      String lastError,
      Instant lastErrorAt,
      Instant nextRunAt) {

    /** The record value, as of {@code updatedAt}. */
    public Struct toStruct(String connector, String specName, Instant updatedAt) {
      return new Struct(VALUE)
          .put("connector", connector)
          .put("spec_name", specName)
          .put("external_user_id", externalUserId)
          .put("tool_type", toolType)
          .put("phase", phase)
          .put("run", run)
          .put("job_id", jobId)
          .put("job_status", jobStatus)
          .put("rows_emitted_run", rowsEmittedRun)
          .put("rows_emitted_total", rowsEmittedTotal)
          .put("credits_spent", JobEventSchemas.credits(creditsSpent))
          .put("stalled", stalledSince != null)
          .put("stalled_since", date(stalledSince))
          .put("last_error", lastError)
          .put("last_error_at", date(lastErrorAt))
          .put("next_run_at", date(nextRunAt))
          .put("updated_at", Date.from(updatedAt));
    }

    private static Date date(Instant at) {
      return at == null ? null : Date.from(at);
    }
  }
}
