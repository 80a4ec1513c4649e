package co.igscraper.kafka.connect.schema;

import java.util.List;
import org.apache.kafka.connect.data.Struct;

/**
 * A result row mapped to a record key and value, with the columns whose values could not be parsed
 * (their fields are null in {@code value}).
 *
 * @param key a {@link RowSchemas#keySchema()} struct
 * @param value a {@link RowSchemas#valueSchema(ToolType)} struct
 * @param failedColumns the typed columns whose non-blank value did not parse, in row order; empty
 *     for almost every row
 */
public record MappedRow(Struct key, Struct value, List<String> failedColumns) {

  /** The number of fields of this row that failed to parse. */
  public int parseFailures() {
    return failedColumns.size();
  }
}
