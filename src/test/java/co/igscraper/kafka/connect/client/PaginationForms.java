package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.JsonWire.NODES;
import static co.igscraper.kafka.connect.client.JsonWire.abbreviate;
import static co.igscraper.kafka.connect.client.JsonWire.rawNumber;
import static co.igscraper.kafka.connect.client.JsonWire.render;
import static co.igscraper.kafka.connect.client.JsonWire.write;
import static co.igscraper.kafka.connect.client.ValidResponses.resultsPages;

import co.igscraper.kafka.connect.client.JsonWire.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Results pages whose has_next, total_pages and limit come in chosen forms, and their generators.
 */
final class PaginationForms {
  private PaginationForms() {}

  /**
   * One form of a pagination member: {@code wire} is what is sent (null: the member is left out),
   * {@code meaning} what it says (null: nothing readable).
   */
  record Form<T>(String kind, JsonNode wire, T meaning) {
    @Override
    public String toString() {
      return kind + (wire == null ? "" : " " + abbreviate(render(wire))) + " => " + meaning;
    }
  }

  /** A results page with chosen pagination forms, and the page and limit the client asked for. */
  record PagedCase(
      ValidResponse page,
      Form<Boolean> hasNext,
      Form<Integer> totalPages,
      Form<Integer> limit,
      boolean dropPagination,
      int requestedPage,
      int requestedLimit) {
    String json() {
      ObjectNode root = page.copy();
      ObjectNode pagination = (ObjectNode) root.get("pagination");
      setOrRemove(pagination, "has_next", hasNext.wire());
      setOrRemove(pagination, "total_pages", totalPages.wire());
      setOrRemove(pagination, "limit", limit.wire());
      if (dropPagination) {
        root.remove("pagination");
      }
      return write(root, Wire.COMPACT);
    }

    int rows() {
      return ((ResultsPage) page.expected()).data().size();
    }

    private static void setOrRemove(ObjectNode node, String name, JsonNode value) {
      if (value == null) {
        node.remove(name);
      } else {
        node.set(name, value.deepCopy());
      }
    }
  }

  /** has_next forms: readable ones mean their flag; the others say nothing. */
  static Arbitrary<Form<Boolean>> hasNextForms(boolean readable) {
    if (readable) {
      return Combinators.combine(
              Arbitraries.of(false, true), Arbitraries.of("boolean", "string", "yes/no", "1/0"))
          .as(
              (flag, shape) ->
                  new Form<>(
                      shape,
                      switch (shape) {
                        case "boolean" -> NODES.booleanNode(flag);
                        case "string" -> NODES.textNode(String.valueOf(flag));
                        case "yes/no" -> NODES.textNode(flag ? "yes" : "no");
                        default -> NODES.numberNode(flag ? 1 : 0);
                      },
                      flag));
    }
    return Arbitraries.of(
        new Form<>("absent", null, null),
        new Form<>("null", NODES.nullNode(), null),
        new Form<>("word", NODES.textNode("maybe"), null),
        new Form<>("empty string", NODES.textNode(""), null),
        new Form<>("object", NODES.objectNode(), null),
        new Form<>("empty array", NODES.arrayNode(), null),
        new Form<>("two", NODES.numberNode(2), null));
  }

  /** total_pages or limit forms: readable ones mean their whole number. */
  static Arbitrary<Form<Integer>> countForms(boolean readable, int min, int max) {
    if (readable) {
      return Combinators.combine(
              Arbitraries.integers().between(min, max), Arbitraries.of(false, true))
          .as(
              (n, asString) ->
                  new Form<>(
                      asString ? "string" : "number",
                      asString ? NODES.textNode(String.valueOf(n)) : NODES.numberNode(n),
                      n));
    }
    return Arbitraries.of(
        new Form<>("absent", null, null),
        new Form<>("null", NODES.nullNode(), null),
        new Form<>("word", NODES.textNode("many"), null),
        new Form<>("object", NODES.objectNode(), null),
        new Form<>("beyond int", NODES.numberNode(3_000_000_000L), null),
        new Form<>("1e400", rawNumber("1e400"), null));
  }

  static Arbitrary<PagedCase> pagedCases(
      int minRows,
      int maxRows,
      Arbitrary<Form<Boolean>> hasNext,
      Arbitrary<Form<Integer>> totalPages,
      Arbitrary<Form<Integer>> limit,
      Arbitrary<Boolean> dropPagination) {
    return Combinators.combine(
            resultsPages(minRows, maxRows),
            hasNext,
            totalPages,
            limit,
            dropPagination,
            Arbitraries.integers().between(1, 1_000),
            Arbitraries.integers().between(1, 60))
        .as(PagedCase::new);
  }
}
