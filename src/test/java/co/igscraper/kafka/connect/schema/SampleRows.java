package co.igscraper.kafka.connect.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/** Rows shaped like the API's, for tool types that have no fixture of a given shape. */
final class SampleRows {
  private SampleRows() {}

  /**
   * A row with the tool's base columns, plus every supported add-on column when {@code enriched},
   * plus an unknown column when {@code unknownColumn}; it holds a blank and a null value too.
   */
  static Map<String, String> row(ToolType type, boolean enriched, boolean unknownColumn) {
    List<String> columns =
        RowSchemas.columns(type, enriched && type.supportsProfileEnrichment(), enriched);
    Schema schema = RowSchemas.valueSchema(type);
    Map<String, String> row = new LinkedHashMap<>();
    for (String column : columns) {
      row.put(
          column,
          switch (schema.field(column).schema().type()) {
            case BOOLEAN -> "true";
            case INT64 -> "1,234";
            default -> column + "-" + type.apiName();
          });
    }
    row.put("full_name", "");
    row.put("profile_pic_url", null);
    if (unknownColumn) {
      row.put("threads_handle", "@someone");
      row.put("reels_count", null);
    }
    return row;
  }
}
