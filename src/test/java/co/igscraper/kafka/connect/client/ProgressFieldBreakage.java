package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.DocumentedValues.ids;
import static co.igscraper.kafka.connect.client.DocumentedValues.statuses;
import static co.igscraper.kafka.connect.client.InformationalMutations.informationalBends;
import static co.igscraper.kafka.connect.client.InformationalMutations.on;
import static co.igscraper.kafka.connect.client.InformationalMutations.pick;
import static co.igscraper.kafka.connect.client.JsonWire.NODES;
import static co.igscraper.kafka.connect.client.JsonWire.rawNumber;
import static co.igscraper.kafka.connect.client.JsonWire.write;
import static co.igscraper.kafka.connect.client.OddNumbers.exponentTokens;
import static co.igscraper.kafka.connect.client.OddNumbers.numbers;
import static co.igscraper.kafka.connect.client.OddNumbers.numericStrings;
import static co.igscraper.kafka.connect.client.ParserUnderTest.SECRET;
import static co.igscraper.kafka.connect.client.SubstituteValues.arrays;
import static co.igscraper.kafka.connect.client.SubstituteValues.deeplyNested;
import static co.igscraper.kafka.connect.client.SubstituteValues.objects;
import static co.igscraper.kafka.connect.client.SubstituteValues.scalars;
import static co.igscraper.kafka.connect.client.ValidResponses.strictResponses;

import co.igscraper.kafka.connect.client.InformationalMutations.Mutation;
import co.igscraper.kafka.connect.client.JsonWire.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Progress fields (job id, job status, data rows) made unusable, and their generators. */
final class ProgressFieldBreakage {
  private ProgressFieldBreakage() {}

  /** How a progress field is broken. */
  enum BreakKind {
    REMOVE,
    REPLACE,
    DATA_ELEMENT
  }

  /** A progress field made unusable; DATA_ELEMENT replaces element {@code index % size}. */
  record ProgressBreak(BreakKind kind, String field, Payload value, int index) {
    void applyTo(ObjectNode root) {
      switch (kind) {
        case REMOVE -> root.remove(field);
        case REPLACE -> root.set(field, value.node().deepCopy());
        case DATA_ELEMENT -> {
          ArrayNode data = (ArrayNode) root.get("data");
          if (data.isEmpty()) {
            data.add(value.node().deepCopy());
          } else {
            data.set(index % data.size(), value.node().deepCopy());
          }
        }
      }
    }

    @Override
    public String toString() {
      return switch (kind) {
        case REMOVE -> "remove " + field;
        case REPLACE -> "replace " + field + " with " + value;
        case DATA_ELEMENT -> "data[" + index + " % size] = " + value;
      };
    }
  }

  /** A response whose progress field is broken, with noise in its informational fields. */
  record Broken(
      ValidResponse valid,
      List<Mutation> noise,
      ProgressBreak broken,
      boolean echoSecret,
      Wire wire) {
    String json() {
      ObjectNode root = valid.copy();
      noise.forEach(m -> m.applyTo(root));
      if (echoSecret) {
        root.put("x_echo", "Authorization: Bearer " + SECRET);
      }
      broken.applyTo(root);
      return write(root, wire);
    }
  }

  static Arbitrary<Broken> brokenProgressFields() {
    return Combinators.combine(
            strictResponses(),
            informationalBends().list().ofMaxSize(2),
            progressBreaks(),
            Arbitraries.of(false, true),
            Arbitraries.of(Wire.values()))
        .as(
            (valid, noise, broken, echo, wire) ->
                new Broken(
                    valid,
                    on(valid.endpoint(), noise),
                    broken.apply(valid.endpoint()),
                    echo,
                    wire));
  }

  /**
   * A breakage of one progress field of the endpoint it is resolved against: job_id of a submit or
   * job, status of a job, data or one of its elements of a results page.
   */
  static Arbitrary<Function<DocumentedEndpoint, ProgressBreak>> progressBreaks() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 9_999),
            notAnId(),
            notAStatus(),
            notAnArray(),
            notAnObject(),
            Arbitraries.integers().between(0, 1_000))
        .as(
            (choice, id, status, data, row, index) ->
                endpoint -> {
                  List<ProgressBreak> options = new ArrayList<>();
                  if (endpoint == DocumentedEndpoint.SUBMIT
                      || endpoint == DocumentedEndpoint.GET_JOB) {
                    options.add(new ProgressBreak(BreakKind.REMOVE, "job_id", null, 0));
                    options.add(new ProgressBreak(BreakKind.REPLACE, "job_id", id, 0));
                  }
                  if (endpoint == DocumentedEndpoint.GET_JOB) {
                    options.add(new ProgressBreak(BreakKind.REMOVE, "status", null, 0));
                    options.add(new ProgressBreak(BreakKind.REPLACE, "status", status, 0));
                  }
                  if (endpoint == DocumentedEndpoint.RESULTS) {
                    options.add(new ProgressBreak(BreakKind.REMOVE, "data", null, 0));
                    options.add(new ProgressBreak(BreakKind.REPLACE, "data", data, 0));
                    options.add(new ProgressBreak(BreakKind.DATA_ELEMENT, "data", row, index));
                  }
                  return pick(options, choice);
                });
  }

  /** Neither a non-blank string nor a whole number. */
  static Arbitrary<Payload> notAnId() {
    return Arbitraries.oneOf(
        nullsBooleansAndBlanks(),
        Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 12))
            .as(
                (unscaled, scale) ->
                    new Payload(
                        "decimal", rawNumber(BigDecimal.valueOf(unscaled, scale).toPlainString()))),
        exponentTokens(1_000).map(t -> new Payload("exponent", rawNumber(t))),
        objects(),
        arrays(),
        ids().map(id -> new Payload("id in an array", NODES.arrayNode().add(id))),
        deeplyNested());
  }

  /** Not a non-blank string. */
  static Arbitrary<Payload> notAStatus() {
    return Arbitraries.oneOf(
        nullsBooleansAndBlanks(),
        numbers(),
        objects(),
        arrays(),
        statuses().map(s -> new Payload("status in an array", NODES.arrayNode().add(s.name()))),
        deeplyNested());
  }

  static Arbitrary<Payload> notAnArray() {
    return Arbitraries.oneOf(
        nullsBooleansAndBlanks(),
        scalars(),
        numbers(),
        numericStrings(),
        Arbitraries.just(new Payload("string", NODES.textNode("[]"))),
        objects(),
        Arbitraries.just(new Payload("rows as object", rowsAsObject())),
        deeplyNested().filter(p -> !p.node().isArray()));
  }

  static Arbitrary<Payload> notAnObject() {
    return Arbitraries.oneOf(
        nullsBooleansAndBlanks(),
        scalars(),
        numbers(),
        arrays(),
        Arbitraries.just(new Payload("row in an array", NODES.arrayNode().add(NODES.objectNode()))),
        deeplyNested().filter(p -> !p.node().isObject()));
  }

  private static JsonNode rowsAsObject() {
    ObjectNode rows = NODES.objectNode();
    rows.putObject("0").put("username", "space_fan_01");
    return rows;
  }

  private static Arbitrary<Payload> nullsBooleansAndBlanks() {
    return Arbitraries.oneOf(
        Arbitraries.just(new Payload("null", NODES.nullNode())),
        Arbitraries.of(false, true).map(b -> new Payload("boolean", NODES.booleanNode(b))),
        blanks().map(s -> new Payload("blank string", NODES.textNode(s))));
  }

  /** Strings Java calls blank: empty, or only whitespace (ASCII, separators, ideographic). */
  static Arbitrary<String> blanks() {
    return Arbitraries.strings()
        .withChars(
            ' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u001c', '\u001f', '\u2003', '\u3000',
            '\u2028')
        .ofMaxLength(6)
        .filter(String::isBlank);
  }
}
