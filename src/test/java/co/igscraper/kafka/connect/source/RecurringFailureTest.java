package co.igscraper.kafka.connect.source;

import static co.igscraper.kafka.connect.source.SimulatedRun.eventTypes;
import static co.igscraper.kafka.connect.source.SimulatedRun.events;
import static co.igscraper.kafka.connect.source.SimulatedRun.lastCursor;
import static co.igscraper.kafka.connect.source.SimulatedRun.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.simulator.Outcome;
import co.igscraper.kafka.connect.source.JobRunner.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A failed or cancelled job skips its run of a recurring spec, restart or not; a one-off stops. */
class RecurringFailureTest {
  private static final String USER = "u-rec-fail";
  private static final JobSpec RECURRING =
      SimulatedRun.spec(
          "{\"name\":\"hourly\",\"external_user_id\":\""
              + USER
              + "\",\"tool_type\":\"followers\","
              + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":120},"
              + "\"repeat_every\":\"PT1H\"}");
  private static final JobSpec ONE_OFF =
      SimulatedRun.spec(
          "{\"name\":\"once\",\"external_user_id\":\""
              + USER
              + "\",\"tool_type\":\"followers\","
              + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":120}}");

  /** What a scenario did from the failed run on, one line per step, and the jobs it created. */
  private record Trace(Instant run2Submitted, List<String> afterFailure, long jobs, int run3Rows) {}

  private static String state(SimulatedRun world, JobRunner r, List<SourceRecord> records) {
    List<String> events = new ArrayList<>();
    for (Struct e : events(records)) {
      events.add(
          e.getString("event_type")
              + " run "
              + e.getInt64("run")
              + " job "
              + e.getString("job_id")
              + " at "
              + e.get("timestamp")
              + ": "
              + e.getString("message"));
    }
    return world.clock.instant()
        + " "
        + r.phase()
        + " run "
        + r.run()
        + " due "
        + r.nextDue()
        + " rows "
        + rows(records).size()
        + " events "
        + events;
  }

  /** Run 1 completes, run 2's job ends as {@code outcome}, then run 3; maybe a restart between. */
  private static Trace recurringScenario(Outcome outcome, boolean restartAfterFailure) {
    try (SimulatedRun world = SimulatedRun.start()) {
      JobRunner runner = world.runner(RECURRING, null);
      assertEquals(120, rows(world.runUntil(runner, Phase.WAIT)).size());

      world.sim.setNextOutcome(USER, outcome);
      List<SourceRecord> run2 = world.runUntil(runner, Phase.POLL);
      Instant run2Submitted = world.clock.instant();
      JobRunner r = runner;
      run2.addAll(world.stepWhile(runner, () -> r.phase() == Phase.POLL));

      String failed = outcome == Outcome.FAILED ? "FAILED" : "CANCELLED";
      List<String> types = eventTypes(run2);
      assertEquals("SUBMITTED", types.get(0), types::toString);
      assertEquals(failed, types.get(types.size() - 1), types::toString);
      assertEquals(1, types.stream().filter(failed::equals).count(), types::toString);
      assertEquals(Phase.WAIT, runner.phase(), "the spec carries on, it does not stop");
      assertEquals(2, runner.run());
      assertEquals(run2Submitted.plus(Duration.ofHours(1)), runner.nextDue(), "run 3 on schedule");
      SourceCursor afterFailure = lastCursor(run2);
      assertTrue(afterFailure.done(), "the failed run is finished in the offsets");
      assertEquals(2, afterFailure.run());
      Struct failure = events(run2).get(events(run2).size() - 1);
      assertTrue(
          failure.getString("message").contains("run 3 is due at " + runner.nextDue()),
          failure.getString("message"));

      if (restartAfterFailure) {
        runner = world.runner(RECURRING, afterFailure);
      }
      List<String> trace = new ArrayList<>();
      trace.add(state(world, runner, List.of()));
      world.sim.addFollowers("nasa", 5);
      JobRunner r3 = runner;
      List<SourceRecord> run3 = new ArrayList<>();
      boolean submitted = false;
      for (int i = 0; i < 1000 && !(submitted && r3.phase() == Phase.WAIT); i++) {
        List<SourceRecord> step = world.step(r3);
        submitted |= r3.phase() != Phase.WAIT;
        run3.addAll(step);
        trace.add(state(world, r3, step));
      }
      assertEquals(Phase.WAIT, r3.phase());
      assertEquals(3, r3.run());
      assertEquals(3, lastCursor(run3).run());
      Struct submit = events(run3).get(0);
      assertEquals("SUBMITTED", submit.getString("event_type"));
      assertEquals(
          run2Submitted.plus(Duration.ofHours(1)),
          ((Date) submit.get("timestamp")).toInstant(),
          "run 3 is submitted one period after run 2");
      return new Trace(
          run2Submitted, trace, world.sim.stats().jobsCreatedFor(USER), rows(run3).size());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Outcome.class,
      names = {"FAILED", "CANCELLED"})
  void aRecurringSpecSkipsAFailedRunAndSubmitsTheNextOnSchedule(Outcome outcome) {
    Trace trace = recurringScenario(outcome, false);
    assertEquals(3, trace.jobs(), "runs 1, 2 (failed) and 3");
    assertEquals(5, trace.run3Rows(), "run 3 delivers what is new since run 1");
  }

  @ParameterizedTest
  @EnumSource(
      value = Outcome.class,
      names = {"FAILED", "CANCELLED"})
  void aRestartRightAfterTheFailureChangesNothing(Outcome outcome) {
    Trace withoutRestart = recurringScenario(outcome, false);
    Trace withRestart = recurringScenario(outcome, true);
    assertEquals(withoutRestart.run2Submitted(), withRestart.run2Submitted());
    assertEquals(withoutRestart.afterFailure(), withRestart.afterFailure());
    assertEquals(3, withRestart.jobs());
    assertEquals(withoutRestart.run3Rows(), withRestart.run3Rows());
  }

  @ParameterizedTest
  @EnumSource(
      value = Outcome.class,
      names = {"FAILED", "CANCELLED"})
  void aOneOffSpecWhoseJobFailsStopsAndARestartDoesNotResubmitIt(Outcome outcome) {
    try (SimulatedRun world = SimulatedRun.start()) {
      world.sim.setNextOutcome(USER, outcome);
      JobRunner runner = world.runner(ONE_OFF, null);
      List<SourceRecord> records = world.runUntil(runner, Phase.STOPPED, Phase.DONE);
      assertEquals(Phase.STOPPED, runner.phase());
      assertEquals(
          outcome == Outcome.FAILED ? "FAILED" : "CANCELLED",
          eventTypes(records).get(eventTypes(records).size() - 1));
      assertEquals(0, rows(records).size());
      SourceCursor stored = lastCursor(records);
      assertTrue(stored.done(), "nothing left to wait for");

      JobRunner restarted = world.runner(ONE_OFF, stored);
      assertTrue(
          Set.of(Phase.DONE, Phase.STOPPED).contains(restarted.phase()),
          "rests after the restart, in " + restarted.phase());
      for (int i = 0; i < 5; i++) {
        world.clock.advance(Duration.ofHours(2));
        assertEquals(List.of(), restarted.step());
      }
      assertTrue(Set.of(Phase.DONE, Phase.STOPPED).contains(restarted.phase()));
      assertEquals(1, world.sim.stats().jobsCreatedFor(USER), "the failed job is not resubmitted");
    }
  }
}
