package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.client.ClientSettings;
import co.igscraper.kafka.connect.client.IgScraperClient;
import co.igscraper.kafka.connect.client.RateLimits;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.simulator.Faults;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner against the real client and simulator, on one manual clock: schedules, resume and
 * retroactive enrichment, step by step and without sleeping.
 */
class JobRunnerTest {
  private SimulatedRun world;
  private ManualClock clock;
  private IgScraperSimulator sim;
  private RunnerContext ctx;

  @BeforeEach
  void start() {
    world = SimulatedRun.start();
    clock = world.clock;
    sim = world.sim;
    ctx = world.ctx;
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private static final String RECURRING =
      "{\"name\":\"hourly\",\"external_user_id\":\"u-rec\",\"tool_type\":\"followers\","
          + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":250},\"repeat_every\":\"PT1H\"}";

  @Test
  void recurringRunsReturnOnlyNewRowsAndWaitForTheirPeriod() {
    JobRunner runner = new JobRunner(SimulatedRun.spec(RECURRING), null, ctx);
    List<SourceRecord> first = world.runUntil(runner, JobRunner.Phase.WAIT);
    assertEquals(250, SimulatedRun.rows(first).size());
    Instant firstStart = Instant.ofEpochMilli(SimulatedRun.lastCursor(first).startedAt());
    assertEquals(firstStart.plus(Duration.ofHours(1)), runner.nextDue());

    sim.addFollowers("nasa", 7);
    clock.advance(Duration.ofMinutes(59));
    assertTrue(runner.nextDue().isAfter(clock.instant()), "not due before its period");
    assertEquals(JobRunner.Phase.WAIT, runner.phase());
    List<SourceRecord> second = world.runUntil(runner, JobRunner.Phase.POLL);
    second.addAll(world.runUntil(runner, JobRunner.Phase.WAIT));
    assertEquals(7, SimulatedRun.rows(second).size(), "only the followers added since run 1");
    assertEquals(2, SimulatedRun.lastCursor(second).run());
    assertEquals(2, sim.stats().jobsCreatedFor("u-rec"));
  }

  @Test
  void aRecurringRunWhoseSubmitFailsIsRetriedUnderTheSameRunAndKey() {
    JobRunner runner = new JobRunner(SimulatedRun.spec(RECURRING), null, ctx);
    SourceCursor done = SimulatedRun.lastCursor(world.runUntil(runner, JobRunner.Phase.WAIT));
    clock.advance(Duration.ofHours(1));
    // Run 2's submit fails transiently (the client gives up at once here).
    sim.setFaults(Faults.builder().error503(1.0).seed(1).build());
    try (IgScraperClient noRetries =
        new IgScraperClient(
            ClientSettings.builder()
                .baseUrl(sim.baseUrl())
                .apiKey(SimulatedRun.KEY)
                .maxRetries(0)
                .rateLimits(new RateLimits(100_000, 1_000_000, 100_000, 1000, 10_000))
                .build())) {
      JobRunner failing =
          new JobRunner(
              SimulatedRun.spec(RECURRING), done, SimulatedRun.withClient(ctx, noRetries));
      assertEquals(List.of(), failing.step());
      assertEquals(JobRunner.Phase.SUBMIT, failing.phase());
      assertEquals(2, failing.run());
      sim.setFaults(Faults.none());
      clock.advance(Duration.between(clock.instant(), failing.nextDue()));
      List<SourceRecord> records = world.runUntil(failing, JobRunner.Phase.POLL);
      records.addAll(world.runUntil(failing, JobRunner.Phase.WAIT));
      assertEquals(2, SimulatedRun.lastCursor(records).run());
    }
    assertEquals(2, sim.stats().jobsCreatedFor("u-rec"), "one job per run, no run number skipped");
  }

  @Test
  void afterLongDowntimeItRunsOnceNotOncePerMissedPeriod() {
    JobRunner runner = new JobRunner(SimulatedRun.spec(RECURRING), null, ctx);
    SourceCursor done = SimulatedRun.lastCursor(world.runUntil(runner, JobRunner.Phase.WAIT));

    clock.advance(Duration.ofHours(5));
    JobRunner restarted = new JobRunner(SimulatedRun.spec(RECURRING), done, ctx);
    assertEquals(JobRunner.Phase.WAIT, restarted.phase());
    assertEquals(clock.instant(), restarted.nextDue(), "one catch-up run at once");
    List<SourceRecord> catchUp = world.runUntil(restarted, JobRunner.Phase.POLL);
    catchUp.addAll(world.runUntil(restarted, JobRunner.Phase.WAIT));
    SourceCursor afterCatchUp = SimulatedRun.lastCursor(catchUp);
    assertEquals(2, afterCatchUp.run());
    assertEquals(
        Instant.ofEpochMilli(afterCatchUp.startedAt()).plus(Duration.ofHours(1)),
        restarted.nextDue(),
        "the next run is one period after the catch-up run, not after the missed ones");
    assertEquals(2, sim.stats().jobsCreatedFor("u-rec"));
  }

  @Test
  void aRestartBeforeTheRunsFirstRecordGetsTheSameJobBack() {
    JobSpec spec = SimulatedRun.spec(RECURRING);
    JobRunner runner = new JobRunner(spec, null, ctx);
    SourceCursor done = SimulatedRun.lastCursor(world.runUntil(runner, JobRunner.Phase.WAIT));
    clock.advance(Duration.ofHours(1));
    runner.step(); // run 2 submitted; imagine the task dies before anything is committed
    JobRunner restarted = new JobRunner(spec, done, ctx);
    List<SourceRecord> records = world.runUntil(restarted, JobRunner.Phase.POLL);
    records.addAll(world.runUntil(restarted, JobRunner.Phase.WAIT));
    assertEquals(2, SimulatedRun.lastCursor(records).run());
    assertEquals(2, sim.stats().jobsCreatedFor("u-rec"), "run 2 was replayed, not resubmitted");
    assertTrue(sim.stats().replays() >= 1);
  }

  @Test
  void resumesMidPageAtTheExactRow() {
    JobSpec spec =
        SimulatedRun.spec(
            "{\"name\":\"once\",\"external_user_id\":\"u-once\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"esa\"],\"max_followers\":300}}");
    JobRunner runner = new JobRunner(spec, null, ctx);
    List<SourceRecord> all = world.runUntil(runner, JobRunner.Phase.DONE);
    assertEquals(300, SimulatedRun.rows(all).size());
    // Resume from the offset of row 137 (page 2, row 37): exactly the rows after it come again.
    SourceRecord resumeFrom = SimulatedRun.rows(all).get(136);
    @SuppressWarnings("unchecked")
    SourceCursor cursor =
        SourceCursor.fromMap((java.util.Map<String, Object>) resumeFrom.sourceOffset());
    assertEquals(2, cursor.page());
    assertEquals(37, cursor.row());
    List<SourceRecord> again =
        SimulatedRun.rows(world.runUntil(new JobRunner(spec, cursor, ctx), JobRunner.Phase.DONE));
    assertEquals(
        SimulatedRun.rows(all).subList(137, 300).stream().map(SourceRecord::key).toList(),
        again.stream().map(SourceRecord::key).toList());
    assertEquals(1, sim.stats().jobsCreatedFor("u-once"));
  }

  @Test
  void retroactiveEnrichmentReemitsTheSameKeysWithTheNewColumns() {
    JobSpec spec =
        SimulatedRun.spec(
            "{\"name\":\"enrich-me\",\"external_user_id\":\"u-enr\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":120}}");
    JobRunner runner = new JobRunner(spec, null, ctx);
    List<SourceRecord> before = SimulatedRun.rows(world.runUntil(runner, JobRunner.Phase.DONE));
    assertNull(((Struct) before.get(0).value()).get("country"));

    runner.requestEnrichment(new JobRunner.EnrichRequest("control:0:5", new Addons(false, true)));
    List<SourceRecord> records = world.runUntil(runner, JobRunner.Phase.DONE);
    List<SourceRecord> after = SimulatedRun.rows(records);
    assertEquals(
        before.stream().map(SourceRecord::key).toList(),
        after.stream().map(SourceRecord::key).toList());
    assertNotNull(((Struct) after.get(0).value()).get("country"));
    assertEquals(before.get(0).valueSchema(), after.get(0).valueSchema(), "schema unchanged");
    assertTrue(
        SimulatedRun.eventTypes(records)
            .containsAll(List.of("ENRICHMENT_STARTED", "ENRICHMENT_COMPLETED")));
    assertEquals("control:0:5", SimulatedRun.lastCursor(records).enrichRequest());

    // The same request again (a restart re-reads the compacted topic) does nothing.
    runner.requestEnrichment(new JobRunner.EnrichRequest("control:0:5", new Addons(false, true)));
    assertEquals(JobRunner.Phase.DONE, runner.phase());
  }

  @Test
  void noAddonSelectedIsRejectedAndTheSpecStaysDone() {
    JobSpec spec =
        SimulatedRun.spec(
            "{\"name\":\"no-addon\",\"external_user_id\":\"u-na\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":10}}");
    JobRunner runner = new JobRunner(spec, null, ctx);
    world.runUntil(runner, JobRunner.Phase.DONE);
    runner.requestEnrichment(new JobRunner.EnrichRequest("control:0:9", new Addons(false, false)));
    assertEquals(JobRunner.Phase.ENRICH, runner.phase());
    List<SourceRecord> records = runner.step();
    assertEquals(List.of("REJECTED"), SimulatedRun.eventTypes(records));
    assertEquals(JobRunner.Phase.DONE, runner.phase());
  }

  @Test
  void aChangedSpecFinishesTheJobInFlightThenStartsANewRun() {
    JobSpec v1 =
        SimulatedRun.spec(
            "{\"name\":\"changing\",\"external_user_id\":\"u-chg\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":50}}");
    JobSpec v2 =
        SimulatedRun.spec(
            "{\"name\":\"changing\",\"external_user_id\":\"u-chg\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\",\"esa\"],\"max_followers\":50}}");
    JobRunner runner = new JobRunner(v1, null, ctx);
    runner.step(); // submitted run 1
    runner.update(v2);
    List<SourceRecord> records = world.runUntil(runner, JobRunner.Phase.SUBMIT);
    assertEquals(50, SimulatedRun.rows(records).size(), "run 1's rows are not abandoned");
    records = world.runUntil(runner, JobRunner.Phase.DONE);
    Set<String> sources = new HashSet<>();
    SimulatedRun.rows(records).forEach(r -> sources.add(((Struct) r.key()).getString("source")));
    assertEquals(Set.of("esa"), sources, "run 2: nasa's rows were delivered by run 1 (dedup)");
    assertEquals(2, sim.stats().jobsCreatedFor("u-chg"));
  }
}
