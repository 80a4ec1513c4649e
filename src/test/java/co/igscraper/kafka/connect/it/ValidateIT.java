package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
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

/** PUT /connector-plugins/{class}/config/validate reports each bad input on its own key. */
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
        "invalid JSON|igscraper.jobs|[{\"name\": |is not valid JSON",
        "duplicate names|igscraper.jobs|DUP|duplicate name",
        "unknown tool type|igscraper.jobs|TOOL|tool_type 'fans' is unknown",
        "username with a space|igscraper.jobs|SPACE|params.usernames[0] 'nasa fans'",
        "max_followers 0|igscraper.jobs|ZERO|params.max_followers must be from 1 to 10000, got 0",
        "control character in user id|igscraper.jobs|CTRL|must not contain control characters",
        "missing API key|igscraper.api.key|NOKEY|Missing required configuration",
        "bad URL|igscraper.api.url|ftp://example.com|http(s) URL",
        "page size too large|igscraper.page.size|500|Value must be no more than 200",
        "unknown topic placeholder|topic|igscraper.${nope}|unknown placeholder ${nope}",
        "unknown failure policy|igscraper.job.failure.policy|ignore|String must be one of",
        "schedule faster than the quota|igscraper.jobs|FAST|60 jobs per hour",
        "control topic without bootstrap servers|igscraper.control.bootstrap.servers|NOBOOT|is required",
        "control topic without events topic|igscraper.events.topic|NOEVENTS|handed over"
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
    assertTrue(
        errors.getOrDefault(key, List.of()).stream().anyMatch(e -> e.contains(expected)),
        label + ": expected '" + expected + "' on " + key + ", got " + errors);
    assertTrue(
        errors.keySet().stream().allMatch(k -> k.equals(key)),
        label + ": errors on other keys too: " + errors);
  }
}
