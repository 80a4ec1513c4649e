package co.igscraper.kafka.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleRulesTest {
  private static List<JobSpec> specs(String... repeat) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < repeat.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"name\":\"s")
          .append(i)
          .append("\",\"external_user_id\":\"u\",\"tool_type\":\"followers\",")
          .append("\"params\":{\"usernames\":[\"nasa\"]},\"repeat_every\":\"")
          .append(repeat[i])
          .append("\"}");
    }
    return JobSpecParser.parse(json.append("]").toString()).specs();
  }

  @Test
  void schedulesWithinTheQuotaPass() {
    assertEquals(List.of(), ScheduleRules.check(specs("PT5M"), 12, 5, true));
    assertEquals(List.of(), ScheduleRules.check(specs("PT1H", "PT1H"), 12, 5, true));
  }

  @Test
  void oneUsersSchedulesAddUp() {
    List<String> errors = ScheduleRules.check(specs("PT10M", "PT10M", "PT10M"), 12, 5, true);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("18 jobs per hour"), errors.get(0));
    assertTrue(errors.get(0).contains("PT15M"), errors.get(0));
  }

  @Test
  void customLimitsAreHonoured() {
    assertEquals(List.of(), ScheduleRules.check(specs("PT2S"), 3600, 60, true));
  }

  @Test
  void recurringSpecsNeedTheEventsTopic() {
    List<String> errors = ScheduleRules.check(specs("PT1H"), 12, 5, false);
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
