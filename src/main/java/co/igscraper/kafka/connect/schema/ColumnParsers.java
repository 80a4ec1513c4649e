package co.igscraper.kafka.connect.schema;

/**
 * Lenient parsers for the API's string values, written without regex or allocation because they run
 * once per typed cell on the hot path.
 */
final class ColumnParsers {
  /** Returned when a non-blank value cannot be parsed; never stored in a record. */
  static final Object INVALID = new Object();

  private ColumnParsers() {}

  /**
   * Parses {@code true/false}, {@code yes/no} and {@code 1/0}, ignoring case and surrounding
   * whitespace. Blank gives {@code null}; anything else gives {@link #INVALID}.
   */
  static Object parseBoolean(String raw) {
    int start = start(raw);
    int end = end(raw, start);
    switch (end - start) {
      case 0:
        return null;
      case 1:
        char c = raw.charAt(start);
        if (c == '1') {
          return Boolean.TRUE;
        }
        if (c == '0') {
          return Boolean.FALSE;
        }
        return INVALID;
      case 2:
        return raw.regionMatches(true, start, "no", 0, 2) ? Boolean.FALSE : INVALID;
      case 3:
        return raw.regionMatches(true, start, "yes", 0, 3) ? Boolean.TRUE : INVALID;
      case 4:
        return raw.regionMatches(true, start, "true", 0, 4) ? Boolean.TRUE : INVALID;
      case 5:
        return raw.regionMatches(true, start, "false", 0, 5) ? Boolean.FALSE : INVALID;
      default:
        return INVALID;
    }
  }

  /**
   * Parses a decimal integer with an optional sign, ignoring surrounding whitespace and accepting
   * comma thousands separators in their proper places ({@code 1,234,567} but not {@code 12,34}).
   * Blank gives {@code null}; anything else, including decimals, exponents, abbreviations such as
   * {@code 1.2k} and values outside the {@code long} range, gives {@link #INVALID}.
   */
  static Object parseLong(String raw) {
    int start = start(raw);
    int end = end(raw, start);
    if (start == end) {
      return null;
    }
    boolean negative = false;
    char first = raw.charAt(start);
    if (first == '-' || first == '+') {
      negative = first == '-';
      start++;
    }
    long value = 0;
    int digits = 0;
    int groupDigits = 0;
    boolean grouped = false;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (c >= '0' && c <= '9') {
        int d = c - '0';
        if (value > (Long.MAX_VALUE - d) / 10) {
          return INVALID;
        }
        value = value * 10 + d;
        digits++;
        groupDigits++;
      } else if (c == ',') {
        boolean badGroup = grouped ? groupDigits != 3 : groupDigits == 0 || groupDigits > 3;
        if (badGroup) {
          return INVALID;
        }
        grouped = true;
        groupDigits = 0;
      } else {
        return INVALID;
      }
    }
    if (digits == 0 || (grouped && groupDigits != 3)) {
      return INVALID;
    }
    return negative ? -value : value;
  }

  private static int start(String raw) {
    int i = 0;
    while (i < raw.length() && raw.charAt(i) <= ' ') {
      i++;
    }
    return i;
  }

  private static int end(String raw, int start) {
    int i = raw.length();
    while (i > start && raw.charAt(i - 1) <= ' ') {
      i--;
    }
    return i;
  }
}
