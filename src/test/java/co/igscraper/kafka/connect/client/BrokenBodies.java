package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.DocumentedValues.text;
import static co.igscraper.kafka.connect.client.JsonWire.abbreviate;
import static co.igscraper.kafka.connect.client.JsonWire.write;
import static co.igscraper.kafka.connect.client.SubstituteValues.payloads;
import static co.igscraper.kafka.connect.client.ValidResponses.validResponses;

import co.igscraper.kafka.connect.client.JsonWire.Wire;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Bodies that are no JSON object at all, and their generator. */
final class BrokenBodies {
  private BrokenBodies() {}

  /** A body that is no JSON object at all; {@code body} may be null. */
  record BrokenBody(ValidResponse valid, String kind, String body) {
    @Override
    public String toString() {
      return valid.endpoint() + " " + valid.httpStatus() + " " + kind + ": " + abbreviate(body);
    }
  }

  /** Bodies that are not a JSON object: other JSON values, not JSON, cut short, or followed. */
  static Arbitrary<BrokenBody> brokenBodies() {
    Arbitrary<BodyBreak> nonObject =
        payloads()
            .filter(p -> !p.node().isObject())
            .map(p -> new BodyBreak("JSON " + p.kind(), json -> write(p.node(), Wire.COMPACT)));
    Arbitrary<BodyBreak> notJson =
        Arbitraries.oneOf(
                Arbitraries.of(
                    "<html><body><h1>502 Bad Gateway</h1></body></html>",
                    "<html>Authorization: Bearer " + ParserUnderTest.SECRET + "</html>",
                    "{",
                    "}",
                    "[",
                    "{\"job_id\":}",
                    "{'job_id':'x'}",
                    "{job_id: \"x\"}",
                    "{\"a\":1,}",
                    "job_id=abc&status=QUEUED",
                    "NaN",
                    "undefined",
                    "\"unterminated",
                    "\u0000",
                    "{\"job_id\":\"x\"\u0000}"),
                text(0, 200).map(s -> "<" + s))
            .map(text -> new BodyBreak("not JSON " + text, json -> text));
    Arbitrary<BodyBreak> cut =
        Arbitraries.doubles()
            .between(0, 1)
            .map(
                at ->
                    new BodyBreak(
                        "cut at " + at,
                        json -> json.substring(0, 1 + (int) (at * (json.length() - 2)))));
    Arbitrary<BodyBreak> followed =
        Arbitraries.of(" x", "}", "{}", " null", ",", "]", "twice")
            .map(
                tail ->
                    new BodyBreak(
                        "followed by " + tail,
                        json -> json + (tail.equals("twice") ? " " + json : tail)));
    Arbitrary<BodyBreak> empty =
        Arbitraries.of("", " ", "\n", "\t\r\n")
            .injectNull(0.25)
            .map(blank -> new BodyBreak("empty " + blank, json -> blank));
    return Combinators.combine(
            validResponses(), Arbitraries.oneOf(nonObject, notJson, cut, followed, empty))
        .as(
            (valid, broken) ->
                new BrokenBody(
                    valid, broken.kind(), broken.apply().apply(write(valid.body(), Wire.COMPACT))))
        // An enrichment answer may be empty; everything else must be a JSON object.
        .filter(
            b ->
                b.body() != null && !b.body().isBlank()
                    || b.valid().endpoint().hasProgressFields());
  }

  /** One way to make a body unusable, applied to the valid body's JSON. */
  private record BodyBreak(String kind, UnaryOperator<String> apply) {}
}
