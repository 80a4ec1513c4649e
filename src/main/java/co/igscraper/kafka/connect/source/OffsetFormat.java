package co.igscraper.kafka.connect.source;

import java.util.Map;

/**
 * Reads run records as Connect hands them back (numbers as longs), format 1 (no {@code v}) and
 * format 2, and says which key is wrong when one is.
 */
final class OffsetFormat {
  private OffsetFormat() {}

  static SourceCursor read(Map<String, ?> map) {
    long version = map.containsKey(SourceCursor.VERSION) ? number(map, SourceCursor.VERSION) : 1;
    if (version < 1 || version > SourceCursor.FORMAT) {
      throw new IllegalArgumentException(
          "offset key '"
              + SourceCursor.VERSION
              + "' is "
              + version
              + "; this version of the connector reads formats 1 to "
              + SourceCursor.FORMAT);
    }
    return new SourceCursor(
        number(map, SourceCursor.RUN),
        text(map, SourceCursor.SPEC_HASH, false),
        text(map, SourceCursor.JOB_ID, true),
        number(map, SourceCursor.PAGE),
        number(map, SourceCursor.ROW),
        pageSize(number(map, SourceCursor.PAGE_SIZE)),
        flag(map, SourceCursor.DONE),
        map.containsKey(SourceCursor.STARTED_AT) ? number(map, SourceCursor.STARTED_AT) : 0L,
        text(map, SourceCursor.ENRICH_REQUEST, true),
        text(map, SourceCursor.PREV_DIGEST, true),
        origin(map),
        map.get(SourceCursor.REEMIT_AT) == null ? 0L : number(map, SourceCursor.REEMIT_AT),
        completed(map),
        map.get(SourceCursor.STOPPED) != null && flag(map, SourceCursor.STOPPED));
  }

  /**
   * Format 1 did not say: a position past the first row can only come from a completed job, and at
   * page 1, row 0 a poll more tells.
   */
  private static boolean completed(Map<String, ?> map) {
    if (map.get(SourceCursor.COMPLETED) != null) {
      return flag(map, SourceCursor.COMPLETED);
    }
    return number(map, SourceCursor.PAGE) > 1 || number(map, SourceCursor.ROW) > 0;
  }

  /** The spec version of the job; absent in format 1, and then all four keys must be absent. */
  private static RunSpec origin(Map<String, ?> map) {
    String name = text(map, SourceCursor.SPEC_NAME, true);
    String user = text(map, SourceCursor.EXTERNAL_USER_ID, true);
    String tool = text(map, SourceCursor.TOOL_TYPE, true);
    String topic = text(map, SourceCursor.TOPIC, true);
    if (name == null && user == null && tool == null && topic == null) {
      return null;
    }
    if (name == null || user == null || tool == null || topic == null) {
      throw new IllegalArgumentException(
          "offset keys '"
              + SourceCursor.SPEC_NAME
              + "', '"
              + SourceCursor.EXTERNAL_USER_ID
              + "', '"
              + SourceCursor.TOOL_TYPE
              + "' and '"
              + SourceCursor.TOPIC
              + "' go together: all or none");
    }
    return new RunSpec(name, user, tool, topic);
  }

  private static int pageSize(long value) {
    if (value < 1 || value > 200) {
      throw new IllegalArgumentException(
          SourceCursor.PAGE_SIZE + " must be from 1 to 200, got " + value);
    }
    return (int) value;
  }

  private static long number(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
      return n.longValue();
    }
    throw new IllegalArgumentException(
        "offset key '" + key + "' must be an integer, got " + describe(value));
  }

  private static String text(Map<String, ?> map, String key, boolean nullable) {
    Object value = map.get(key);
    if (value instanceof String s) {
      return s;
    }
    if (value == null && nullable) {
      return null;
    }
    throw new IllegalArgumentException(
        "offset key '" + key + "' must be a string, got " + describe(value));
  }

  private static boolean flag(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(
        "offset key '" + key + "' must be true or false, got " + describe(value));
  }

  private static String describe(Object value) {
    return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
  }
}
