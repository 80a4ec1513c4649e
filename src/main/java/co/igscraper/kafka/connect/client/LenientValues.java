package co.igscraper.kafka.connect.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
  private static final int MAX_UNWRAP = 3;
  private static final List<String> AMOUNT_MEMBERS =
      List.of("value", "amount", "credits", "total", "cost");
  private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

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
  static boolean isFinite(JsonNode n) {
    return !(n.isDouble() || n.isFloat()) || Double.isFinite(n.doubleValue());
  }

  static boolean isAbsent(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  /** A decimal amount: number, numeric string, one-element list, or an object holding one. */
  static Reading<BigDecimal> decimal(JsonNode n) {
    return decimal(n, 0);
  }

  private static Reading<BigDecimal> decimal(JsonNode n, int depth) {
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
    // Containers are unwrapped a few levels deep at most, each member once: the work stays linear
    // in the body whatever its nesting.
    if (depth >= MAX_UNWRAP) {
      return Reading.unreadable();
    }
    if (n.isArray() && n.size() == 1) {
      return decimal(n.get(0), depth + 1).asCoerced();
    }
    if (n.isObject()) {
      for (String member : AMOUNT_MEMBERS) {
        if (n.has(member)) {
          Reading<BigDecimal> inner = decimal(n.get(member), depth + 1);
          if (inner.value() != null || n.size() == 1) {
            return inner.asCoerced();
          }
        }
      }
      if (n.size() == 1) {
        return decimal(n.elements().next(), depth + 1).asCoerced();
      }
    }
    return Reading.unreadable();
  }

  static Reading<BigDecimal> parseDecimal(String raw) {
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

  static Reading<BigDecimal> bounded(BigDecimal value, boolean coerced) {
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
    if (n.isArray() && n.size() == 1 && !n.get(0).isContainerNode()) {
      return bool(n.get(0)).asCoerced();
    }
    return Reading.unreadable();
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
