package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.InformationalMutations.leaf;
import static co.igscraper.kafka.connect.client.InformationalMutations.pick;
import static co.igscraper.kafka.connect.client.InformationalMutations.unknownMembers;
import static co.igscraper.kafka.connect.client.JsonWire.NODES;
import static co.igscraper.kafka.connect.client.SubstituteValues.objects;
import static co.igscraper.kafka.connect.client.SubstituteValues.payloads;
import static co.igscraper.kafka.connect.client.SubstituteValues.printableUnknownNames;
import static co.igscraper.kafka.connect.client.ValidResponses.validResponses;

import co.igscraper.kafka.connect.client.InformationalMutations.Bend;
import co.igscraper.kafka.connect.client.InformationalMutations.Mutation;
import co.igscraper.kafka.connect.client.InformationalMutations.Op;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Which bends the parser must count as contract drift, and generators of bends it must count. */
final class CertainDeviations {
  private CertainDeviations() {}

  /** A valid response with one deviation that must be counted under {@code field}. */
  record Deviated(ValidResponse valid, Mutation mutation, String field) {}

  /**
   * Whether the tree certainly holds a deviation the parser must count: a member the docs do not
   * name in an object the parser reads, an object where a scalar or list is documented, or a
   * pagination that is not an object.
   */
  static boolean deviatesCertainly(DocumentedEndpoint endpoint, ObjectNode root) {
    for (String container : endpoint.containers) {
      JsonNode node = container.isEmpty() ? root : root.get(container);
      if (node instanceof ObjectNode object) {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
          if (!endpoint.knows(container, member.getKey())) {
            return true;
          }
        }
      }
    }
    for (String path : endpoint.scalarPaths()) {
      JsonNode parent = path.contains(".") ? root.get(path.substring(0, path.indexOf('.'))) : root;
      JsonNode value = parent instanceof ObjectNode ? parent.get(leaf(path)) : null;
      if (value != null && value.isObject() && !wrapsNothing(value)) {
        return true;
      }
    }
    JsonNode pagination = root.get("pagination");
    return endpoint == DocumentedEndpoint.RESULTS
        && pagination != null
        && !pagination.isNull()
        && !pagination.isObject();
  }

  /**
   * Whether {@code node} is null or a one-member object or one-element array around nothing. The
   * parser reads these in a number as absent and does not count them, which only
   * containersAroundNothingInDocumentedNumbersFlagsAndTimesAreCounted asserts against.
   */
  static boolean wrapsNothing(JsonNode node) {
    if (node == null || node.isNull()) {
      return true;
    }
    if (node.isContainerNode() && node.size() == 1) {
      return wrapsNothing(node.elements().next());
    }
    return false;
  }

  /** One deviation the parser must count, and the field it must be counted under. */
  static Arbitrary<Deviated> certainDeviations() {
    Arbitrary<Bend> objectForScalar =
        Combinators.combine(
                Arbitraries.integers().between(0, 9_999),
                objects().filter(p -> !wrapsNothing(p.node())))
            .as((i, p) -> e -> Mutation.replace(pick(e.scalarPaths(), i), p));
    return Combinators.combine(
            validResponses(),
            Arbitraries.oneOf(unknownMembers(printableUnknownNames(), payloads()), objectForScalar))
        .as(
            (valid, bend) -> {
              Mutation m = bend.apply(valid.endpoint());
              return new Deviated(valid, m, countedAs(m));
            });
  }

  /** The field name a deviation is counted under. */
  private static String countedAs(Mutation m) {
    return m.op() == Op.ADD_UNKNOWN
        ? (m.path().isEmpty() ? "" : m.path() + ".") + m.name()
        : m.path();
  }

  /** Documented numbers, flags and timestamps, each replaced by a container around nothing. */
  static Arbitrary<Deviated> wrappersAroundNothing() {
    Arbitrary<Payload> wrappers =
        Combinators.combine(
                Arbitraries.integers().between(1, 3),
                Arbitraries.of("value", "amount", "v", "x"),
                Arbitraries.of(false, true))
            .as(
                (depth, name, inArray) -> {
                  JsonNode node = NODES.nullNode();
                  for (int i = 0; i < depth; i++) {
                    node =
                        inArray ? NODES.arrayNode().add(node) : NODES.objectNode().set(name, node);
                  }
                  return new Payload("wrapped null", node);
                });
    return Combinators.combine(validResponses(), Arbitraries.integers().between(0, 9_999), wrappers)
        .as(
            (valid, i, p) -> {
              Mutation m = Mutation.replace(pick(valid.endpoint().typedPaths(), i), p);
              return new Deviated(valid, m, m.path());
            });
  }
}
