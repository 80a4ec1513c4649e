package co.igscraper.kafka.connect.simulator;

import static co.igscraper.kafka.connect.simulator.DialectScenario.names;
import static co.igscraper.kafka.connect.simulator.DialectScenario.run;
import static co.igscraper.kafka.connect.simulator.DialectScenario.scalarsOutsideRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.DialectScenario.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each body dialect, driven over HTTP and compared response by response with the standard one. */
class DialectTest {
  private static final Set<JsonNodeType> EVERY_TYPE =
      Set.of(
          JsonNodeType.OBJECT,
          JsonNodeType.ARRAY,
          JsonNodeType.NULL,
          JsonNodeType.NUMBER,
          JsonNodeType.STRING);
  private static Run standard;

  @BeforeAll
  static void runStandard() {
    standard = run((String) null);
  }

  private static void eachPair(Run dialect, PairCheck check) {
    List<TestHttp.Res> expected = standard.all();
    List<TestHttp.Res> actual = dialect.all();
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).status(), actual.get(i).status(), "response " + i);
      check.check(expected.get(i).json(), actual.get(i).json());
    }
  }

  private interface PairCheck {
    void check(JsonNode standard, JsonNode dialect);
  }

  private static void assertRowsUnchanged(Run dialect) {
    for (int i = 0; i < standard.pages().size(); i++) {
      JsonNode expected = standard.pageBodies().get(i).get("data");
      JsonNode actual = dialect.pageBodies().get(i).get("data");
      assertEquals(expected, actual, "rows of page " + (i + 1));
      for (int r = 0; r < expected.size(); r++) {
        assertEquals(names(expected.get(r)), names(actual.get(r)), "row keys are the columns");
      }
    }
  }

  @Test
  void standardIsTheDefaultAndWritesTheDocumentedShape() {
    assertEquals(Set.of(Dialect.STANDARD), SimulatorConfig.defaults().dialects());
    Run explicit = run("standard");
    for (int i = 0; i < standard.all().size(); i++) {
      assertEquals(standard.all().get(i).raw(), explicit.all().get(i).raw());
    }
    JsonNode processing = standard.processing().json();
    assertEquals("PROCESSING", processing.get("status").asText());
    assertTrue(processing.get("progress_percent").isInt(), processing.toString());
    assertTrue(
        processing.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT[\\d:]{8}\\.\\d{3}Z"));
    assertTrue(processing.get("completed_at").isNull());
    JsonNode pagination = standard.pageBodies().get(0).get("pagination");
    assertEquals(
        List.of("page", "limit", "total", "total_pages", "has_next", "has_prev"),
        names(pagination));
    assertTrue(pagination.get("has_next").isBoolean());
    standard.all().forEach(r -> assertFalse(r.raw().contains("request_id"), r.raw()));
  }

  @Test
  void stringNumbersQuotesEveryNumberOutsideTheRows() {
    Run run = run("string-numbers");
    int[] quoted = {0};
    eachPair(
        run,
        (expected, actual) -> {
          Map<String, JsonNode> e = scalarsOutsideRows(expected);
          Map<String, JsonNode> a = scalarsOutsideRows(actual);
          assertEquals(e.keySet(), a.keySet());
          e.forEach(
              (path, v) -> {
                if (v.isNumber()) {
                  assertTrue(a.get(path).isTextual(), path + " in " + actual);
                  assertEquals(v.asText(), a.get(path).asText(), path);
                  quoted[0]++;
                } else {
                  assertEquals(v, a.get(path), path);
                }
              });
        });
    assertTrue(quoted[0] >= 20, "numbers quoted: " + quoted[0]);
    assertEquals("\"page\":\"2\"", find(run.pages().get(1).raw(), "\"page\":\"\\d+\""));
    assertRowsUnchanged(run);
  }

  @Test
  void decimalNumbersWritesIntegersAsDecimalsAndCostsWithFractions() {
    Run run = run("decimal-numbers");
    eachPair(
        run,
        (expected, actual) -> {
          Map<String, JsonNode> a = scalarsOutsideRows(actual);
          scalarsOutsideRows(expected)
              .forEach(
                  (path, v) -> {
                    if (!v.isNumber()) {
                      assertEquals(v, a.get(path), path);
                      return;
                    }
                    assertTrue(a.get(path).isFloatingPointNumber(), path + " in " + actual);
                    BigDecimal want = v.decimalValue();
                    if (path.endsWith("cost") || path.endsWith("cost_charged")) {
                      want = want.signum() > 0 ? want.add(new BigDecimal("0.5")) : want;
                    }
                    assertEquals(0, want.compareTo(a.get(path).decimalValue()), path);
                  });
        });
    String all = String.join("\n", run.all().stream().map(TestHttp.Res::raw).toList());
    assertTrue(Pattern.compile(":\\d\\.\\d+E\\d+[,}]").matcher(all).find(), "an exponent form");
    assertTrue(Pattern.compile(":\\d+\\.0[,}]").matcher(all).find(), "a plain decimal form");
    double cost = run.completed().json().get("cost_charged").doubleValue();
    assertEquals(0.5, cost - Math.floor(cost), "fractional cost " + cost);
    assertRowsUnchanged(run);
  }

  @Test
  void extraFieldsAddsUnknownFieldsOfEveryTypeOutsideTheRows() {
    Run run = run("extra-fields");
    eachPair(
        run,
        (expected, actual) -> {
          assertExtrasOfEveryType(expected, actual);
          for (String nested : List.of("pagination", "error")) {
            if (expected.path(nested).isObject()) {
              assertExtrasOfEveryType(expected.get(nested), actual.get(nested));
            }
          }
          Map<String, JsonNode> a = scalarsOutsideRows(actual);
          scalarsOutsideRows(expected).forEach((path, v) -> assertEquals(v, a.get(path), path));
        });
    assertTrue(run.notFound().json().at("/error/request_id").isTextual());
    assertRowsUnchanged(run);
  }

  private static void assertExtrasOfEveryType(JsonNode expected, JsonNode actual) {
    Set<String> known = new HashSet<>(names(expected));
    Set<JsonNodeType> types = new HashSet<>();
    names(actual).stream()
        .filter(n -> !known.contains(n))
        .forEach(n -> types.add(actual.get(n).getNodeType()));
    assertTrue(types.containsAll(EVERY_TYPE), "extra types " + types + " in " + actual);
    assertTrue(names(actual).stream().anyMatch(n -> n.startsWith("x_")), actual.toString());
  }

  @Test
  void sparseLeavesOutOptionalFieldsButKeepsPagingDecidable() {
    Run run = run("sparse");
    for (int i = 0; i < standard.jobResponses().size(); i++) {
      JsonNode expected = standard.jobResponses().get(i).json();
      JsonNode actual = run.jobResponses().get(i).json();
      assertEquals(expected.get("job_id"), actual.get("job_id"));
      assertEquals(expected.get("status"), actual.get("status"));
      assertTrue(new HashSet<>(names(expected)).containsAll(names(actual)), "nothing added");
      long thinned =
          names(expected).stream()
              .filter(n -> !actual.has(n) || (actual.get(n).isNull() && !expected.get(n).isNull()))
              .count();
      assertTrue(thinned >= 1, "an optional field missing or null in " + actual);
      for (String n : names(actual)) {
        if (!actual.get(n).isNull() && !n.equals("pagination")) {
          assertEquals(expected.get(n), actual.get(n), n);
        }
      }
    }
    int rows = 0;
    int page = 1;
    boolean withoutHasNext = false;
    boolean withoutTotalPages = false;
    while (true) {
      JsonNode body = run.pageBodies().get(page - 1);
      JsonNode p = body.get("pagination");
      int size = body.get("data").size();
      rows += size;
      assertEquals(page, p.get("page").asInt());
      withoutHasNext |= !p.has("has_next");
      withoutTotalPages |= !p.has("total_pages");
      boolean more;
      if (p.has("has_next")) {
        more = p.get("has_next").asBoolean();
      } else if (p.has("total_pages")) {
        more = page < p.get("total_pages").asInt();
      } else {
        assertTrue(size < p.get("limit").asInt(), "without both, only a short page: " + body);
        more = false;
      }
      if (!more) {
        break;
      }
      page++;
    }
    assertEquals(DialectScenario.ROWS, rows, "a reader pages through every row");
    assertTrue(withoutHasNext && withoutTotalPages, "both kinds of thin pagination");
    assertRowsUnchanged(run);
  }

  @Test
  void reorderedKeepsEveryFieldAndValueInAnotherOrder() {
    Run run = run("reordered");
    eachPair(
        run,
        (expected, actual) -> {
          assertEquals(expected, actual, "same fields and values");
          if (expected.size() > 1) {
            assertNotEquals(names(expected), names(actual));
          }
          if (expected.has("pagination")) {
            assertNotEquals(names(expected.get("pagination")), names(actual.get("pagination")));
          }
        });
    assertRowsUnchanged(run);
  }

  @Test
  void lowercaseStatusChangesOnlyTheStatuses() {
    Run run = run("lowercase-status");
    List<String> statuses =
        List.of(run.submit(), run.queued(), run.processing(), run.completed(), run.pages().get(0))
            .stream()
            .map(r -> r.json().get("status").asText())
            .toList();
    assertEquals(List.of("queued", "queued", "processing", "completed", "completed"), statuses);
    eachPair(
        run,
        (expected, actual) -> {
          if (actual.has("status")) {
            String upper = actual.get("status").asText().toUpperCase(Locale.ROOT);
            ((ObjectNode) actual).put("status", upper);
          }
          assertEquals(expected, actual);
        });
  }

  @Test
  void typedScalarsWritesBooleansListsAndProgressAsOtherTypes() {
    Run run = run("typed-scalars");
    Set<JsonNodeType> booleanForms = new HashSet<>();
    eachPair(
        run,
        (expected, actual) -> {
          Map<String, JsonNode> a = scalarsOutsideRows(actual);
          scalarsOutsideRows(expected)
              .forEach(
                  (path, v) -> {
                    if (v.isBoolean()) {
                      JsonNode form = a.get(path);
                      booleanForms.add(form.getNodeType());
                      String want = v.booleanValue() ? "true|1" : "false|0";
                      assertTrue(!form.isBoolean() && form.asText().matches(want), path + form);
                    }
                  });
          if (expected.has("progress_percent")) {
            JsonNode progress = actual.get("progress_percent");
            assertTrue(progress.isFloatingPointNumber(), progress.toString());
            assertEquals(expected.get("progress_percent").asDouble(), progress.asDouble());
          }
        });
    assertEquals(Set.of(JsonNodeType.STRING, JsonNodeType.NUMBER), booleanForms);
    JsonNode preflight = run.preflight().json();
    assertEquals("enrich_profiles", preflight.get("applied_addons").textValue());
    assertEquals("enrich_country_date", preflight.get("selected_addons").textValue());
    assertEquals(2, preflight.get("supported_addons").size(), "a longer list stays a list");
    assertRowsUnchanged(run);
  }

  static String find(String text, String regex) {
    var m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group() : null;
  }
}
