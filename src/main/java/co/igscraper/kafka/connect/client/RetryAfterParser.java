package co.igscraper.kafka.connect.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses a {@code Retry-After} header: whole seconds or an HTTP date (RFC 9110). */
final class RetryAfterParser {
  // Caps absurd values so a bad header cannot park a task for days.
  static final Duration MAX = Duration.ofHours(1);

  private RetryAfterParser() {}

  static Optional<Duration> parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(cap(Duration.ofSeconds(Long.parseLong(value))));
      } catch (NumberFormatException e) {
        return Optional.of(MAX); // more digits than a long: "very long"
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : cap(wait));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration cap(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
