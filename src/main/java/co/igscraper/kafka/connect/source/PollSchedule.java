package co.igscraper.kafka.connect.source;

import java.time.Duration;

/**
 * When to poll a running job next: every tenth of its age, between a floor and a ceiling.
 *
 * <p>The vendor recommends 2 s for small jobs and 5 s for larger ones; polling at a tenth of the
 * age gives 2 s for the first 20 s, 5 s at 50 s, and the ceiling for long jobs, so the time a
 * finished job waits to be noticed stays within about 10 % of its run time.
 */
public record PollSchedule(Duration min, Duration max) {
  /** The delay before the next status poll of a job that has been running for {@code age}. */
  public Duration nextDelay(Duration age) {
    Duration tenth = age.dividedBy(10);
    if (tenth.compareTo(min) < 0) {
      return min;
    }
    return tenth.compareTo(max) > 0 ? max : tenth;
  }
}
