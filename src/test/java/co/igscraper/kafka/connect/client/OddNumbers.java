package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.JsonWire.NODES;
import static co.igscraper.kafka.connect.client.JsonWire.rawNumber;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of numbers and numeric strings at and beyond what int, long and BigDecimal hold.
 */
final class OddNumbers {
  private OddNumbers() {}

  static Arbitrary<Payload> numericStrings() {
    return Arbitraries.oneOf(
            Arbitraries.of(
                "0",
                "-0",
                "42",
                " 42 ",
                "+5",
                "-7",
                "3.14",
                "0.1",
                ".5",
                "5.",
                "1e",
                "1e400",
                "1E-400",
                "-1e400",
                "1E+999999999",
                "99999999999999999999999",
                "9223372036854775808",
                "-9223372036854775809",
                "2147483648",
                "1,000",
                "1,000.50",
                "45%",
                "0x1F",
                "NaN",
                "Infinity",
                "-Infinity",
                "1_000",
                "\u0661\u0662\u0663",
                "true",
                "null",
                "",
                "   "),
            Arbitraries.longs().map(String::valueOf),
            Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 18))
                .as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale).toPlainString()),
            exponentTokens(1_000_000_000))
        .map(s -> new Payload("numeric string", NODES.textNode(s)));
  }

  /** Numbers of every size and form, up to exponents of a billion and 400 digits. */
  static Arbitrary<Payload> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(l -> new Payload("long", NODES.numberNode(l))),
        Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 30))
            .as(
                (unscaled, scale) ->
                    new Payload(
                        "decimal", rawNumber(BigDecimal.valueOf(unscaled, scale).toPlainString()))),
        Combinators.combine(
                Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(400),
                Arbitraries.of("", "-"))
            .as(
                (digits, sign) ->
                    new Payload(
                        "huge integer", NODES.numberNode(new BigInteger(sign + "9" + digits)))),
        exponentTokens(1_000_000_000).map(t -> new Payload("exponent", rawNumber(t))),
        Arbitraries.of(
                "-0",
                "0.0",
                "-0.0",
                "0e0",
                "1E+2",
                "1e400",
                "-1e400",
                "1e-400",
                "1E+999999999",
                "-1E-999999999",
                "99999999999999999999999",
                "9223372036854775808",
                "-9223372036854775809",
                "2147483648",
                "1.7976931348623157E309",
                "4.9e-325",
                "100.000000000000000000001")
            .map(t -> new Payload("number token", rawNumber(t))));
  }

  /** JSON number tokens with an exponent of at most {@code maxExponent} either way. */
  static Arbitrary<String> exponentTokens(int maxExponent) {
    return Combinators.combine(
            Arbitraries.of("1", "-1", "9.99", "-0.5", "0", "123456789", "2.5"),
            Arbitraries.of("e", "E", "e+", "E-", "e-"),
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 400)),
                Tuple.of(1, Arbitraries.integers().between(300, 5_000)),
                Tuple.of(1, Arbitraries.integers().between(0, maxExponent))))
        .as((mantissa, marker, exponent) -> mantissa + marker + exponent);
  }

  /** Exponent tokens at the int limit (2^31 - 3 to 2^31 - 1), as numbers and numeric strings. */
  static Arbitrary<Payload> exponentsNearTheIntLimit() {
    return Combinators.combine(
            Arbitraries.of("1", "-1", "12", "9.5"),
            Arbitraries.of("e", "E+"),
            Arbitraries.integers().between(Integer.MAX_VALUE - 2, Integer.MAX_VALUE),
            Arbitraries.of(false, true))
        .as(
            (mantissa, marker, exponent, asString) -> {
              String token = mantissa + marker + exponent;
              return asString
                  ? new Payload("numeric string", NODES.textNode(token))
                  : new Payload("number", rawNumber(token));
            });
  }

  /** Number tokens whose exponent does not fit an int, either way. */
  static Arbitrary<Payload> exponentsBeyondTheIntRange() {
    return Combinators.combine(
            Arbitraries.of("1", "-1", "0", "12", "9.5"),
            Arbitraries.of("e", "E+", "e-"),
            Arbitraries.longs().between(2_147_483_648L, 99_999_999_999L))
        .as(
            (mantissa, marker, exponent) ->
                new Payload("number", rawNumber(mantissa + marker + exponent)));
  }
}
