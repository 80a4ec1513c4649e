package co.igscraper.kafka.connect.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Maps the API's result rows (column name to string value, in API column order) of one tool type to
 * record keys and values, and counts per column the values that failed to parse.
 *
 * <p>Never throws on data: a typed value that does not parse becomes null and is counted; a blank
 * typed value becomes null and is not counted; string values, including {@code ""}, are kept as
 * they are; columns the schema does not know go to {@value RowSchemas#EXTRA_COLUMNS}. Not thread
 * safe: use one mapper per task.
 */
public final class RowMapper {
  private final ToolType toolType;
  private final Schema valueSchema;
  private final Map<String, Slot> slots;
  private final Slot[] slotsByIndex;
  private final long[] failureCounts;
  private final Field extraColumnsField;
  private final Field sourceField;
  private final Field userIdField;
  private final Field keySourceField;
  private final Field keyUserIdField;

  public RowMapper(ToolType toolType) {
    this.toolType = toolType;
    this.valueSchema = RowSchemas.valueSchema(toolType);
    List<String> columns = RowSchemas.knownColumns(toolType);
    this.slots = new HashMap<>(columns.size() * 2);
    this.slotsByIndex = new Slot[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Field field = valueSchema.field(columns.get(i));
      Slot slot = new Slot(i, field, parser(field.schema()));
      slots.put(field.name(), slot);
      slotsByIndex[i] = slot;
    }
    this.failureCounts = new long[columns.size()];
    this.extraColumnsField = valueSchema.field(RowSchemas.EXTRA_COLUMNS);
    this.sourceField = valueSchema.field("source");
    this.userIdField = valueSchema.field("user_id");
    Schema keySchema = RowSchemas.keySchema();
    this.keySourceField = keySchema.field(RowSchemas.KEY_SOURCE);
    this.keyUserIdField = keySchema.field(RowSchemas.KEY_USER_ID);
  }

  public ToolType toolType() {
    return toolType;
  }

  /** Maps one row; null values and absent columns give null fields. */
  public MappedRow map(Map<String, String> row) {
    Struct value = new Struct(valueSchema);
    Map<String, String> extra = null;
    List<String> failed = null;
    for (Map.Entry<String, String> cell : row.entrySet()) {
      String column = cell.getKey();
      if (column == null) {
        continue;
      }
      Slot slot = slots.get(column);
      if (slot == null) {
        if (extra == null) {
          extra = new LinkedHashMap<>();
        }
        extra.put(column, cell.getValue());
        continue;
      }
      String raw = cell.getValue();
      if (raw == null) {
        continue;
      }
      Object parsed = slot.parser.apply(raw);
      if (parsed == ColumnParsers.INVALID) {
        failureCounts[slot.index]++;
        if (failed == null) {
          failed = new ArrayList<>(2);
        }
        failed.add(column);
      } else if (parsed != null) {
        value.put(slot.field, parsed);
      }
    }
    if (extra != null) {
      value.put(extraColumnsField, extra);
    }
    Struct key = new Struct(RowSchemas.keySchema());
    key.put(keySourceField, value.get(sourceField));
    key.put(keyUserIdField, value.get(userIdField));
    return new MappedRow(
        key, value, failed == null ? List.of() : Collections.unmodifiableList(failed));
  }

  /**
   * Values that failed to parse since this mapper was created, per column, in schema order; only
   * columns with at least one failure appear.
   */
  public Map<String, Long> parseFailures() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Slot slot : slotsByIndex) {
      if (failureCounts[slot.index] > 0) {
        counts.put(slot.field.name(), failureCounts[slot.index]);
      }
    }
    return counts;
  }

  /** Total of {@link #parseFailures()}. */
  public long totalParseFailures() {
    long total = 0;
    for (long count : failureCounts) {
      total += count;
    }
    return total;
  }

  private static Function<String, Object> parser(Schema schema) {
    return switch (schema.type()) {
      case BOOLEAN -> ColumnParsers::parseBoolean;
      case INT64 -> ColumnParsers::parseLong;
      default -> raw -> raw;
    };
  }

  private record Slot(int index, Field field, Function<String, Object> parser) {}
}
