package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/** The timestamps-* dialects: created_at, updated_at and completed_at in other forms. */
final class TimestampForms {
  /** RFC 1123 (IMF-fixdate), as in HTTP's Date and Retry-After headers. */
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter PLUS_TWO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.ofHours(2));
  private static final Set<String> FIELDS = Set.of("created_at", "updated_at", "completed_at");

  private TimestampForms() {}

  static void epochMillis(OutgoingResponse r, Random random) {
    rewrite(r, at -> LongNode.valueOf(at.toEpochMilli()));
  }

  static void epochSeconds(OutgoingResponse r, Random random) {
    rewrite(r, at -> LongNode.valueOf(at.getEpochSecond()));
  }

  static void rfc1123(OutgoingResponse r, Random random) {
    rewrite(r, at -> TextNode.valueOf(HTTP_DATE.format(at)));
  }

  static void offset(OutgoingResponse r, Random random) {
    rewrite(r, at -> TextNode.valueOf(PLUS_TWO.format(at.truncatedTo(ChronoUnit.SECONDS))));
  }

  private static void rewrite(OutgoingResponse r, Function<Instant, JsonNode> form) {
    JsonTrees.mapScalars(
        r.body(),
        (name, v) ->
            FIELDS.contains(name) && v.isTextual() ? form.apply(Instant.parse(v.asText())) : v);
  }
}
