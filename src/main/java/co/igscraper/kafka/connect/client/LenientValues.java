package co.igscraper.kafka.connect.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Best-effort conversions of one JSON value to what a field means; each result says whether the
 * value was absent, as documented, understood in another shape, or not understood. Pure functions.
 */
final class LenientValues {
  /** How a value was read. */
  enum Outcome {
    ABSENT,
    EXACT,
    COERCED,
    UNREADABLE
  }

  /** A value and how it was read; {@code value} is null unless EXACT or COERCED. */
  record Reading<T>(T value, Outcome outcome) {
    static <T> Reading<T> absent() {
      return new Reading<>(null, Outcome.ABSENT);
    }

    static <T> Reading<T> unreadable() {
      return new Reading<>(null, Outcome.UNREADABLE);
    }

    static <T> Reading<T> exact(T value) {
      return new Reading<>(value, Outcome.EXACT);
    }

    static <T> Reading<T> coerced(T value) {
      return new Reading<>(value, Outcome.COERCED);
    }

    /**
     * The reading of a value found inside a container: coerced when it was read exactly, and
     * unreadable when the container held nothing ({@code [null]}, {@code {"value": null}}).
     */
    Reading<T> asCoerced() {
      return switch (outcome) {
        case EXACT -> coerced(value);
        case ABSENT -> unreadable();
        default -> this;
      };
    }
  }

  // Money and counts beyond these bounds are nonsense, and scaling 1E+999999999 would hang.
  private static final int MAX_INTEGER_DIGITS = 24;
  private static final int MAX_FRACTION_DIGITS = 18;
  private static final List<String> AMOUNT_MEMBERS =
      List.of("value", "amount", "credits", "total", "cost");
  private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
  private static final DateTimeFormatter LOCAL_OR_OFFSET =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private LenientValues() {}

  /** The JSON type of a node as a log word: string, number, boolean, object, array or null. */
  static String jsonType(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "absent";
    }
    return switch (n.getNodeType()) {
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case OBJECT -> "object";
      case ARRAY -> "array";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /** False for the infinities a number beyond any exponent is read as. */
  private static boolean isFinite(JsonNode n) {
    return !(n.isDouble() || n.isFloat()) || Double.isFinite(n.doubleValue());
  }

  static boolean isAbsent(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  /** A decimal amount: number, numeric string, one-element list, or an object holding one. */
  static Reading<BigDecimal> decimal(JsonNode n) {
    if (isAbsent(n)) {
      return Reading.absent();
    }
    if (n.isNumber()) {
      if (n.isDouble() || n.isFloat()) {
        return isFinite(n)
            ? bounded(BigDecimal.valueOf(n.doubleValue()), false)
            : Reading.unreadable();
      }
      return bounded(n.decimalValue(), false);
    }
    if (n.isTextual()) {
      return parseDecimal(n.asText());
    }
    if (n.isArray() && n.size() == 1) {
      return decimal(n.get(0)).asCoerced();
    }
    if (n.isObject()) {
      for (String member : AMOUNT_MEMBERS) {
        Reading<BigDecimal> inner = decimal(n.get(member));
        if (inner.value() != null) {
          return inner.asCoerced();
        }
      }
      if (n.size() == 1) {
        return decimal(n.elements().next()).asCoerced();
      }
    }
    return Reading.unreadable();
  }

  private static Reading<BigDecimal> parseDecimal(String raw) {
    String s = raw.trim();
    if (s.endsWith("%")) {
      s = s.substring(0, s.length() - 1).trim();
    }
    if (GROUPED.matcher(s).matches()) {
      s = s.replace(",", "");
    }
    if (s.isEmpty() || s.length() > 64) {
      return Reading.unreadable();
    }
    try {
      return bounded(new BigDecimal(s), true);
    } catch (NumberFormatException e) {
      return Reading.unreadable();
    }
  }

  private static Reading<BigDecimal> bounded(BigDecimal value, boolean coerced) {
    BigDecimal v = value.stripTrailingZeros();
    // Long arithmetic: a scale near Integer.MIN_VALUE (1e2147483647) must not wrap around.
    if (v.scale() > MAX_FRACTION_DIGITS || (long) v.precision() - v.scale() > MAX_INTEGER_DIGITS) {
      return Reading.unreadable();
    }
    // Plain scale >= 0: 2.5E2 and 250 are the same amount and print the same.
    BigDecimal plain = v.scale() < 0 ? v.setScale(0) : v;
    return coerced ? Reading.coerced(plain) : Reading.exact(plain);
  }

  /** A whole number; a fraction is cut toward zero and counted as coerced. */
  static Reading<Long> whole(JsonNode n) {
    Reading<BigDecimal> d = decimal(n);
    if (d.value() == null) {
      return new Reading<>(null, d.outcome());
    }
    BigDecimal cut = d.value().setScale(0, RoundingMode.DOWN);
    if (cut.toBigInteger().bitLength() > 63) {
      return Reading.unreadable();
    }
    boolean documented = d.outcome() == Outcome.EXACT && n.isIntegralNumber();
    Long value = cut.longValueExact();
    return documented ? Reading.exact(value) : Reading.coerced(value);
  }

  /** A whole number in int range. */
  static Reading<Integer> integer(JsonNode n) {
    Reading<Long> l = whole(n);
    if (l.value() == null) {
      return new Reading<>(null, l.outcome());
    }
    if (l.value() < Integer.MIN_VALUE || l.value() > Integer.MAX_VALUE) {
      return Reading.unreadable();
    }
    return new Reading<>(l.value().intValue(), l.outcome());
  }

  /** A flag: true/false, their strings, yes/no, on/off, 1/0. */
  static Reading<Boolean> bool(JsonNode n) {
    if (isAbsent(n)) {
      return Reading.absent();
    }
    if (n.isBoolean()) {
      return Reading.exact(n.booleanValue());
    }
    if (n.isTextual()) {
      return switch (n.asText().trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "y", "on", "1", "t" -> Reading.coerced(true);
        case "false", "no", "n", "off", "0", "f" -> Reading.coerced(false);
        default -> Reading.unreadable();
      };
    }
    if (n.isNumber()) {
      if (!isFinite(n)) {
        return Reading.unreadable();
      }
      if (n.decimalValue().signum() == 0) {
        return Reading.coerced(false);
      }
      return n.decimalValue().compareTo(BigDecimal.ONE) == 0
          ? Reading.coerced(true)
          : Reading.unreadable();
    }
    if (n.isArray() && n.size() == 1) {
      return bool(n.get(0)).asCoerced();
    }
    return Reading.unreadable();
  }

  /**
   * A point in time: ISO-8601 with or without fraction and offset (UTC when none), a date, RFC
   * 1123, or epoch seconds, milliseconds, microseconds or nanoseconds (told apart by magnitude).
   */
  static Reading<Instant> instant(JsonNode n) {
    if (isAbsent(n)) {
      return Reading.absent();
    }
    if (n.isNumber()) {
      return isFinite(n) ? epoch(n.decimalValue()) : Reading.unreadable();
    }
    if (!n.isTextual()) {
      return n.isArray() && n.size() == 1 ? instant(n.get(0)).asCoerced() : Reading.unreadable();
    }
    String s = n.asText().trim();
    if (s.isEmpty()) {
      return Reading.absent();
    }
    try {
      return Reading.exact(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeException e) {
      // another form below
    }
    try {
      TemporalAccessor t = LOCAL_OR_OFFSET.parse(s);
      LocalDateTime local = LocalDateTime.from(t);
      ZoneOffset offset =
          t.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(t) : ZoneOffset.UTC;
      return Reading.coerced(local.toInstant(offset));
    } catch (DateTimeException e) {
      // another form below
    }
    try {
      return Reading.coerced(
          ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeException e) {
      // another form below
    }
    try {
      return Reading.coerced(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeException e) {
      // another form below
    }
    Reading<BigDecimal> number = parseDecimal(s);
    return number.value() == null ? Reading.unreadable() : epoch(number.value());
  }

  private static Reading<Instant> epoch(BigDecimal raw) {
    Reading<BigDecimal> b = bounded(raw, true);
    if (b.value() == null) {
      return Reading.unreadable();
    }
    BigDecimal v = b.value();
    BigDecimal abs = v.abs();
    BigDecimal seconds;
    if (abs.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) {
      seconds = v;
    } else if (abs.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) < 0) {
      seconds = v.movePointLeft(3);
    } else if (abs.compareTo(BigDecimal.valueOf(100_000_000_000_000_000L)) < 0) {
      seconds = v.movePointLeft(6);
    } else {
      seconds = v.movePointLeft(9);
    }
    try {
      long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Reading.coerced(Instant.ofEpochSecond(whole, nanos));
    } catch (ArithmeticException | DateTimeException e) {
      return Reading.unreadable();
    }
  }

  /** Text: a string as it is; another scalar as its JSON text (coerced); containers unreadable. */
  static Reading<String> text(JsonNode n) {
    if (isAbsent(n)) {
      return Reading.absent();
    }
    if (n.isTextual()) {
      return Reading.exact(n.asText());
    }
    if (n.isValueNode()) {
      return Reading.coerced(n.asText());
    }
    if (n.isArray() && n.size() == 1 && n.get(0).isValueNode() && !n.get(0).isNull()) {
      return text(n.get(0)).asCoerced();
    }
    return Reading.unreadable();
  }

  /** Text that may be anything: containers become their JSON text. */
  static Reading<String> textOrJson(JsonNode n) {
    Reading<String> t = text(n);
    if (t.outcome() == Outcome.UNREADABLE) {
      return Reading.coerced(n.toString());
    }
    return t;
  }

  /**
   * A list of names: an array (nulls dropped), a comma-separated string, a single scalar, or an
   * object whose members are flags (the names set to true).
   */
  static Reading<List<String>> textList(JsonNode n) {
    if (isAbsent(n)) {
      return Reading.absent();
    }
    List<String> out = new ArrayList<>();
    boolean coerced = false;
    if (n.isArray()) {
      for (JsonNode e : n) {
        Reading<String> t = textOrJson(e);
        if (t.value() == null) {
          coerced = true;
          continue;
        }
        coerced |= t.outcome() != Outcome.EXACT;
        out.add(t.value());
      }
      return new Reading<>(List.copyOf(out), coerced ? Outcome.COERCED : Outcome.EXACT);
    }
    if (n.isTextual()) {
      for (String part : n.asText().split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return Reading.coerced(List.copyOf(out));
    }
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (Boolean.TRUE.equals(bool(e.getValue()).value())) {
          out.add(e.getKey());
        }
      }
      return Reading.coerced(List.copyOf(out));
    }
    return Reading.coerced(List.of(n.asText()));
  }
}
