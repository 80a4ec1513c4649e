package co.igscraper.kafka.connect.schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Schemas and a builder for job events, the records of the job-events topic that tell what each job
 * spec's runs did.
 *
 * <p>{@code external_user_id} and {@code tool_type} are optional because a {@code SPEC_INVALID}
 * event may be about a spec that lacks them.
 */
public final class JobEventSchemas {
  /** Key: the connector and spec name, so a compacted topic keeps each spec's latest event. */
  public static final Schema KEY =
      SchemaBuilder.struct()
          .name(RowSchemas.NAMESPACE + ".JobEventKey")
          .version(RowSchemas.VERSION)
          .doc("The job spec a job event is about.")
          .field("connector", Schema.STRING_SCHEMA)
          .field("spec_name", Schema.STRING_SCHEMA)
          .build();

  /** Fractional digits kept of a credit amount: exact to a millionth of a credit. */
  public static final int CREDITS_SCALE = 6;

  /**
   * Credits: Connect's {@code Decimal} (Avro {@code bytes} with logical type {@code decimal},
   * precision 20, scale 6; a JDBC sink's {@code NUMERIC(20,6)}), exact where a double is not.
   */
  public static final Schema CREDITS =
      Decimal.builder(CREDITS_SCALE)
          .parameter("connect.decimal.precision", "20")
          .optional()
          .doc("Credits, exact to 6 decimal places.")
          .build();

  /** Version 2: credits became decimals (version 1 had {@code cost_charged} as int64). */
  public static final int VALUE_VERSION = 2;

  public static final Schema VALUE =
      SchemaBuilder.struct()
          .name(RowSchemas.NAMESPACE + ".JobEvent")
          .version(VALUE_VERSION)
          .doc("Something that happened to one run of a job spec of an igscraper source connector.")
          .field("connector", Schema.STRING_SCHEMA)
          .field("spec_name", Schema.STRING_SCHEMA)
          .field("external_user_id", Schema.OPTIONAL_STRING_SCHEMA)
          .field("tool_type", Schema.OPTIONAL_STRING_SCHEMA)
          .field("run", Schema.INT64_SCHEMA)
          .field("job_id", Schema.OPTIONAL_STRING_SCHEMA)
          .field("event_type", Schema.STRING_SCHEMA)
          .field("status", Schema.OPTIONAL_STRING_SCHEMA)
          .field("progress_percent", Schema.OPTIONAL_INT32_SCHEMA)
          .field("number_of_results", Schema.OPTIONAL_INT64_SCHEMA)
          .field("cost_charged", CREDITS)
          .field("estimated_cost", CREDITS)
          .field("rows_emitted", Schema.OPTIONAL_INT64_SCHEMA)
          .field("error_code", Schema.OPTIONAL_STRING_SCHEMA)
          .field("message", Schema.OPTIONAL_STRING_SCHEMA)
          .field("timestamp", Timestamp.SCHEMA)
          .build();

  private JobEventSchemas() {}

  /**
   * A credit amount at the schema's scale, exact or null: an amount with digits beyond the sixth
   * decimal place, or beyond precision 20, cannot be held exactly, and unknown beats wrong.
   */
  public static BigDecimal credits(BigDecimal amount) {
    if (amount == null || amount.stripTrailingZeros().scale() > CREDITS_SCALE) {
      return null;
    }
    BigDecimal scaled = amount.setScale(CREDITS_SCALE, RoundingMode.UNNECESSARY);
    return scaled.precision() > 20 ? null : scaled;
  }

  /** The key of every event of the given spec. */
  public static Struct key(String connector, String specName) {
    return new Struct(KEY).put("connector", connector).put("spec_name", specName);
  }

  /** Starts an event with its required fields; the optional ones are set on the builder. */
  public static Builder event(
      String connector, String specName, long run, JobEventType type, Instant timestamp) {
    return new Builder(connector, specName, run, type, timestamp);
  }

  /** Builds one job event value; optional fields left unset are null. Use once per event. */
  public static final class Builder {
    private final Struct value = new Struct(VALUE);

    private Builder(
        String connector, String specName, long run, JobEventType type, Instant timestamp) {
      value
          .put("connector", connector)
          .put("spec_name", specName)
          .put("run", run)
          .put("event_type", type.name())
          .put("timestamp", Date.from(timestamp));
    }

    public Builder externalUserId(String externalUserId) {
      value.put("external_user_id", externalUserId);
      return this;
    }

    public Builder toolType(ToolType toolType) {
      value.put("tool_type", toolType == null ? null : toolType.apiName());
      return this;
    }

    /** Sets the tool type as written in the spec, for specs whose tool type is not known. */
    public Builder toolType(String apiName) {
      value.put("tool_type", apiName);
      return this;
    }

    public Builder jobId(String jobId) {
      value.put("job_id", jobId);
      return this;
    }

    /** The job's {@code status} as the API reported it, e.g. {@code PROCESSING}. */
    public Builder status(String status) {
      value.put("status", status);
      return this;
    }

    public Builder progressPercent(Integer progressPercent) {
      value.put("progress_percent", progressPercent);
      return this;
    }

    public Builder numberOfResults(Long numberOfResults) {
      value.put("number_of_results", numberOfResults);
      return this;
    }

    /** The job's {@code cost_charged}; null when unknown. */
    public Builder costCharged(BigDecimal costCharged) {
      value.put("cost_charged", credits(costCharged));
      return this;
    }

    /** An enrichment preflight's cost estimate; null when unknown. */
    public Builder estimatedCost(BigDecimal estimatedCost) {
      value.put("estimated_cost", credits(estimatedCost));
      return this;
    }

    /** Rows of this run written to Kafka so far. */
    public Builder rowsEmitted(Long rowsEmitted) {
      value.put("rows_emitted", rowsEmitted);
      return this;
    }

    /** The API's error code, e.g. {@code INSUFFICIENT_CREDITS}. */
    public Builder errorCode(String errorCode) {
      value.put("error_code", errorCode);
      return this;
    }

    /** A human-readable explanation; must never contain the API key. */
    public Builder message(String message) {
      value.put("message", message);
      return this;
    }

    /** Returns the event; throws {@code DataException} if a required field is null. */
    public Struct build() {
      value.validate();
      return value;
    }
  }
}
