package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PUT /connector-plugins/{class}/config/validate reports each bad input on its own key, in the
 * exact words {@code ValidationMessagesTest} pins.
 */
class ValidateIT {
  private static ConnectFixture connect;

  @BeforeAll
  static void start() {
    connect = ConnectFixture.start("validate", 1, false);
  }

  @AfterAll
  static void stop() {
    connect.close();
  }

  private static final String GOOD_PARAMS = "{\"usernames\":[\"nasa\"],\"max_followers\":50}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "invalid JSON|igscraper.jobs|[{\"name\": |igscraper.jobs is not valid JSON: the text ends before the JSON is complete at line 1, column 10.",
        "duplicate names|igscraper.jobs|DUP|igscraper.jobs[1] \"a\": name is already used by igscraper.jobs[0]; each spec needs a unique name.",
        "unknown tool type|igscraper.jobs|TOOL|igscraper.jobs[0] \"a\": tool_type \"fans\" is not a known tool type; use one of emails, followers, following, hashtag, likers, location, phones or single-post-likers.",
        "misspelt followers parameter|igscraper.jobs|TYPO|igscraper.jobs[0] \"a\": params.max_folowers is not a parameter of tool_type followers; did you mean max_followers?",
        "username with a space|igscraper.jobs|SPACE|igscraper.jobs[0] \"a\": params.usernames[0] \"nasa fans\" must be an Instagram username: letters, digits, dots and underscores.",
        "max_followers 0|igscraper.jobs|ZERO|igscraper.jobs[0] \"a\": params.max_followers must be an integer from 1 to 10000, got 0.",
        "control character in user id|igscraper.jobs|CTRL|igscraper.jobs[0] \"a\": external_user_id must not contain control characters.",
        "missing API key|igscraper.api.key|NOKEY|Missing required configuration \"igscraper.api.key\" which has no default value.",
        "bad URL|igscraper.api.url|ftp://example.com|igscraper.api.url must be an http(s) URL with a host (such as https://igscraper.co/api/v1), got \"ftp://example.com\".",
        "page size too large|igscraper.page.size|500|igscraper.page.size must be from 1 to 200, got 500.",
        "unknown topic placeholder|topic|igscraper.${nope}|topic has the unknown placeholder ${nope}; use ${tool_type}, ${job} or ${external_user_id}.",
        "unknown failure policy|igscraper.job.failure.policy|ignore|igscraper.job.failure.policy must be stop_spec or fail_task (in any case), got \"ignore\".",
        "schedule faster than the quota|igscraper.jobs|FAST|igscraper.jobs[0] \"a\": repeat_every submits 60 jobs per hour for external_user_id \"u\", but the API allows 12 per hour per external_user_id (igscraper.limit.user.submits.per.hour); use a longer repeat_every (at least PT5M each).",
        "control topic without bootstrap servers|igscraper.control.bootstrap.servers|NOBOOT|igscraper.control.bootstrap.servers is required when igscraper.control.topic is set, because a connector cannot see its worker's bootstrap servers.",
        "control topic without events topic|igscraper.events.topic|NOEVENTS|igscraper.events.topic is required when igscraper.control.topic is set: a spec that moves to another task is handed over through a record on it (README \"One writer per partition\")."
      })
  void reportsTheProblemOnTheKey(String label, String key, String value, String expected) {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", IgScraperSourceConnector.class.getName());
    props.put("name", "validate-me");
    props.put("igscraper.api.key", "validate-key");
    props.put("igscraper.jobs", "[" + spec("ok", "u", "followers", GOOD_PARAMS) + "]");
    switch (value) {
      case "DUP" ->
          props.put(
              key,
              "["
                  + spec("a", "u", "followers", GOOD_PARAMS)
                  + ","
                  + spec("a", "u", "followers", GOOD_PARAMS)
                  + "]");
      case "TOOL" -> props.put(key, "[" + spec("a", "u", "fans", GOOD_PARAMS) + "]");
      case "TYPO" ->
          props.put(
              key,
              "["
                  + spec("a", "u", "followers", "{\"usernames\":[\"nasa\"],\"max_folowers\":50}")
                  + "]");
      case "SPACE" ->
          props.put(
              key, "[" + spec("a", "u", "followers", "{\"usernames\":[\"nasa fans\"]}") + "]");
      case "ZERO" ->
          props.put(
              key,
              "["
                  + spec("a", "u", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":0}")
                  + "]");
      case "CTRL" -> props.put(key, "[" + spec("a", "u\\u0007x", "followers", GOOD_PARAMS) + "]");
      case "NOKEY" -> props.remove(key);
      case "FAST" -> {
        props.put("igscraper.events.topic", "events");
        props.put(
            key,
            "["
                + spec("a", "u", "followers", GOOD_PARAMS)
                    .replace("}}", "},\"repeat_every\":\"PT1M\"}")
                + "]");
      }
      case "NOBOOT" -> {
        props.put("igscraper.control.topic", "control");
        props.put("igscraper.events.topic", "events");
      }
      case "NOEVENTS" -> {
        props.put("igscraper.control.topic", "control");
        props.put("igscraper.control.bootstrap.servers", "localhost:9092");
      }
      default -> props.put(key, value);
    }
    ConfigInfos infos =
        connect
            .cluster()
            .validateConnectorConfig(IgScraperSourceConnector.class.getSimpleName(), props);
    Map<String, List<String>> errors =
        infos.values().stream()
            .map(ConfigInfo::configValue)
            .filter(v -> !v.errors().isEmpty())
            .collect(Collectors.toMap(v -> v.name(), v -> v.errors()));
    // Exactly one message, with exactly this text: one message per problem.
    assertEquals(
        List.of(expected),
        errors.getOrDefault(key, List.of()),
        label + ": expected '" + expected + "' on " + key + ", got " + errors);
    assertTrue(
        errors.keySet().stream().allMatch(k -> k.equals(key)),
        label + ": errors on other keys too: " + errors);
  }
}
