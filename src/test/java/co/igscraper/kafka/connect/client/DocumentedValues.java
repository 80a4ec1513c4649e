package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.JsonWire.NODES;
import static co.igscraper.kafka.connect.client.JsonWire.rawNumber;
import static co.igscraper.kafka.connect.client.JsonWire.write;

import co.igscraper.kafka.connect.client.JsonWire.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of the values the docs allow in a field: ids, statuses, cells, amounts, text.
 */
final class DocumentedValues {
  private static final List<JobStatus> DOCUMENTED_STATUSES =
      List.of(
          JobStatus.QUEUED,
          JobStatus.PROCESSING,
          JobStatus.COMPLETED,
          JobStatus.FAILED,
          JobStatus.CANCELLED);

  private DocumentedValues() {}

  /** Ids the parser must keep to the character: UUIDs, printable tokens, any non-blank text. */
  static Arbitrary<String> ids() {
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
            .as((high, low) -> new UUID(high, low).toString()),
        Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64),
        text(1, 40).filter(s -> !s.isBlank()));
  }

  static Arbitrary<JobStatus> statuses() {
    return Arbitraries.of(DOCUMENTED_STATUSES);
  }

  /** A documented cell value (a string, sometimes null) or another scalar or a small container. */
  static Arbitrary<Cell> cells() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, text(0, 24).map(s -> new Cell(NODES.textNode(s), s))),
        Tuple.of(2, Arbitraries.just(new Cell(NODES.nullNode(), null))),
        Tuple.of(
            1,
            Arbitraries.of(false, true)
                .map(b -> new Cell(NODES.booleanNode(b), String.valueOf(b)))),
        Tuple.of(1, Arbitraries.longs().map(l -> new Cell(NODES.numberNode(l), String.valueOf(l)))),
        Tuple.of(
            1,
            Combinators.combine(text(0, 10), Arbitraries.integers())
                .as(
                    (s, i) -> {
                      ObjectNode cell = NODES.objectNode();
                      cell.put("s", s);
                      cell.putArray("a").add(i).addNull().add(true);
                      return new Cell(cell, write(cell, Wire.COMPACT));
                    })));
  }

  /** A cell on the wire and the text the parser must make of it. */
  record Cell(JsonNode wire, String text) {}

  /** A documented amount (credits, whole or fractional) and the exact value it reads as. */
  record Amount(JsonNode wire, BigDecimal value) {}

  static Arbitrary<Amount> amounts() {
    return Arbitraries.oneOf(
        Arbitraries.longs()
            .between(0, 10_000_000)
            .map(l -> new Amount(NODES.numberNode(l), exact(BigDecimal.valueOf(l)))),
        Combinators.combine(
                Arbitraries.longs().between(0, 100_000_000), Arbitraries.integers().between(1, 6))
            .as(
                (unscaled, scale) -> {
                  BigDecimal amount = BigDecimal.valueOf(unscaled, scale);
                  return new Amount(rawNumber(amount.toPlainString()), exact(amount));
                }));
  }

  /** How the parser states an exact amount: no trailing zeros, never an exponent. */
  private static BigDecimal exact(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  static Arbitrary<String> externalUserIds() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u00a0', '\u024f')
        .ofMinLength(1)
        .ofMaxLength(255);
  }

  static Arbitrary<String> namespaces() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars('-', '_')
        .ofMinLength(1)
        .ofMaxLength(40);
  }

  static Arbitrary<String> toolTypes() {
    return Arbitraries.of(
        "followers", "following", "likers", "hashtag", "location", "single-post-likers", "emails");
  }

  /** Text of printable, Latin, Cyrillic, CJK, control and separator characters (no surrogates). */
  static Arbitrary<String> text(int min, int max) {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u0000', '\u001f')
        .withCharRange('\u00a0', '\u024f')
        .withCharRange('\u0400', '\u04ff')
        .withCharRange('\u4e00', '\u4e80')
        .withChars('\u2028', '\u2029', '\ufeff', '\u200b')
        .ofMinLength(min)
        .ofMaxLength(max);
  }
}
