package co.igscraper.kafka.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact text of every validation message, as a user reads it from {@code PUT
 * /connector-plugins/{class}/config/validate}: the connector's {@code validate()}, per key.
 */
class ValidationMessagesTest {
  private static final String JOBS = "igscraper.jobs";
  private static final String FOLLOWERS = "{'usernames': ['nasa']}";

  /** A spec; {@code extra} is spliced in after params (for example {@code , 'x': 1}). */
  private static String spec(String name, String user, String tool, String params, String extra) {
    return "{'name': '"
        + name
        + "', 'external_user_id': '"
        + user
        + "', 'tool_type': '"
        + tool
        + "', 'params': "
        + params
        + extra
        + "}";
  }

  private static String followers(String params) {
    return spec("a", "u", "followers", params, "");
  }

  /** Single quotes read as double quotes, so specs stay legible here. */
  private static String q(String json) {
    return json.replace('\'', '"');
  }

  private static String jobs(String... specs) {
    return q("[" + String.join(", ", specs) + "]");
  }

  private static Arguments row(String label, Map<String, String> props, String key, String... m) {
    return Arguments.of(label, props, key, List.of(m));
  }

  private static Arguments jobsRow(String label, String jobs, String... messages) {
    return row(label, Map.of(JOBS, jobs), JOBS, messages);
  }

  private static Arguments specRow(String label, String spec, String... messages) {
    return jobsRow(label, jobs(spec), messages);
  }

  static Stream<Arguments> messages() {
    String recurring = followers(FOLLOWERS).replace("}}", "}, 'repeat_every': 'PT1M'}");
    return Stream.of(
        // The value of igscraper.jobs as a whole.
        jobsRow(
            "JSON cut short",
            "[{\"name\": ",
            "igscraper.jobs is not valid JSON: the text ends before the JSON is complete at line"
                + " 1, column 11."),
        jobsRow(
            "JSON with a missing colon",
            "[{\"name\" \"a\"}]",
            "igscraper.jobs is not valid JSON: unexpected character '\"' (expected a colon to"
                + " separate field name and value) at line 1, column 10."),
        jobsRow(
            "JSON with a stray bracket",
            "[{]",
            "igscraper.jobs is not valid JSON: unexpected ']' at line 1, column 3."),
        jobsRow(
            "JSON with an unquoted word",
            "[{\"name\": nasa}]",
            "igscraper.jobs is not valid JSON: unexpected word 'nasa' (text values need double"
                + " quotes) at line 1, column 15."),
        jobsRow(
            "JSON with a raw line break in a string",
            "[{\"name\": \"a\nb\"}]",
            "igscraper.jobs is not valid JSON: a control character in a string must be escaped at"
                + " line 1, column 13."),
        jobsRow(
            "JSON with a control character between values",
            "[\u0001]",
            "igscraper.jobs is not valid JSON: unexpected character U+0001 at line 1, column 3."),
        jobsRow(
            "not an array",
            q("{'name': 'a'}"),
            "igscraper.jobs must be a JSON array of job specs, such as [{\"name\":"
                + " \"nasa-followers\", ...}]."),
        // One spec's shape.
        jobsRow(
            "spec not an object",
            "[5, \"x\"]",
            "igscraper.jobs[0]: a job spec must be a JSON object, got 5.",
            "igscraper.jobs[1]: a job spec must be a JSON object, got \"x\"."),
        jobsRow(
            "every required field missing",
            "[{}]",
            "igscraper.jobs[0]: name is required.",
            "igscraper.jobs[0]: external_user_id is required.",
            "igscraper.jobs[0]: tool_type is required.",
            "igscraper.jobs[0]: params is required: a JSON object with the tool's parameters."),
        specRow(
            "fields of the wrong type",
            "{'name': 5, 'external_user_id': ['u'], 'tool_type': true, 'params': {}}",
            "igscraper.jobs[0]: name must be a string, got 5.",
            "igscraper.jobs[0]: external_user_id must be a string, got an array.",
            "igscraper.jobs[0]: tool_type must be a string, got true."),
        specRow(
            "bad name",
            spec("nasa followers", "u", "followers", FOLLOWERS, ""),
            "igscraper.jobs[0] \"nasa followers\": name must be 1-100 characters of letters,"
                + " digits, '.', '_' or '-'."),
        specRow(
            "empty external_user_id",
            spec("a", "", "followers", FOLLOWERS, ""),
            "igscraper.jobs[0] \"a\": external_user_id must be 1-255 characters, got 0."),
        specRow(
            "long external_user_id",
            spec("a", "u".repeat(256), "followers", FOLLOWERS, ""),
            "igscraper.jobs[0] \"a\": external_user_id must be 1-255 characters, got 256."),
        specRow(
            "control character in external_user_id",
            spec("a", "u\\u0007x", "followers", FOLLOWERS, ""),
            "igscraper.jobs[0] \"a\": external_user_id must not contain control characters."),
        specRow(
            "misspelt tool_type",
            spec("a", "u", "folowers", FOLLOWERS, ""),
            "igscraper.jobs[0] \"a\": tool_type \"folowers\" is not a known tool type; did you"
                + " mean followers?"),
        specRow(
            "unknown tool_type",
            spec("a", "u", "fans", FOLLOWERS, ""),
            "igscraper.jobs[0] \"a\": tool_type \"fans\" is not a known tool type; use one of"
                + " emails, followers, following, hashtag, likers, location, phones or"
                + " single-post-likers."),
        specRow(
            "params missing",
            "{'name': 'a', 'external_user_id': 'u', 'tool_type': 'followers'}",
            "igscraper.jobs[0] \"a\": params is required: a JSON object with the tool's"
                + " parameters."),
        specRow(
            "params not an object",
            followers("['nasa']"),
            "igscraper.jobs[0] \"a\": params must be a JSON object, got an array."),
        // The tool's parameters.
        specRow(
            "usernames missing",
            followers("{'max_followers': 5}"),
            "igscraper.jobs[0] \"a\": params.usernames is required: an array of 1-10 values."),
        specRow(
            "usernames not an array",
            followers("{'usernames': 'nasa'}"),
            "igscraper.jobs[0] \"a\": params.usernames must be an array of 1-10 values, got"
                + " \"nasa\"."),
        specRow(
            "no usernames",
            followers("{'usernames': []}"),
            "igscraper.jobs[0] \"a\": params.usernames must hold 1-10 values, got 0."),
        specRow(
            "eleven usernames",
            followers("{'usernames': ['a','b','c','d','e','f','g','h','i','j','k']}"),
            "igscraper.jobs[0] \"a\": params.usernames must hold 1-10 values, got 11."),
        specRow(
            "username not a string",
            followers("{'usernames': [5]}"),
            "igscraper.jobs[0] \"a\": params.usernames[0] must be a string, got 5."),
        specRow(
            "username with a space",
            followers("{'usernames': ['nasa', 'nasa fans']}"),
            "igscraper.jobs[0] \"a\": params.usernames[1] \"nasa fans\" must be an Instagram"
                + " username: letters, digits, dots and underscores."),
        specRow(
            "hashtag with a dot",
            spec("a", "u", "hashtag", "{'hashtags': ['a.b']}", ""),
            "igscraper.jobs[0] \"a\": params.hashtags[0] \"a.b\" must be a hashtag without the #:"
                + " letters, digits and underscores."),
        specRow(
            "location id with letters",
            spec("a", "u", "location", "{'location_ids': ['12a']}", ""),
            "igscraper.jobs[0] \"a\": params.location_ids[0] \"12a\" must be a location id:"
                + " digits only."),
        specRow(
            "post URL of another site",
            spec("a", "u", "single-post-likers", "{'post_urls': ['https://x.test/p/1']}", ""),
            "igscraper.jobs[0] \"a\": params.post_urls[0] \"https://x.test/p/1\" must be an"
                + " Instagram post URL such as https://www.instagram.com/p/ABC123/."),
        specRow(
            "max_followers 0",
            followers("{'usernames': ['nasa'], 'max_followers': 0}"),
            "igscraper.jobs[0] \"a\": params.max_followers must be an integer from 1 to 10000, got"
                + " 0."),
        specRow(
            "max_followers not a number",
            followers("{'usernames': ['nasa'], 'max_followers': 'many'}"),
            "igscraper.jobs[0] \"a\": params.max_followers must be an integer from 1 to 10000, got"
                + " \"many\"."),
        specRow(
            "max_followers a fraction",
            followers("{'usernames': ['nasa'], 'max_followers': 1.5}"),
            "igscraper.jobs[0] \"a\": params.max_followers must be an integer from 1 to 10000, got"
                + " 1.5."),
        specRow(
            "add-ons not booleans",
            followers(
                "{'usernames': ['nasa'], 'enrich_profiles': 'yes', 'enrich_country_date': 1}"),
            "igscraper.jobs[0] \"a\": params.enrich_profiles must be true or false, got \"yes\".",
            "igscraper.jobs[0] \"a\": params.enrich_country_date must be true or false, got 1."),
        specRow(
            "profile enrichment of emails",
            spec("a", "u", "emails", "{'usernames': ['nasa'], 'enrich_profiles': true}", ""),
            "igscraper.jobs[0] \"a\": params.enrich_profiles is not supported for tool_type"
                + " emails; only params.enrich_country_date is."),
        specRow(
            "misspelt followers parameter",
            followers("{'usernames': ['nasa'], 'max_folowers': 50}"),
            "igscraper.jobs[0] \"a\": params.max_folowers is not a parameter of tool_type"
                + " followers; did you mean max_followers?"),
        specRow(
            "unknown followers parameter",
            followers("{'usernames': ['nasa'], 'depth': 2}"),
            "igscraper.jobs[0] \"a\": params.depth is not a parameter of tool_type followers; use"
                + " one of usernames, max_followers, enrich_profiles or enrich_country_date."),
        specRow(
            "misspelt spec field",
            followers(FOLLOWERS).replace("}}", "}, 'repeat_evry': 'PT1H'}"),
            "igscraper.jobs[0] \"a\": repeat_evry is not a field of a job spec; did you mean"
                + " repeat_every?"),
        specRow(
            "unknown spec field",
            followers(FOLLOWERS).replace("}}", "}, 'extra': 1}"),
            "igscraper.jobs[0] \"a\": extra is not a field of a job spec; use one of name,"
                + " external_user_id, tool_type, params or repeat_every."),
        specRow(
            "repeat_every not a duration",
            followers(FOLLOWERS).replace("}}", "}, 'repeat_every': 'hourly'}"),
            "igscraper.jobs[0] \"a\": repeat_every must be a positive ISO-8601 duration such as"
                + " PT1H or P1D, got \"hourly\"."),
        specRow(
            "repeat_every zero",
            followers(FOLLOWERS).replace("}}", "}, 'repeat_every': 'PT0S'}"),
            "igscraper.jobs[0] \"a\": repeat_every must be a positive ISO-8601 duration such as"
                + " PT1H or P1D, got \"PT0S\"."),
        jobsRow(
            "duplicate name",
            jobs(followers(FOLLOWERS), spec("b", "u", "followers", FOLLOWERS, ""), followers("{}")),
            "igscraper.jobs[2] \"a\": name is already used by igscraper.jobs[0]; each spec needs a"
                + " unique name."),
        // Schedules against the per-user quota (cross-field: they need the events topic too).
        jobsRow(
            "recurring spec without the events topic",
            jobs(followers(FOLLOWERS).replace("}}", "}, 'repeat_every': 'PT1H'}")),
            "igscraper.jobs[0] \"a\": repeat_every needs igscraper.events.topic, because a run"
                + " that finds no new rows has no row to record its position; the job event"
                + " records it."),
        row(
            "one schedule above the hourly quota",
            Map.of(JOBS, jobs(recurring), "igscraper.events.topic", "events"),
            JOBS,
            "igscraper.jobs[0] \"a\": repeat_every submits 60 jobs per hour for external_user_id"
                + " \"u\", but the API allows 12 per hour per external_user_id"
                + " (igscraper.limit.user.submits.per.hour); use a longer repeat_every (at least"
                + " PT5M each)."),
        row(
            "schedules of one user above the hourly quota, with a one-off spec",
            Map.of(
                JOBS,
                jobs(
                    spec("a", "u", "followers", FOLLOWERS, ", 'repeat_every': 'PT10M'"),
                    spec("once", "u", "followers", FOLLOWERS, ""),
                    spec("c", "u", "followers", FOLLOWERS, ", 'repeat_every': 'PT10M'")),
                "igscraper.events.topic",
                "events"),
            JOBS,
            "igscraper.jobs[0] \"a\" and [2] \"c\": their repeat_every schedules together submit"
                + " 13 jobs per hour for external_user_id \"u\", counting one submit each for the"
                + " non-recurring spec \"once\", but the API allows 12 per hour per"
                + " external_user_id (igscraper.limit.user.submits.per.hour); use a longer"
                + " repeat_every (at least PT10M55S each)."),
        row(
            "one-off specs take the whole hourly quota",
            Map.of(
                JOBS,
                jobs(
                    spec("a", "u", "followers", FOLLOWERS, ", 'repeat_every': 'P1D'"),
                    spec("b", "u", "followers", FOLLOWERS, "")),
                "igscraper.events.topic",
                "events",
                "igscraper.limit.user.submits.per.hour",
                "1"),
            JOBS,
            "igscraper.jobs[0] \"a\": repeat_every submits 1.05 jobs per hour for external_user_id"
                + " \"u\", counting one submit each for the non-recurring spec \"b\", but the API"
                + " allows 1 per hour per external_user_id (igscraper.limit.user.submits.per.hour);"
                + " those submits alone fill the hourly quota; give the recurring specs"
                + " another external_user_id or run fewer specs at once."),
        row(
            "a schedule above the burst quota",
            Map.of(
                JOBS,
                jobs(spec("a", "u", "followers", FOLLOWERS, ", 'repeat_every': 'PT10S'")),
                "igscraper.events.topic",
                "events",
                "igscraper.limit.user.submits.per.hour",
                "3600"),
            JOBS,
            "igscraper.jobs[0] \"a\": repeat_every submits 6 jobs per minute for external_user_id"
                + " \"u\", but the API allows 5 per minute per external_user_id"
                + " (igscraper.limit.user.submits.per.minute); use a longer repeat_every (at least"
                + " PT12S each)."),
        // Other keys.
        row(
            "bad URL",
            Map.of("igscraper.api.url", "ftp://example.com"),
            "igscraper.api.url",
            "igscraper.api.url must be an http(s) URL with a host (such as"
                + " https://igscraper.co/api/v1), got \"ftp://example.com\"."),
        row(
            "API key with a line break",
            Map.of("igscraper.api.key", "secret\nkey"),
            "igscraper.api.key",
            "igscraper.api.key must be a non-empty key of printable ASCII without spaces; check for"
                + " whitespace or line breaks from a config provider."),
        row(
            "proxy without a port",
            Map.of("igscraper.http.proxy", "proxy.internal"),
            "igscraper.http.proxy",
            "igscraper.http.proxy must be empty or host:port with a port from 1 to 65535 (such as"
                + " proxy.internal:3128), got \"proxy.internal\"."),
        row(
            "proxy port out of range",
            Map.of("igscraper.http.proxy", "proxy.internal:70000"),
            "igscraper.http.proxy",
            "igscraper.http.proxy must be empty or host:port with a port from 1 to 65535 (such as"
                + " proxy.internal:3128), got \"proxy.internal:70000\"."),
        row(
            "unknown topic placeholder",
            Map.of("topic", "igscraper.${nope}"),
            "topic",
            "topic has the unknown placeholder ${nope}; use ${tool_type}, ${job} or"
                + " ${external_user_id}."),
        row(
            "placeholder in the events topic",
            Map.of("igscraper.events.topic", "events.${job}"),
            "igscraper.events.topic",
            "igscraper.events.topic takes no placeholders, got \"events.${job}\"."),
        row(
            "idempotency key prefix with a space",
            Map.of("igscraper.idempotency.key.prefix", "cluster eu"),
            "igscraper.idempotency.key.prefix",
            "igscraper.idempotency.key.prefix must be empty or up to 64 printable ASCII characters"
                + " without spaces, got \"cluster eu\" (10 characters)."),
        row(
            "control topic without bootstrap servers",
            Map.of("igscraper.control.topic", "control", "igscraper.events.topic", "events"),
            "igscraper.control.bootstrap.servers",
            "igscraper.control.bootstrap.servers is required when igscraper.control.topic is set,"
                + " because a connector cannot see its worker's bootstrap servers."),
        row(
            "control topic without events topic",
            Map.of(
                "igscraper.control.topic",
                "control",
                "igscraper.control.bootstrap.servers",
                "localhost:9092"),
            "igscraper.events.topic",
            "igscraper.events.topic is required when igscraper.control.topic is set: a spec that"
                + " moves to another task is handed over through a record on it (README \"One"
                + " writer per partition\")."),
        row(
            "page size too large",
            Map.of("igscraper.page.size", "500"),
            "igscraper.page.size",
            "igscraper.page.size must be from 1 to 200, got 500."),
        row(
            "a limit below its minimum",
            Map.of("igscraper.limit.requests.per.minute", "0"),
            "igscraper.limit.requests.per.minute",
            "igscraper.limit.requests.per.minute must be from 1 to 100000, got 0."),
        row(
            "failure policy misspelt",
            Map.of("igscraper.job.failure.policy", "stop-spec"),
            "igscraper.job.failure.policy",
            "igscraper.job.failure.policy must be stop_spec or fail_task (in any case), got"
                + " \"stop-spec\"; did you mean stop_spec?"),
        row(
            "stall policy misspelt",
            Map.of("igscraper.stall.policy", "keep-retrying"),
            "igscraper.stall.policy",
            "igscraper.stall.policy must be keep_retrying or fail_task (in any case), got"
                + " \"keep-retrying\"; did you mean keep_retrying?"),
        row(
            "control guard: a tool type misspelt",
            Map.of("igscraper.control.allowed.tool.types", "followers, folowing"),
            "igscraper.control.allowed.tool.types",
            "igscraper.control.allowed.tool.types lists \"folowing\", which is not a tool type; the"
                + " tool types are emails, followers, following, hashtag, likers, location, phones"
                + " or single-post-likers; did you mean following?"),
        row(
            "control guard: a pattern that does not compile",
            Map.of("igscraper.control.allowed.external.user.ids", "customer-[0-9+"),
            "igscraper.control.allowed.external.user.ids",
            "igscraper.control.allowed.external.user.ids lists \"customer-[0-9+\", which is not a"
                + " regular expression: Unclosed character class at index 13."),
        row(
            "control guard: a negative ceiling",
            Map.of("igscraper.control.max.results", "-5"),
            "igscraper.control.max.results",
            "igscraper.control.max.results must be from 0 to 1000000000, got -5."),
        row(
            "trust store type unknown",
            Map.of("igscraper.ssl.truststore.type", "PEM"),
            "igscraper.ssl.truststore.type",
            "igscraper.ssl.truststore.type must be PKCS12 or JKS (in any case), got \"PEM\"."),
        // Kafka's own wording, from ConfigDef's type parsing, which runs before any validator:
        // pinned so a Kafka upgrade that changes it shows.
        row(
            "page size not a number",
            Map.of("igscraper.page.size", "many"),
            "igscraper.page.size",
            "Invalid value many for configuration igscraper.page.size: Not a number of type INT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void eachProblemHasOneExactMessageOnItsKey(
      String label, Map<String, String> overrides, String key, List<String> expected) {
    Map<String, String> props = new HashMap<>();
    props.put("igscraper.api.key", "validate-key");
    props.putAll(overrides);
    assertEquals(Map.of(key, expected), errors(props), label);
  }

  @Test
  void aMissingApiKeyHasExactlyOneMessage() {
    assertEquals(
        Map.of(
            "igscraper.api.key",
            List.of(
                "Missing required configuration \"igscraper.api.key\" which has no default"
                    + " value.")),
        errors(new HashMap<>()));
  }

  @Test
  void tooManyBytesOfSpecsPointToTheControlTopic() {
    StringBuilder specs = new StringBuilder("[");
    for (int i = 0; i < 10_000; i++) {
      specs
          .append(i == 0 ? "" : ",")
          .append(q(spec("spec-" + i, "user-" + i, "followers", FOLLOWERS, "")));
    }
    String value = specs.append("]").toString();
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    Map<String, String> props = Map.of("igscraper.api.key", "k", JOBS, value);
    assertEquals(
        Map.of(
            JOBS,
            List.of(
                "igscraper.jobs is "
                    + bytes
                    + " bytes, more than 786432: a connector config is one record of Connect's"
                    + " config topic, which brokers limit to about 1 MiB by default"
                    + " (message.max.bytes), so saving it would fail; put this many specs on the"
                    + " control topic (igscraper.control.topic) instead.")),
        errors(props));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"following", "likers", "hashtag", "location", "single-post-likers", "emails"})
  void unknownParamsOfToolsTheDocsDoNotListPassThrough(String tool) {
    String sources =
        switch (tool) {
          case "hashtag" -> "'hashtags': ['space']";
          case "location" -> "'location_ids': ['123']";
          case "single-post-likers" -> "'post_urls': ['https://www.instagram.com/p/abc/']";
          default -> "'usernames': ['nasa']";
        };
    String params = "{" + sources + ", 'max_folowers': 5, 'new_api_option': true}";
    Map<String, String> props =
        Map.of("igscraper.api.key", "k", JOBS, jobs(spec("a", "u", tool, params, "")));
    assertEquals(Map.of(), errors(props));
  }

  @Test
  void startRefusesTheConfigWithTheSameSentences() {
    Map<String, String> props = new HashMap<>();
    props.put("igscraper.api.key", "k");
    props.put(
        JOBS,
        jobs(
            followers("{'usernames': ['nasa'], 'max_folowers': 50}"),
            spec("b", "u", "fans", FOLLOWERS, "")));
    ConfigException bad =
        assertThrows(ConfigException.class, () -> new IgScraperSourceConnector().start(props));
    assertEquals(String.join(" ", errors(props).get(JOBS)), bad.getMessage());

    props.put(JOBS, "[]");
    props.put("igscraper.control.topic", "control");
    ConfigException crossField =
        assertThrows(ConfigException.class, () -> new IgScraperSourceConnector().start(props));
    assertEquals(
        String.join(" ", errors(props).get("igscraper.control.bootstrap.servers"))
            + " "
            + String.join(" ", errors(props).get("igscraper.events.topic")),
        crossField.getMessage());
  }

  @Test
  void noMessageCarriesLibraryInternalsOrSaysAThingTwice() {
    List<String> all = new ArrayList<>();
    messages()
        .forEach(
            row -> {
              @SuppressWarnings("unchecked")
              List<String> expected = (List<String>) row.get()[3];
              all.addAll(expected);
            });
    for (String message : all) {
      for (String internal : List.of("REDACTED", "StreamReadFeature", "Source:", "(code ")) {
        assertFalse(message.contains(internal), message);
      }
      // ConfigDef's own checks (type, required) run before any validator and keep Kafka's text.
      boolean kafkas =
          message.startsWith("Invalid value ") || message.startsWith("Missing required ");
      assertTrue(kafkas || message.endsWith(".") || message.endsWith("?"), message);
      String doubled = repeatedPhrase(message);
      assertEquals(null, doubled, "says '" + doubled + "' twice: " + message);
    }
  }

  /** The first run of three words that occurs twice in {@code message}, or null. */
  static String repeatedPhrase(String message) {
    String[] words = message.toLowerCase(java.util.Locale.ROOT).split("[\\s,;:]+");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i + 3 <= words.length; i++) {
      String phrase = String.join(" ", List.of(words).subList(i, i + 3));
      if (!seen.add(phrase)) {
        return phrase;
      }
    }
    return null;
  }

  @Test
  void theDoubledPhraseCheckFindsTheOldUrlMessage() {
    assertEquals(
        "an http(s) url",
        repeatedPhrase(
            "Invalid value ftp://x for configuration igscraper.api.url: must be an http(s) URL"
                + " such as an http(s) URL, e.g. https://igscraper.co/api/v1"));
  }

  private static Map<String, List<String>> errors(Map<String, String> props) {
    Map<String, List<String>> errors = new TreeMap<>();
    for (ConfigValue value : new IgScraperSourceConnector().validate(props).configValues()) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), List.copyOf(value.errorMessages()));
      }
    }
    return errors;
  }
}
