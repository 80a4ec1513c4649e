package co.igscraper.kafka.connect.source;

import static co.igscraper.kafka.connect.source.ScriptedApiRun.JOB;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.good;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.source.HostileServer.Response;
import co.igscraper.kafka.connect.source.ScriptedApiRun.Outcome;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Every enrichment request is carried out exactly once per spec, none lost and none repeated,
 * whatever the restarts; every answer of the enrich endpoint has a transition and a bound.
 */
class EnrichmentOnceTest {
  private static final JobSpec SPEC =
      SimulatedRun.spec(
          "{\"name\":\"enrich-me\",\"external_user_id\":\"u-e\",\"tool_type\":\"followers\","
              + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":150}}");
  private static final JobRunner.EnrichRequest COUNTRY =
      new JobRunner.EnrichRequest("control:0:5", new Addons(false, true));
  private static final JobRunner.EnrichRequest PROFILES =
      new JobRunner.EnrichRequest("control:0:6", new Addons(true, false));

  private static long upgradeCalls(SimulatedRun world) {
    return world
        .sim
        .stats()
        .requestsByEndpointAndStatus()
        .getOrDefault("POST /jobs/{id}/enrich", java.util.Map.of())
        .values()
        .stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  private static long count(List<SourceRecord> records, String type) {
    return Collections.frequency(SimulatedRun.eventTypes(records), type);
  }

  /** Runs the spec's job to the end, then the given requests, and returns every record. */
  private static List<SourceRecord> doneThenEnriched(
      SimulatedRun world, JobRunner runner, JobRunner.EnrichRequest... requests) {
    List<SourceRecord> out = world.runUntil(runner, JobRunner.Phase.DONE);
    for (JobRunner.EnrichRequest request : requests) {
      runner.requestEnrichment(request);
    }
    out.addAll(world.runUntil(runner, JobRunner.Phase.DONE));
    return out;
  }

  @Test
  void twoRequestsWhileTheJobRunsAreBothCarriedOutInOrder() {
    try (SimulatedRun world = SimulatedRun.start()) {
      JobRunner runner = world.runner(SPEC, null);
      List<SourceRecord> out = world.runUntil(runner, JobRunner.Phase.FETCH);
      runner.requestEnrichment(COUNTRY);
      runner.requestEnrichment(PROFILES);
      out.addAll(world.runUntil(runner, JobRunner.Phase.DONE));
      assertEquals(2, upgradeCalls(world), "the second request did not replace the first");
      assertEquals(2, count(out, "ENRICHMENT_STARTED"));
      assertEquals(2, count(out, "ENRICHMENT_COMPLETED"));
      assertEquals(150 * 3, SimulatedRun.rows(out).size(), "the job, then two re-emissions");
      assertEquals(PROFILES.id(), SimulatedRun.lastCursor(out).enrichRequest());
    }
  }

  @Test
  void aRestartReplayingTheControlTopicTakesNoRequestAgain() {
    try (SimulatedRun world = SimulatedRun.start()) {
      List<SourceRecord> out = doneThenEnriched(world, world.runner(SPEC, null), COUNTRY, PROFILES);
      for (int restart = 0; restart < 3; restart++) {
        JobRunner again = world.runner(SPEC, SimulatedRun.lastCursor(out));
        // At start a task reads the whole control topic again, compacted or not.
        again.requestEnrichment(COUNTRY);
        again.requestEnrichment(PROFILES);
        assertEquals(JobRunner.Phase.DONE, again.phase(), "nothing left to do");
        assertEquals(List.of(), again.step());
      }
      assertEquals(2, upgradeCalls(world), "no upgrade bought again");
    }
  }

  @Test
  void aRestartBetweenTwoRequestsCarriesOutOnlyTheSecond() {
    try (SimulatedRun world = SimulatedRun.start()) {
      List<SourceRecord> out = doneThenEnriched(world, world.runner(SPEC, null), COUNTRY);
      // The second request arrives; the task dies before taking it on.
      JobRunner restarted = world.runner(SPEC, SimulatedRun.lastCursor(out));
      restarted.requestEnrichment(COUNTRY);
      restarted.requestEnrichment(PROFILES);
      List<SourceRecord> after = world.runUntil(restarted, JobRunner.Phase.DONE);
      assertEquals(2, upgradeCalls(world));
      assertEquals(1, count(after, "ENRICHMENT_STARTED"));
      assertEquals(150, SimulatedRun.rows(after).size(), "one re-emission, for the second");
    }
  }

  @Test
  void aRestartDuringAReEmissionFinishesItWithoutCountingTheJobAgain() {
    try (SimulatedRun world = SimulatedRun.start()) {
      JobRunner runner = world.runner(SPEC, null);
      List<SourceRecord> out = world.runUntil(runner, JobRunner.Phase.DONE);
      runner.requestEnrichment(COUNTRY);
      while (count(out, "ENRICHMENT_STARTED") == 0) {
        out.addAll(world.step(runner));
      }
      long completedBefore = world.ctx.metrics().jobsCompleted();
      SourceCursor stored = SimulatedRun.lastCursor(out);
      assertTrue(stored.reemitting(), "the re-emission is in the run record");
      JobRunner restarted = world.runner(SPEC, stored);
      restarted.requestEnrichment(COUNTRY);
      List<SourceRecord> after = world.runUntil(restarted, JobRunner.Phase.DONE);
      assertEquals(0, count(after, "COMPLETED"), "the job is not reported completed twice");
      assertEquals(completedBefore, world.ctx.metrics().jobsCompleted(), "nor its credits");
      assertEquals(1, count(after, "ENRICHMENT_COMPLETED"));
      assertEquals(0, count(after, "EMITTED"));
      assertEquals(150, SimulatedRun.rows(after).size());
      assertEquals(1, upgradeCalls(world));
    }
  }

  @Test
  void anUpgradeAlreadyInProgressIsWaitedOutWithoutEmittingAnything() throws Exception {
    AtomicInteger busy = new AtomicInteger();
    try (ScriptedApiRun api = new ScriptedApiRun()) {
      JobRunner runner =
          new JobRunner(
              ScriptedApiRun.spec(),
              null,
              api.context(
                  r -> {
                    boolean start = r.method().equals("POST") && r.path().endsWith("/enrich");
                    if (start && busy.get() < 3) {
                      busy.incrementAndGet();
                      return Response.json(
                          409,
                          "{\"error\":{\"code\":\"ENRICHMENT_IN_PROGRESS\",\"message\":\"busy\"}}");
                    }
                    if (r.path().endsWith("/enrich")) {
                      return Response.json(start ? 202 : 200, "{}");
                    }
                    return good(r);
                  }));
      api.run(runner);
      runner.requestEnrichment(COUNTRY);
      Outcome enriched = api.run(runner);
      assertEquals(
          List.of("ENRICHMENT_STARTED", "ENRICHMENT_COMPLETED"),
          enriched.events(),
          "no EMITTED, COMPLETED or PROGRESS while the other upgrade runs");
      assertEquals(3, busy.get());
      assertEquals(8, api.server.requests(JOB + "/enrich"), "preflight and start, four times");
      assertEquals(ScriptedApiRun.TOTAL, enriched.rowIds().size(), "re-emitted once");
    }
  }

  @Test
  void anUpgradeThatNeverStopsRunningIsGivenUpAfterTheJobTimeout() throws Exception {
    try (ScriptedApiRun api = new ScriptedApiRun()) {
      JobRunner runner =
          new JobRunner(
              ScriptedApiRun.spec(),
              null,
              api.context(
                  r ->
                      r.path().endsWith("/enrich")
                          ? Response.json(
                              409,
                              "{\"error\":{\"code\":\"ENRICHMENT_IN_PROGRESS\",\"message\":\"x\"}}")
                          : good(r)));
      api.run(runner);
      runner.requestEnrichment(COUNTRY);
      Outcome given = api.run(runner);
      assertEquals(List.of("REJECTED"), given.events());
      assertTrue(given.lastEventMessage().contains("still in progress"), given.lastEventMessage());
      assertEquals(JobRunner.Phase.DONE, runner.phase(), "the spec carries on");
      assertTrue(
          api.server.requests("/enrich") < 200, "bounded: " + api.server.requests("/enrich"));
    }
  }

  @Test
  void aRequestAfterAFailedRunIsRefusedWithoutBuyingAnything() {
    JobSpec hourly =
        SimulatedRun.spec(
            "{\"name\":\"hourly-e\",\"external_user_id\":\"u-he\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":20},"
                + "\"repeat_every\":\"PT1H\"}");
    try (SimulatedRun world = SimulatedRun.start()) {
      world.sim.setNextOutcome("u-he", co.igscraper.kafka.connect.simulator.Outcome.FAILED);
      JobRunner runner = world.runner(hourly, null);
      List<SourceRecord> out = world.runUntil(runner, JobRunner.Phase.WAIT);
      assertEquals(1, count(out, "FAILED"));
      runner.requestEnrichment(COUNTRY);
      List<SourceRecord> after = world.step(runner);
      assertEquals(List.of("REJECTED"), SimulatedRun.eventTypes(after));
      assertEquals(0, upgradeCalls(world), "the failed job has no rows to enrich");
      assertEquals(JobRunner.Phase.WAIT, runner.phase(), "the schedule goes on");
    }
  }
}
