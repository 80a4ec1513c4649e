package co.igscraper.kafka.connect.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks recurring specs against the API's per-user submit quota before anything is submitted.
 *
 * <p>A schedule faster than the quota would fail with 429s forever; rejecting it at validation says
 * why while the user is still looking.
 */
public final class ScheduleRules {
  private ScheduleRules() {}

  /** One message per end user whose recurring specs together exceed the quota. */
  public static List<String> check(
      List<JobSpec> specs, int userSubmitsPerHour, int userSubmitsPerMinute, boolean eventsOn) {
    List<String> errors = new ArrayList<>();
    Map<String, List<JobSpec>> byUser = new LinkedHashMap<>();
    for (JobSpec spec : specs) {
      if (spec.repeatEvery().isPresent()) {
        byUser.computeIfAbsent(spec.externalUserId(), k -> new ArrayList<>()).add(spec);
        if (!eventsOn) {
          errors.add(
              "("
                  + spec.name()
                  + "): repeat_every needs igscraper.events.topic, because a run that finds no new"
                  + " rows has no row to record its position; the job event records it");
        }
      }
    }
    byUser.forEach(
        (user, recurring) -> {
          double perHour = 0;
          double perMinute = 0;
          for (JobSpec spec : recurring) {
            double seconds = spec.repeatEvery().orElseThrow().toMillis() / 1000.0;
            perHour += 3600 / seconds;
            perMinute += Math.max(1, 60 / seconds);
          }
          List<String> names = recurring.stream().map(JobSpec::name).toList();
          if (perHour > userSubmitsPerHour) {
            errors.add(
                names
                    + ": together these schedules submit "
                    + Math.round(perHour)
                    + " jobs per hour for external_user_id '"
                    + user
                    + "', but the API allows "
                    + userSubmitsPerHour
                    + " per hour per external_user_id (igscraper.limit.user.submits.per.hour);"
                    + " use a longer repeat_every (at least "
                    + minimumPeriod(recurring.size(), userSubmitsPerHour)
                    + " each)");
          } else if (perMinute > userSubmitsPerMinute) {
            errors.add(
                names
                    + ": these schedules may submit "
                    + Math.round(perMinute)
                    + " jobs in one minute for external_user_id '"
                    + user
                    + "', above the burst limit of "
                    + userSubmitsPerMinute
                    + " (igscraper.limit.user.submits.per.minute)");
          }
        });
    return errors;
  }

  private static Duration minimumPeriod(int specs, int perHour) {
    return Duration.ofSeconds((long) Math.ceil(3600.0 * specs / perHour));
  }
}
