package co.igscraper.kafka.connect.client;

import co.igscraper.kafka.connect.client.LenientValues.Reading;
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
import java.util.Locale;

/**
 * Best-effort readings of a JSON value as a point in time; pure functions like {@link
 * LenientValues}.
 */
final class LenientTimes {
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

  private LenientTimes() {}

  /**
   * A point in time: ISO-8601 with or without fraction and offset (UTC when none), a date, RFC
   * 1123, or epoch seconds, milliseconds, microseconds or nanoseconds (told apart by magnitude).
   */
  static Reading<Instant> instant(JsonNode n) {
    if (LenientValues.isAbsent(n)) {
      return Reading.absent();
    }
    if (n.isNumber()) {
      return LenientValues.isFinite(n) ? epoch(n.decimalValue()) : Reading.unreadable();
    }
    if (!n.isTextual()) {
      return n.isArray() && n.size() == 1 && !n.get(0).isContainerNode()
          ? instant(n.get(0)).asCoerced()
          : Reading.unreadable();
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
    Reading<BigDecimal> number = LenientValues.parseDecimal(s);
    return number.value() == null ? Reading.unreadable() : epoch(number.value());
  }

  private static Reading<Instant> epoch(BigDecimal raw) {
    Reading<BigDecimal> b = LenientValues.bounded(raw, true);
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
}
