package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import co.igscraper.kafka.connect.client.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every job status × recurring × age against the timeout, and what it means for the run. */
class JobOutcomeTest {
  private static final Duration TIMEOUT = Duration.ofHours(1);

  /** An age relative to the timeout. */
  enum Age {
    NEW(Duration.ZERO),
    BELOW(TIMEOUT.minusSeconds(1)),
    AT(TIMEOUT),
    JUST_PAST(TIMEOUT.plusMillis(1)),
    LONG_PAST(TIMEOUT.multipliedBy(24));

    final Duration age;

    Age(Duration age) {
      this.age = age;
    }
  }

  // status | recurring | age | outcome
  private static final String[] TABLE = {
    "QUEUED     | false | NEW       | KEEP_POLLING",
    "QUEUED     | false | BELOW     | KEEP_POLLING",
    "QUEUED     | false | AT        | KEEP_POLLING",
    "QUEUED     | false | JUST_PAST | TIMED_OUT",
    "QUEUED     | false | LONG_PAST | TIMED_OUT",
    "QUEUED     | true  | NEW       | KEEP_POLLING",
    "QUEUED     | true  | BELOW     | KEEP_POLLING",
    "QUEUED     | true  | AT        | KEEP_POLLING",
    "QUEUED     | true  | JUST_PAST | TIMED_OUT",
    "QUEUED     | true  | LONG_PAST | TIMED_OUT",
    "PROCESSING | false | NEW       | KEEP_POLLING",
    "PROCESSING | false | BELOW     | KEEP_POLLING",
    "PROCESSING | false | AT        | KEEP_POLLING",
    "PROCESSING | false | JUST_PAST | TIMED_OUT",
    "PROCESSING | false | LONG_PAST | TIMED_OUT",
    "PROCESSING | true  | NEW       | KEEP_POLLING",
    "PROCESSING | true  | BELOW     | KEEP_POLLING",
    "PROCESSING | true  | AT        | KEEP_POLLING",
    "PROCESSING | true  | JUST_PAST | TIMED_OUT",
    "PROCESSING | true  | LONG_PAST | TIMED_OUT",
    "UNKNOWN    | false | NEW       | KEEP_POLLING",
    "UNKNOWN    | false | BELOW     | KEEP_POLLING",
    "UNKNOWN    | false | AT        | KEEP_POLLING",
    "UNKNOWN    | false | JUST_PAST | TIMED_OUT",
    "UNKNOWN    | false | LONG_PAST | TIMED_OUT",
    "UNKNOWN    | true  | NEW       | KEEP_POLLING",
    "UNKNOWN    | true  | BELOW     | KEEP_POLLING",
    "UNKNOWN    | true  | AT        | KEEP_POLLING",
    "UNKNOWN    | true  | JUST_PAST | TIMED_OUT",
    "UNKNOWN    | true  | LONG_PAST | TIMED_OUT",
    // A completed job is read, however late.
    "COMPLETED  | false | NEW       | READY",
    "COMPLETED  | false | BELOW     | READY",
    "COMPLETED  | false | AT        | READY",
    "COMPLETED  | false | JUST_PAST | READY",
    "COMPLETED  | false | LONG_PAST | READY",
    "COMPLETED  | true  | NEW       | READY",
    "COMPLETED  | true  | BELOW     | READY",
    "COMPLETED  | true  | AT        | READY",
    "COMPLETED  | true  | JUST_PAST | READY",
    "COMPLETED  | true  | LONG_PAST | READY",
    // A failed or cancelled job ends its run, however late: a one-off spec stops, a recurring one
    // carries on.
    "FAILED     | false | NEW       | FAILED_STOP",
    "FAILED     | false | BELOW     | FAILED_STOP",
    "FAILED     | false | AT        | FAILED_STOP",
    "FAILED     | false | JUST_PAST | FAILED_STOP",
    "FAILED     | false | LONG_PAST | FAILED_STOP",
    "FAILED     | true  | NEW       | FAILED_NEXT_RUN",
    "FAILED     | true  | BELOW     | FAILED_NEXT_RUN",
    "FAILED     | true  | AT        | FAILED_NEXT_RUN",
    "FAILED     | true  | JUST_PAST | FAILED_NEXT_RUN",
    "FAILED     | true  | LONG_PAST | FAILED_NEXT_RUN",
    "CANCELLED  | false | NEW       | FAILED_STOP",
    "CANCELLED  | false | BELOW     | FAILED_STOP",
    "CANCELLED  | false | AT        | FAILED_STOP",
    "CANCELLED  | false | JUST_PAST | FAILED_STOP",
    "CANCELLED  | false | LONG_PAST | FAILED_STOP",
    "CANCELLED  | true  | NEW       | FAILED_NEXT_RUN",
    "CANCELLED  | true  | BELOW     | FAILED_NEXT_RUN",
    "CANCELLED  | true  | AT        | FAILED_NEXT_RUN",
    "CANCELLED  | true  | JUST_PAST | FAILED_NEXT_RUN",
    "CANCELLED  | true  | LONG_PAST | FAILED_NEXT_RUN",
  };

  static Stream<Arguments> table() {
    return Stream.of(TABLE)
        .map(line -> line.split("\\|"))
        .map(
            c ->
                Arguments.of(
                    JobStatus.valueOf(c[0].trim()),
                    Boolean.parseBoolean(c[1].trim()),
                    Age.valueOf(c[2].trim()),
                    JobOutcome.valueOf(c[3].trim())));
  }

  @ParameterizedTest(name = "{0}, recurring {1}, age {2} -> {3}")
  @MethodSource("table")
  void aStatusMeansTheOutcomeOfItsRow(
      JobStatus status, boolean recurring, Age age, JobOutcome expected) {
    assertEquals(expected, JobOutcome.of(status, age.age, TIMEOUT, recurring));
  }

  @Test
  void theTableCoversEveryStatusRecurrenceAndAge() {
    List<String> rows = new ArrayList<>();
    table().forEach(a -> rows.add(a.get()[0] + "/" + a.get()[1] + "/" + a.get()[2]));
    for (JobStatus status : JobStatus.values()) {
      for (boolean recurring : new boolean[] {false, true}) {
        for (Age age : Age.values()) {
          String row = status + "/" + recurring + "/" + age;
          assertEquals(1, Collections.frequency(rows, row), "row " + row + " is in the table once");
        }
      }
    }
    assertEquals(
        JobStatus.values().length * 2 * Age.values().length, rows.size(), "and nothing else");
  }

  @Test
  void everyOutcomeIsReachable() {
    Set<JobOutcome> reached = new HashSet<>();
    table().forEach(a -> reached.add((JobOutcome) a.get()[3]));
    assertEquals(Set.of(JobOutcome.values()), reached);
  }
}
