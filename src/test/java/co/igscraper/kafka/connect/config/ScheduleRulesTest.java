package co.igscraper.kafka.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScheduleRulesTest {
  private static final String PER_HOUR_KEY = "igscraper.limit.user.submits.per.hour";
  private static final String PER_MINUTE_KEY = "igscraper.limit.user.submits.per.minute";
  private static final Pattern SUGGESTION = Pattern.compile("at least (P\\S+) each");

  /** Specs written as {@code "user:PT1H"} (recurring) or {@code "user:"} (runs once). */
  private static List<JobSpec> specs(List<String> specs) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < specs.size(); i++) {
      String[] parts = specs.get(i).split(":", -1);
      boolean recurring = !parts[1].isEmpty();
      json.append(i == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(recurring ? "r" : "o")
          .append(i)
          .append("\",\"external_user_id\":\"")
          .append(parts[0])
          .append("\",\"tool_type\":\"followers\",\"params\":{\"usernames\":[\"nasa\"]}")
          .append(recurring ? ",\"repeat_every\":\"" + parts[1] + "\"" : "")
          .append("}");
    }
    JobSpecParser.Result result = JobSpecParser.parse(json.append("]").toString());
    assertTrue(result.isValid(), result.errors().toString());
    return result.specs();
  }

  private static List<JobSpec> specs(String... specs) {
    return specs(List.of(specs));
  }

  private static List<String> times(int n, String spec) {
    List<String> specs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      specs.add(spec);
    }
    return specs;
  }

  @SafeVarargs
  private static List<String> all(List<String>... groups) {
    return Stream.of(groups).flatMap(List::stream).toList();
  }

  /**
   * Case, specs, per-hour quota, per-minute quota, and what the one message must say (none: pass).
   */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("one every 5 minutes", times(1, "u:PT5M"), 12, 5, List.of()),
        Arguments.of(
            "six hourly: 6/hour, a burst the limiter spreads",
            times(6, "u:PT1H"),
            12,
            5,
            List.of()),
        Arguments.of("twelve hourly: exactly the quota", times(12, "u:PT1H"), 12, 5, List.of()),
        Arguments.of(
            "thirteen hourly",
            times(13, "u:PT1H"),
            12,
            5,
            List.of(
                "13 jobs per hour",
                "external_user_id \"u\"",
                PER_HOUR_KEY,
                "r0",
                "r12",
                "at least PT1H5M each")),
        Arguments.of(
            "eleven hourly and two one-off",
            all(times(11, "u:PT1H"), times(2, "u:")),
            12,
            5,
            List.of(
                "13 jobs per hour",
                "external_user_id \"u\"",
                PER_HOUR_KEY,
                "non-recurring specs \"o11\" and \"o12\"",
                "at least PT1H6M each")),
        Arguments.of(
            "ten hourly and two one-off: exactly the quota",
            all(times(10, "u:PT1H"), times(2, "u:")),
            12,
            5,
            List.of()),
        Arguments.of(
            "one-off specs of another user do not count",
            all(times(12, "u:PT1H"), times(5, "v:")),
            12,
            5,
            List.of()),
        Arguments.of("twelve one-off", times(12, "u:"), 12, 5, List.of()),
        // One-off specs all start at deploy time; the limiter spreads them over the next hours.
        Arguments.of("thirteen one-off are not refused", times(13, "u:"), 12, 5, List.of()),
        Arguments.of(
            "one hourly after twelve one-off",
            all(times(12, "u:"), times(1, "u:PT1H")),
            12,
            5,
            List.of("13 jobs per hour", PER_HOUR_KEY, "those submits alone fill the hourly quota")),
        Arguments.of(
            "three every 10 minutes",
            times(3, "u:PT10M"),
            12,
            5,
            List.of("18 jobs per hour", "at least PT15M each")),
        Arguments.of(
            "every 10 seconds, default limits",
            times(1, "u:PT10S"),
            12,
            5,
            List.of("360 jobs per hour", PER_HOUR_KEY)),
        Arguments.of(
            "every 10 seconds: 6/minute above the burst limit",
            times(1, "u:PT10S"),
            3600,
            5,
            List.of(
                "6 jobs per minute",
                "external_user_id \"u\"",
                PER_MINUTE_KEY,
                "at least PT12S each")),
        Arguments.of(
            "every 12 seconds: exactly the burst limit", times(1, "u:PT12S"), 3600, 5, List.of()),
        Arguments.of("custom limits are honoured", times(1, "u:PT2S"), 3600, 60, List.of()),
        Arguments.of(
            "just above the quota never reads as equal to it",
            times(12, "u:PT59M59S"),
            12,
            5,
            List.of("12.01 jobs per hour")),
        Arguments.of(
            "users are counted apart",
            all(times(6, "a:PT1H"), times(6, "b:PT1H")),
            12,
            5,
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void checksTheSustainedRatePerEndUser(
      String name, List<String> specs, int perHour, int perMinute, List<String> mustSay) {
    List<String> errors = ScheduleRules.check(specs(specs), perHour, perMinute, true);
    if (mustSay.isEmpty()) {
      assertEquals(List.of(), errors, name);
      return;
    }
    assertEquals(1, errors.size(), errors.toString());
    for (String part : mustSay) {
      assertTrue(errors.get(0).contains(part), "missing '" + part + "' in: " + errors.get(0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void theSuggestedPeriodFits(
      String name, List<String> specs, int perHour, int perMinute, List<String> mustSay) {
    List<String> errors = ScheduleRules.check(specs(specs), perHour, perMinute, true);
    Matcher suggestion = SUGGESTION.matcher(errors.isEmpty() ? "" : errors.get(0));
    if (suggestion.find()) {
      List<String> fixed =
          specs.stream()
              .map(s -> s.endsWith(":") ? s : s.split(":")[0] + ":" + suggestion.group(1))
              .toList();
      assertEquals(List.of(), ScheduleRules.check(specs(fixed), perHour, perMinute, true), name);
    }
  }

  @Test
  void recurringSpecsNeedTheEventsTopic() {
    List<String> errors = ScheduleRules.check(specs("u:PT1H"), 12, 5, false);
    assertTrue(errors.get(0).contains("igscraper.events.topic"), errors.toString());
  }

  @Test
  void repeatEveryMustBeAPositiveDuration() {
    JobSpecParser.Result result =
        JobSpecParser.parse(
            "[{\"name\":\"x\",\"external_user_id\":\"u\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"a\"]},\"repeat_every\":\"hourly\"}]");
    assertTrue(result.errors().get(0).contains("ISO-8601"), result.errors().toString());
  }
}
