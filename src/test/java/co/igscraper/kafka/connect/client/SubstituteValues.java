package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.DocumentedValues.text;
import static co.igscraper.kafka.connect.client.JsonWire.NODES;
import static co.igscraper.kafka.connect.client.OddNumbers.numbers;
import static co.igscraper.kafka.connect.client.OddNumbers.numericStrings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of the values and member names a server might send instead of documented ones.
 */
final class SubstituteValues {
  private SubstituteValues() {}

  /** Any JSON value, from null to a million characters or two hundred levels deep. */
  static Arbitrary<Payload> payloads() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, scalars()),
        Tuple.of(4, numericStrings()),
        Tuple.of(4, oddTimestamps()),
        Tuple.of(6, numbers()),
        Tuple.of(3, objects()),
        Tuple.of(3, arrays()),
        Tuple.of(1, deeplyNested()),
        Tuple.of(1, hugeStrings()));
  }

  static Arbitrary<Payload> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.just(new Payload("null", NODES.nullNode())),
        Arbitraries.of(false, true).map(b -> new Payload("boolean", NODES.booleanNode(b))),
        text(0, 24).map(s -> new Payload("string", NODES.textNode(s))),
        Arbitraries.integers()
            .between(-1000, 1000)
            .map(i -> new Payload("int", NODES.numberNode(i))),
        Arbitraries.longs().map(l -> new Payload("long", NODES.numberNode(l))));
  }

  static Arbitrary<Payload> oddTimestamps() {
    Arbitrary<String> listed =
        Arbitraries.of(
            "2026-03-17T17:30:00.000Z",
            "2026-03-17T17:30:00Z",
            "2026-03-17T17:30:00",
            "2026-03-17 17:30:00",
            "2026-03-17",
            "2026-03-17T17:30:00+05:30",
            "2026-03-17T17:30:00.123456789-08:00",
            "Tue, 17 Mar 2026 17:30:00 GMT",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-03-17T24:00:00Z",
            "2026-03-17T17:30:00+25:00",
            "0000-00-00 00:00:00",
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "2026-W11-2",
            "2026-076",
            "17:30",
            "yesterday",
            "T",
            "",
            "   ",
            "1773768600",
            "1773768600000",
            "1773768600000000",
            "1773768600000000000",
            "-1",
            "1.5e9");
    Arbitrary<String> shaped =
        Combinators.combine(
                Arbitraries.integers().between(-99_999, 99_999),
                Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, 32),
                Arbitraries.integers().between(0, 25),
                Arbitraries.integers().between(0, 61),
                Arbitraries.integers().between(0, 61),
                Arbitraries.of("Z", "", "+00:00", "-18:00", "+18:01", "+0530", " UTC", "z"))
            .as(
                (y, mo, d, h, mi, s, zone) ->
                    String.format(
                        Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, mo, d, h, mi, s, zone));
    return Arbitraries.oneOf(
        Arbitraries.oneOf(listed, shaped).map(s -> new Payload("timestamp", NODES.textNode(s))),
        Arbitraries.longs().map(l -> new Payload("epoch", NODES.numberNode(l))));
  }

  static Arbitrary<Payload> objects() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
            Arbitraries.of(
                "value", "amount", "credits", "total", "cost", "page", "code", "message", ""));
    return Arbitraries.maps(names, shallow())
        .ofMaxSize(4)
        .map(
            members -> {
              ObjectNode object = NODES.objectNode();
              members.forEach((name, value) -> object.set(name, value.node()));
              return new Payload("object", object);
            });
  }

  static Arbitrary<Payload> arrays() {
    return shallow()
        .list()
        .ofMaxSize(4)
        .map(
            elements -> {
              ArrayNode array = NODES.arrayNode();
              elements.forEach(e -> array.add(e.node()));
              return new Payload("array", array);
            });
  }

  private static Arbitrary<Payload> shallow() {
    return Arbitraries.oneOf(scalars(), numbers(), numericStrings());
  }

  /** Arrays and objects nested 50 to 200 levels deep around a scalar. */
  static Arbitrary<Payload> deeplyNested() {
    return Combinators.combine(
            Arbitraries.integers().between(50, 200), Arbitraries.longs(), scalars())
        .as(
            (depth, seed, leaf) -> {
              Random random = new Random(seed);
              JsonNode node = leaf.node();
              for (int i = 0; i < depth; i++) {
                if (random.nextBoolean()) {
                  ArrayNode array = NODES.arrayNode().add(node);
                  node = random.nextInt(4) == 0 ? array.add(i) : array;
                } else {
                  ObjectNode object = NODES.objectNode();
                  object.set(random.nextBoolean() ? "value" : "v", node);
                  node = object;
                }
              }
              return new Payload("nested " + depth, node);
            });
  }

  /** Strings of 100k to 1M characters: digits, commas, escapes, NULs, timestamp prefixes. */
  static Arbitrary<Payload> hugeStrings() {
    return Combinators.combine(
            Arbitraries.integers().between(100_000, 1_000_000),
            Arbitraries.of(
                "a", "9", "1,", " ", "\u00e9", "\\", "\"", "\u0000", "2026-03-17T", "true,"))
        .as(
            (length, unit) ->
                new Payload(
                    "huge string",
                    NODES.textNode(unit.repeat(Math.max(1, length / unit.length())))));
  }

  /** Member names the docs do not give: random, empty, look-alikes of real ones, long, odd. */
  static Arbitrary<String> unknownNames() {
    return Arbitraries.oneOf(
        printableUnknownNames(),
        Arbitraries.of(
            "",
            " ",
            "Job_ID",
            "JOB_ID",
            "data ",
            "__proto__",
            "constructor",
            "null",
            "$ref",
            "\u30da\u30fc\u30b8",
            "status\u0000"),
        text(1, 300).map(s -> "x" + s));
  }

  /** Unknown names the drift counter keeps as they are (printable ASCII, short). */
  static Arbitrary<String> printableUnknownNames() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars('_', '-')
        .ofMaxLength(40)
        .map(s -> "x_" + s);
  }
}
