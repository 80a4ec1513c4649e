package co.igscraper.kafka.connect.simulator;

import static co.igscraper.kafka.connect.simulator.DialectScenario.names;
import static co.igscraper.kafka.connect.simulator.DialectScenario.scalarsOutsideRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.DialectScenario.Run;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code all} applies its dialects together, and every dialect's shape follows from the seed. */
class DialectAllTest {
  private static final Set<String> TIMESTAMPS = Set.of("created_at", "updated_at", "completed_at");

  @Test
  void allCombinesTheDialectsInOneResponse() {
    Run standard = DialectScenario.run((String) null);
    Run all = DialectScenario.run("all");
    int quoted = 0;
    int epochs = 0;
    for (int i = 0; i < standard.all().size(); i++) {
      TestHttp.Res expected = standard.all().get(i);
      TestHttp.Res actual = all.all().get(i);
      assertEquals("close", actual.headers().firstValue("Connection").orElse(""));
      JsonNode body = actual.json();
      assertTrue(body.get("request_id").isTextual(), "extra-fields: " + body);
      if (body.has("status")) {
        assertEquals(
            expected.json().get("status").asText().toLowerCase(), body.get("status").asText());
      }
      Map<String, JsonNode> scalars = scalarsOutsideRows(body);
      for (Map.Entry<String, JsonNode> e : scalarsOutsideRows(expected.json()).entrySet()) {
        JsonNode got = scalars.get(e.getKey());
        if (e.getValue().isNumber() && got != null && !got.isNull()) {
          assertTrue(got.isTextual(), "string-numbers: " + e.getKey() + " in " + body);
          quoted++;
        }
      }
      for (String field : TIMESTAMPS) {
        if (body.hasNonNull(field)) {
          assertTrue(body.get(field).isIntegralNumber(), "epoch millis: " + body);
          epochs++;
        }
      }
      if (expected.json().has("data")) {
        assertEquals(expected.json().get("data"), body.get("data"), "rows unchanged");
      }
    }
    assertTrue(quoted > 5 && epochs > 0, quoted + " quoted, " + epochs + " epoch timestamps");
  }

  @Test
  void theSameSeedGivesTheSameShapeAndAnotherSeedAnother() {
    String dialects = "all,decimal-numbers";
    Run a = DialectScenario.run(b -> b.dialect(dialects).seed(5));
    Run b = DialectScenario.run(b2 -> b2.dialect(dialects).seed(5));
    Run c = DialectScenario.run(b3 -> b3.dialect(dialects).seed(6));
    List<String> shapes = a.all().stream().map(r -> r.raw()).toList();
    assertEquals(shapes, b.all().stream().map(r -> r.raw()).toList());
    assertNotEquals(
        names(a.completed().json()), names(c.completed().json()), "another seed, another shape");
  }
}
