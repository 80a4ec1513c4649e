package co.igscraper.kafka.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobSpecParserTest {
  private static final String GOOD =
      "{\"name\": \"nasa-followers\", \"external_user_id\": \"customer-123\", \"tool_type\":"
          + " \"followers\", \"params\": {\"usernames\": [\"nasa\"], \"max_followers\": 500}}";

  @Test
  void parsesAValidSpec() {
    JobSpecParser.Result result = JobSpecParser.parse("[" + GOOD + "]");
    assertTrue(result.isValid(), result.errors().toString());
    JobSpec spec = result.specs().get(0);
    assertEquals("nasa-followers", spec.name());
    assertEquals("customer-123", spec.externalUserId());
    assertEquals("followers", spec.toolType());
    assertEquals(List.of("nasa"), spec.params().get("usernames"));
    assertEquals(500, spec.params().get("max_followers"));
  }

  @Test
  void emptyOrBlankMeansNoSpecs() {
    assertTrue(JobSpecParser.parse("[]").specs().isEmpty());
    assertTrue(JobSpecParser.parse(" ").isValid());
  }

  @Test
  void contentHashIgnoresFieldOrderButNotValues() {
    JobSpec a = JobSpecParser.parse("[" + GOOD + "]").specs().get(0);
    JobSpec reordered =
        JobSpecParser.parse(
                "[{\"params\": {\"max_followers\": 500, \"usernames\": [\"nasa\"]}, \"tool_type\":"
                    + " \"followers\", \"external_user_id\": \"customer-123\", \"name\":"
                    + " \"nasa-followers\"}]")
            .specs()
            .get(0);
    JobSpec changed = JobSpecParser.parse("[" + GOOD.replace("500", "501") + "]").specs().get(0);
    assertEquals(a.contentHash(), reordered.contentHash());
    assertNotEquals(a.contentHash(), changed.contentHash());
  }

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        Arguments.of("[{", "is not valid JSON"),
        Arguments.of("{}", "must be a JSON array"),
        Arguments.of("[" + GOOD + "," + GOOD + "]", "name is already used by igscraper.jobs[0]"),
        Arguments.of(
            "[" + GOOD.replace("\"followers\"", "\"fans\"") + "]",
            "tool_type \"fans\" is not a known tool type"),
        Arguments.of(
            "[" + GOOD.replace("[\"nasa\"]", "[\"nasa fans\"]") + "]", "params.usernames[0]"),
        Arguments.of("[" + GOOD.replace("[\"nasa\"]", "[]") + "]", "params.usernames must hold"),
        Arguments.of(
            "[" + GOOD.replace("500", "0") + "]",
            "params.max_followers must be an integer from 1 to 10000, got 0"),
        Arguments.of(
            "[" + GOOD.replace("500", "10001") + "]",
            "params.max_followers must be an integer from 1 to 10000, got 10001"),
        Arguments.of("[" + GOOD.replace("500", "\"many\"") + "]", "params.max_followers must be"),
        Arguments.of(
            "[" + GOOD.replace("customer-123", "cust\\u0001omer") + "]",
            "external_user_id must not contain control characters"),
        Arguments.of("[" + GOOD.replace("\"customer-123\"", "\"\"") + "]", "1-255 characters"),
        Arguments.of(
            "[" + GOOD.replace("\"external_user_id\": \"customer-123\",", "") + "]",
            "external_user_id is required"),
        Arguments.of("[" + GOOD.replace("nasa-followers", "nasa followers") + "]", "name must be"),
        Arguments.of(
            "[" + GOOD.replace("\"max_followers\": 500", "\"enrich_profiles\": \"yes\"") + "]",
            "params.enrich_profiles must be true or false"),
        Arguments.of(
            "["
                + GOOD.replace("\"followers\"", "\"emails\"")
                    .replace("\"max_followers\": 500", "\"enrich_profiles\": true")
                + "]",
            "params.enrich_profiles is not supported for tool_type emails"),
        Arguments.of("[" + GOOD.replace("\"params\":", "\"parms\":") + "]", "params is required"),
        Arguments.of(
            "[" + GOOD.replace("\"params\":", "\"extra\": 1, \"params\":") + "]",
            "extra is not a field of a job spec"));
  }

  @ParameterizedTest
  @MethodSource("badSpecs")
  void reportsWhatToFix(String json, String expected) {
    JobSpecParser.Result result = JobSpecParser.parse(json);
    assertTrue(
        result.errors().stream().anyMatch(e -> e.contains(expected)),
        () -> "expected an error containing '" + expected + "' but got " + result.errors());
  }

  @Test
  void reportsEveryBadSpecNotJustTheFirst() {
    String bad1 = GOOD.replace("500", "0");
    String bad2 =
        GOOD.replace("nasa-followers", "second").replace("\"followers\"", "\"unknown-tool\"");
    JobSpecParser.Result result = JobSpecParser.parse("[" + bad1 + "," + bad2 + "]");
    assertEquals(2, result.errors().size(), result.errors().toString());
    assertTrue(result.errors().get(0).startsWith("igscraper.jobs[0] \"nasa-followers\": "));
    assertTrue(result.errors().get(1).startsWith("igscraper.jobs[1] \"second\": "));
  }
}
