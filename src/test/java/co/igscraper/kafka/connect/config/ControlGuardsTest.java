package co.igscraper.kafka.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a control-topic spec must pass, as a table: spec, then the exact refusals. */
class ControlGuardsTest {
  private static final ControlGuards GUARDS =
      new ControlGuards(
          Set.of("followers", "hashtag"),
          500,
          List.of(Pattern.compile("customer-[0-9]+"), Pattern.compile("team-[a-z]+")));

  private static JobSpec spec(String user, String tool, String params) {
    List<String> errors = new ArrayList<>();
    JobSpec spec =
        JobSpecParser.parseOne(
            new ObjectMapper()
                .valueToTree(
                    Map.of(
                        "name",
                        "s",
                        "external_user_id",
                        user,
                        "tool_type",
                        tool,
                        "params",
                        params(params))),
            errors);
    assertEquals(List.of(), errors);
    return spec;
  }

  private static Object params(String json) {
    try {
      return new ObjectMapper().readValue(json, Map.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Stream<Arguments> cases() {
    String nasa = "{\"usernames\":[\"nasa\"]";
    String notAllowed =
        "tool_type \"following\" is not allowed on the control topic"
            + " (igscraper.control.allowed.tool.types is followers,hashtag)";
    String mallory =
        "external_user_id \"mallory\" matches none of"
            + " igscraper.control.allowed.external.user.ids (customer-[0-9]+, team-[a-z]+)";
    return Stream.of(
        Arguments.of("customer-7", "followers", nasa + ",\"max_followers\":500}", List.of()),
        Arguments.of("team-data", "hashtag", "{\"hashtags\":[\"space\"]}", List.of()),
        Arguments.of("customer-7", "following", nasa + "}", List.of(notAllowed)),
        Arguments.of(
            "customer-7",
            "followers",
            nasa + ",\"max_followers\":9000}",
            List.of("params.max_followers is 9000, above igscraper.control.max.results (500)")),
        Arguments.of(
            "customer-7x",
            "followers",
            nasa + "}",
            List.of(
                "external_user_id \"customer-7x\" matches none of"
                    + " igscraper.control.allowed.external.user.ids (customer-[0-9]+, team-[a-z]+)")),
        Arguments.of(
            "mallory",
            "following",
            nasa + ",\"max_following\":10000}",
            List.of(
                notAllowed,
                "params.max_following is 10000, above igscraper.control.max.results (500)",
                mallory)));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void eachRefusalNamesTheFieldAndTheSetting(
      String user, String tool, String params, List<String> refusals) {
    assertEquals(refusals, GUARDS.check(spec(user, tool, params)));
  }

  @Test
  void withNoGuardEverySpecPasses() {
    assertTrue(
        ControlGuards.NONE
            .check(spec("anyone", "following", "{\"usernames\":[\"a\"],\"max_following\":10000}"))
            .isEmpty());
    assertTrue(!ControlGuards.NONE.any() && GUARDS.any());
  }

  @Test
  void theConfigBuildsTheGuardsFromItsThreeKeys() {
    Map<String, String> props =
        Map.of(
            "igscraper.api.key", "k",
            "igscraper.control.allowed.tool.types", "followers, hashtag",
            "igscraper.control.max.results", "500",
            "igscraper.control.allowed.external.user.ids", "customer-[0-9]+,team-[a-z]+");
    ControlGuards fromConfig = new IgScraperSourceConfig(props).controlGuards();
    for (Arguments row : cases().toList()) {
      Object[] a = row.get();
      assertEquals(
          a[3], fromConfig.check(spec((String) a[0], (String) a[1], (String) a[2])), a[0] + "");
    }
    assertTrue(!new IgScraperSourceConfig(Map.of("igscraper.api.key", "k")).controlGuards().any());
  }
}
