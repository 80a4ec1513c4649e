package co.igscraper.kafka.connect.source;

import static co.igscraper.kafka.connect.source.SimulatedRun.eventTypes;
import static co.igscraper.kafka.connect.source.SimulatedRun.events;
import static co.igscraper.kafka.connect.source.SimulatedRun.lastCursor;
import static co.igscraper.kafka.connect.source.SimulatedRun.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.source.JobRunner.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A stuck job times out one job timeout after its submit, however often the task restarts. */
class JobTimeoutAcrossRestartsTest {
  private static final Duration TIMEOUT = Duration.ofHours(1);
  private static final String USER = "u-stuck";
  private static final JobSpec SPEC =
      SimulatedRun.spec(
          "{\"name\":\"stuck\",\"external_user_id\":\""
              + USER
              + "\",\"tool_type\":\"followers\","
              + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":100}}");
  private static final JobSpec RECURRING =
      SimulatedRun.spec(
          "{\"name\":\"stuck-hourly\",\"external_user_id\":\""
              + USER
              + "\",\"tool_type\":\"followers\","
              + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":100},"
              + "\"repeat_every\":\"PT1H\"}");

  private static SimulatedRun stuckJobs() {
    return SimulatedRun.builder().processingFor(Duration.ofHours(10)).jobTimeout(TIMEOUT).start();
  }

  /**
   * Steps {@code runner} until its spec rests, and every {@code period} replaces it by a new runner
   * of {@code spec} started from the last stored offset, as a task restart does.
   */
  private static List<SourceRecord> runWithRestarts(
      SimulatedRun world,
      JobSpec spec,
      JobRunner runner,
      List<SourceRecord> records,
      Duration period,
      List<Instant> restarts) {
    Instant nextRestart = world.clock.instant().plus(period);
    for (int i = 0; i < 10_000 && runner.isActive(); i++) {
      if (!runner.nextDue().isBefore(nextRestart)) {
        // The task dies; Kafka has everything emitted so far, and a new task starts from it.
        Duration toRestart = Duration.between(world.clock.instant(), nextRestart);
        if (toRestart.compareTo(Duration.ZERO) > 0) {
          world.clock.advance(toRestart);
        }
        runner = world.runner(spec, lastCursor(records));
        restarts.add(world.clock.instant());
        nextRestart = nextRestart.plus(period);
      }
      records.addAll(world.step(runner));
    }
    assertEquals(Phase.STOPPED, runner.phase());
    return records;
  }

  private static Instant timestamp(Struct event) {
    return ((Date) event.get("timestamp")).toInstant();
  }

  private static List<Struct> timedOut(List<SourceRecord> records) {
    return events(records).stream()
        .filter(e -> e.getString("event_type").equals("TIMED_OUT"))
        .toList();
  }

  @ParameterizedTest(name = "restart every {0} minutes")
  @ValueSource(ints = {10, 7, 1})
  void aStuckJobTimesOutOnScheduleAcrossRestarts(int minutes) {
    try (SimulatedRun world = stuckJobs()) {
      JobRunner runner = world.runner(SPEC, null);
      List<SourceRecord> records = new ArrayList<>(world.step(runner));
      assertEquals(List.of("SUBMITTED"), eventTypes(records), "the submit is durable at once");
      List<Instant> restarts = new ArrayList<>();
      runWithRestarts(world, SPEC, runner, records, Duration.ofMinutes(minutes), restarts);

      Struct submitted = events(records).get(0);
      Instant submit = timestamp(submitted);
      assertEquals(SimulatedRun.START, submit);
      List<Struct> timedOut = timedOut(records);
      assertEquals(1, timedOut.size(), eventTypes(records)::toString);
      Instant at = timestamp(timedOut.get(0));
      assertTrue(at.isAfter(submit.plus(TIMEOUT)), "not before the timeout: " + at);
      assertFalse(
          at.isAfter(submit.plus(TIMEOUT).plus(SimulatedRun.POLLS.max())),
          "within one poll interval of submit + timeout, not " + at);
      assertTrue(
          restarts.size() >= 60 / minutes - 1,
          restarts.size() + " restarts happened before the timeout");
      assertTrue(restarts.stream().allMatch(t -> t.isBefore(at)), "every restart was before it");
      assertEquals(1, world.sim.stats().jobsCreated(), "one job, never resubmitted");
      assertEquals(0, rows(records).size());
      assertEquals(submitted.getString("job_id"), timedOut.get(0).getString("job_id"));
      assertFalse(lastCursor(records).done(), "the job may still complete; its rows are not lost");
    }
  }

  @Test
  void aRecurringSpecWhoseJobTimedOutStaysStoppedAfterARestart() {
    try (SimulatedRun world = stuckJobs()) {
      JobRunner runner = world.runner(RECURRING, null);
      List<SourceRecord> records = world.runUntil(runner, Phase.STOPPED);
      assertEquals(1, timedOut(records).size());

      JobRunner restarted = world.runner(RECURRING, lastCursor(records));
      List<SourceRecord> after = world.runUntil(restarted, Phase.STOPPED);
      for (int i = 0; i < 4; i++) {
        world.clock.advance(Duration.ofHours(1));
        after.addAll(restarted.step());
      }
      assertEquals(Phase.STOPPED, restarted.phase(), "no next run: only the operator gives up");
      assertFalse(eventTypes(after).contains("SUBMITTED"), eventTypes(after)::toString);
      assertEquals(List.of(), eventTypes(after), "the restart repeats no event");
      assertEquals(1, world.sim.stats().jobsCreated());
      // As without a restart, a changed spec starts the next run.
      JobSpec changed =
          SimulatedRun.spec(
              RECURRING
                  .toJson()
                  .toString()
                  .replace("\"max_followers\":100", "\"max_followers\":60"));
      JobRunner edited = world.runner(changed, lastCursor(records));
      assertEquals(Phase.SUBMIT, edited.phase());
      assertEquals(2, edited.run());
    }
  }

  @Test
  void aReemissionWaitingOnARunningUpgradeTimesOutOnScheduleAcrossRestarts() {
    try (SimulatedRun world =
        SimulatedRun.builder().enrichmentFor(Duration.ofHours(10)).jobTimeout(TIMEOUT).start()) {
      JobRunner runner = world.runner(SPEC, null);
      assertEquals(100, rows(world.runUntil(runner, Phase.DONE)).size());
      runner.requestEnrichment(new JobRunner.EnrichRequest("control:0:5", new Addons(false, true)));
      List<SourceRecord> records = new ArrayList<>(world.step(runner));
      assertEquals(List.of("ENRICHMENT_STARTED"), eventTypes(records));
      Instant started = world.clock.instant();
      assertEquals(started.toEpochMilli(), lastCursor(records).reemitAt());

      List<Instant> restarts = new ArrayList<>();
      runWithRestarts(world, SPEC, runner, records, Duration.ofMinutes(10), restarts);

      List<Struct> timedOut = timedOut(records);
      assertEquals(1, timedOut.size(), eventTypes(records)::toString);
      Instant at = timestamp(timedOut.get(0));
      assertTrue(at.isAfter(started.plus(TIMEOUT)), "not before the timeout: " + at);
      assertTrue(
          at.isBefore(started.plus(TIMEOUT).plus(SimulatedRun.POLLS.max())),
          "within one poll interval of the upgrade's start + timeout, not " + at);
      assertTrue(restarts.size() >= 5, restarts.size() + " restarts");
      assertEquals(0, rows(records).size(), "nothing is re-emitted while the upgrade runs");
      assertEquals(1, world.sim.stats().jobsCreated());
    }
  }

  @Test
  void aTimedOutJobThatCompletesLaterDeliversItsRowsAfterARestart() {
    try (SimulatedRun world =
        SimulatedRun.builder().processingFor(Duration.ofHours(2)).jobTimeout(TIMEOUT).start()) {
      JobRunner runner = world.runner(SPEC, null);
      List<SourceRecord> records = world.runUntil(runner, Phase.STOPPED);
      assertEquals(1, timedOut(records).size());
      world.clock.advance(Duration.ofHours(2)); // the job completes at the API meanwhile
      JobRunner restarted = world.runner(SPEC, lastCursor(records));
      List<SourceRecord> after = world.runUntil(restarted, Phase.DONE);
      assertEquals(100, rows(after).size(), "its rows are not lost");
      assertEquals(List.of("COMPLETED"), eventTypes(after));
      assertEquals(1, world.sim.stats().jobsCreated(), "the same job, not a new one");
    }
  }
}
