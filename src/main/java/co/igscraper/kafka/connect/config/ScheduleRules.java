package co.igscraper.kafka.connect.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks recurring specs against the API's per-user submit quota before anything is submitted.
 *
 * <p>A schedule whose sustained rate exceeds the quota would fail with 429s forever; rejecting it
 * at validation says why while the user is still looking. A burst is not a reason to refuse: specs
 * that start together are spread by the client's rate limiter.
 *
 * <p>Non-recurring specs submit once, at start, so on their own they can never overload a user for
 * good: however many there are, the limiter lets them through over the next hours and they are not
 * refused. They do count toward the budget of the same user's recurring schedules, one submit per
 * hour each, because they take that share of the first hour's quota.
 */
public final class ScheduleRules {
  // Sums of 3600 / period are not exact in binary; a schedule exactly at the quota must pass.
  private static final double SLACK = 1e-9;

  private ScheduleRules() {}

  /**
   * As {@link #check(List, int, int, boolean, Function)}, naming specs as the control topic does.
   */
  public static List<String> check(
      List<JobSpec> specs, int userSubmitsPerHour, int userSubmitsPerMinute, boolean eventsOn) {
    return check(
        specs,
        userSubmitsPerHour,
        userSubmitsPerMinute,
        eventsOn,
        ValidationMessages::controlSpecs);
  }

  /**
   * One message per end user whose recurring specs together exceed the quota; {@code subject} says
   * how a message names a group of specs.
   */
  public static List<String> check(
      List<JobSpec> specs,
      int userSubmitsPerHour,
      int userSubmitsPerMinute,
      boolean eventsOn,
      Function<List<JobSpec>, String> subject) {
    List<String> errors = new ArrayList<>();
    Map<String, List<JobSpec>> recurringByUser = new LinkedHashMap<>();
    Map<String, List<JobSpec>> onceByUser = new LinkedHashMap<>();
    for (JobSpec spec : specs) {
      if (spec.repeatEvery().isPresent()) {
        recurringByUser.computeIfAbsent(spec.externalUserId(), k -> new ArrayList<>()).add(spec);
        if (!eventsOn) {
          errors.add(
              ValidationMessages.about(
                  subject.apply(List.of(spec)),
                  "repeat_every needs igscraper.events.topic, because a run that finds no new"
                      + " rows has no row to record its position; the job event records it"));
        }
      } else {
        onceByUser.computeIfAbsent(spec.externalUserId(), k -> new ArrayList<>()).add(spec);
      }
    }
    recurringByUser.forEach(
        (user, recurring) -> {
          List<JobSpec> once = onceByUser.getOrDefault(user, List.of());
          String problem = problem(user, recurring, once, userSubmitsPerHour, userSubmitsPerMinute);
          if (problem != null) {
            errors.add(ValidationMessages.about(subject.apply(recurring), problem));
          }
        });
    return errors;
  }

  private static String problem(
      String user, List<JobSpec> recurring, List<JobSpec> once, int perHourQuota, int burstQuota) {
    double perHour = once.size();
    double perMinute = 0;
    for (JobSpec spec : recurring) {
      double seconds = seconds(spec.repeatEvery().orElseThrow());
      perHour += 3600 / seconds;
      perMinute += 60 / seconds;
    }
    String submits =
        recurring.size() == 1
            ? "repeat_every submits "
            : "their repeat_every schedules together submit ";
    String of = " for external_user_id " + ValidationMessages.quoted(user);
    if (perHour > perHourQuota + SLACK) {
      return submits
          + rate(perHour)
          + " jobs per hour"
          + of
          + (once.isEmpty()
              ? ""
              : ", counting one submit each for the non-recurring "
                  + (once.size() == 1 ? "spec " : "specs ")
                  + ValidationMessages.join(
                      once.stream().map(s -> ValidationMessages.quoted(s.name())).toList(), "and"))
          + ", but the API allows "
          + perHourQuota
          + " per hour per external_user_id (igscraper.limit.user.submits.per.hour); "
          + fix(recurring.size(), once.size(), perHourQuota, burstQuota);
    }
    if (perMinute > burstQuota + SLACK) {
      return submits
          + rate(perMinute)
          + " jobs per minute"
          + of
          + ", but the API allows "
          + burstQuota
          + " per minute per external_user_id (igscraper.limit.user.submits.per.minute); "
          + fix(recurring.size(), once.size(), perHourQuota, burstQuota);
    }
    return null;
  }

  /** The shortest period that, shared by all recurring specs, fits both quotas. */
  private static String fix(int recurring, int once, int perHourQuota, int burstQuota) {
    int left = perHourQuota - once;
    if (left <= 0) {
      // The non-recurring specs are named earlier in the message.
      return "those submits alone fill the hourly quota; give the recurring specs another"
          + " external_user_id or run fewer specs at once";
    }
    long seconds =
        Math.max(
            (long) Math.ceil(3600.0 * recurring / left),
            (long) Math.ceil(60.0 * recurring / burstQuota));
    return "use a longer repeat_every (at least " + Duration.ofSeconds(seconds) + " each)";
  }

  private static double seconds(Duration period) {
    return period.getSeconds() + period.getNano() / 1e9;
  }

  /** Up to two decimals, rounded up, so a rate just above the quota never reads as equal to it. */
  private static String rate(double value) {
    return BigDecimal.valueOf(value)
        .setScale(6, RoundingMode.HALF_UP) // drops the noise of the double sum first
        .setScale(2, RoundingMode.CEILING)
        .stripTrailingZeros()
        .toPlainString();
  }
}
