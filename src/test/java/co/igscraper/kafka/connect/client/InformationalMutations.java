package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.JsonWire.abbreviate;
import static co.igscraper.kafka.connect.client.SubstituteValues.payloads;
import static co.igscraper.kafka.connect.client.SubstituteValues.printableUnknownNames;
import static co.igscraper.kafka.connect.client.SubstituteValues.unknownNames;
import static co.igscraper.kafka.connect.client.ValidResponses.validResponses;

import co.igscraper.kafka.connect.client.JsonWire.Wire;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Bends of informational fields (replaced, removed, unknown members added) and their generators.
 */
final class InformationalMutations {
  private InformationalMutations() {}

  /** What a bend does to a field. */
  enum Op {
    REPLACE,
    REMOVE,
    ADD_UNKNOWN
  }

  /**
   * A bend of one informational field: {@code path} is the field (REPLACE, REMOVE) or the object
   * that gets the unknown member {@code name} (ADD_UNKNOWN, "" for the top level).
   */
  record Mutation(Op op, String path, String name, Payload payload) {
    static Mutation replace(String path, Payload payload) {
      return new Mutation(Op.REPLACE, path, null, payload);
    }

    static Mutation remove(String path) {
      return new Mutation(Op.REMOVE, path, null, null);
    }

    static Mutation addUnknown(String container, String name, Payload payload) {
      return new Mutation(Op.ADD_UNKNOWN, container, name, payload);
    }

    void applyTo(ObjectNode root) {
      switch (op) {
        case REPLACE -> parent(root, path, true).set(leaf(path), payload.node().deepCopy());
        case REMOVE -> {
          ObjectNode parent = parent(root, path, false);
          if (parent != null) {
            parent.remove(leaf(path));
          }
        }
        case ADD_UNKNOWN ->
            (path.isEmpty() ? root : objectAt(root, path)).set(name, payload.node().deepCopy());
      }
    }

    @Override
    public String toString() {
      return switch (op) {
        case REPLACE -> "replace " + path + " with " + payload;
        case REMOVE -> "remove " + path;
        case ADD_UNKNOWN ->
            "add " + (path.isEmpty() ? "" : path + ".") + abbreviate(name) + " = " + payload;
      };
    }
  }

  /** A valid response bent by several mutations, written in one wire form. */
  record Mutated(ValidResponse valid, List<Mutation> mutations, Wire wire) {
    ObjectNode body() {
      ObjectNode root = valid.copy();
      mutations.forEach(m -> m.applyTo(root));
      return root;
    }
  }

  /**
   * Bends of one informational field, not yet tied to an endpoint: each picks its field (or the
   * object that gets an unknown member) from the endpoint's own lists. Kept apart from the response
   * so that generation is a plain combine, which jqwik generates and shrinks cheaply.
   */
  static Arbitrary<Bend> informationalBends() {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 9_999);
    return Arbitraries.frequencyOf(
        Tuple.of(
            5,
            Combinators.combine(index, payloads())
                .as((i, p) -> e -> Mutation.replace(pick(e.informational, i), p))),
        Tuple.of(2, index.map(i -> e -> Mutation.remove(pick(e.informational, i)))),
        Tuple.of(3, unknownMembers(unknownNames(), payloads())));
  }

  /** A field-level bend, resolved against the endpoint of the response it is applied to. */
  interface Bend extends Function<DocumentedEndpoint, Mutation> {}

  static Arbitrary<Bend> unknownMembers(Arbitrary<String> names, Arbitrary<Payload> payloads) {
    return Combinators.combine(Arbitraries.integers().between(0, 9_999), names, payloads)
        .as(
            (i, name, p) ->
                e -> {
                  String container = pick(e.containers, i);
                  // Generated names are never documented ones; this keeps it so if the docs grow.
                  String unknown = e.knows(container, name) ? name + "_x" : name;
                  return Mutation.addUnknown(container, unknown, p);
                });
  }

  static <T> T pick(List<T> list, int index) {
    return list.get(index % list.size());
  }

  static List<Mutation> on(DocumentedEndpoint endpoint, List<Bend> bends) {
    return bends.stream().map(b -> b.apply(endpoint)).toList();
  }

  static Arbitrary<Mutated> mutatedResponses() {
    return Combinators.combine(
            validResponses(),
            informationalBends().list().ofMinSize(1).ofMaxSize(6),
            Arbitraries.of(Wire.values()))
        .as((valid, bends, wire) -> new Mutated(valid, on(valid.endpoint(), bends), wire));
  }

  /** One valid response with {@code payload} in an informational field or an unknown one. */
  static Arbitrary<Mutated> withPayloadSomewhere(Arbitrary<Payload> payload) {
    Arbitrary<Bend> informational =
        Combinators.combine(Arbitraries.integers().between(0, 9_999), payload)
            .as((i, p) -> e -> Mutation.replace(pick(e.informational, i), p));
    return Combinators.combine(
            validResponses(),
            Arbitraries.oneOf(informational, unknownMembers(printableUnknownNames(), payload)))
        .as(
            (valid, bend) ->
                new Mutated(valid, List.of(bend.apply(valid.endpoint())), Wire.COMPACT));
  }

  private static ObjectNode parent(ObjectNode root, String path, boolean create) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      return root;
    }
    String head = path.substring(0, dot);
    if (create) {
      return objectAt(root, head);
    }
    return root.get(head) instanceof ObjectNode object ? object : null;
  }

  /** The object member {@code name} of {@code root}, made an object if it was anything else. */
  private static ObjectNode objectAt(ObjectNode root, String name) {
    return root.get(name) instanceof ObjectNode object ? object : root.putObject(name);
  }

  static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
