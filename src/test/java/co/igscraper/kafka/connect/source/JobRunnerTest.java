package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.client.ClientSettings;
import co.igscraper.kafka.connect.client.IgScraperClient;
import co.igscraper.kafka.connect.client.RateLimits;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.FailurePolicy;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.JobSpecParser;
import co.igscraper.kafka.connect.config.TopicNamer;
import co.igscraper.kafka.connect.simulator.Faults;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.ManualClock;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T08:00:00Z"));
  private final String key = "runner-" + UUID.randomUUID();
  private IgScraperSimulator sim;
  private IgScraperClient client;
  private RunnerContext ctx;

  @BeforeEach
  void start() {
    sim =
        IgScraperSimulator.start(
            SimulatorConfig.builder()
                .apiKeys(key)
                .clock(clock)
                .queuedFor(Duration.ofSeconds(1))
                .processingFor(Duration.ofSeconds(10))
                .enrichmentFor(Duration.ofSeconds(5))
                .rateLimitsDisabled()
                .build());
    client =
        new IgScraperClient(
            ClientSettings.builder()
                .baseUrl(sim.baseUrl())
                .apiKey(key)
                .rateLimits(new RateLimits(100_000, 1_000_000, 100_000, 1000, 10_000))
                .build());
    TaskMetrics metrics = new TaskMetrics();
    ctx =
        new RunnerContext(
            "runner-test",
            client,
            clock,
            new RecordFactory(
                "runner-test", new TopicNamer("rows"), Optional.of("events"), clock, metrics),
            metrics,
            100,
            new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(15)),
            Duration.ofHours(1),
            Duration.ofMillis(100),
            Duration.ofMinutes(15),
            FailurePolicy.STOP_SPEC);
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private static JobSpec spec(String json) {
    JobSpecParser.Result result = JobSpecParser.parse("[" + json + "]");
    assertTrue(result.isValid(), result.errors().toString());
    return result.specs().get(0);
  }

  private static final String RECURRING =
      "{\"name\":\"hourly\",\"external_user_id\":\"u-rec\",\"tool_type\":\"followers\","
          + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":250},\"repeat_every\":\"PT1H\"}";

  /** Steps the runner, moving the clock to each due time, until it rests in one of the phases. */
  private List<SourceRecord> runUntil(JobRunner runner, JobRunner.Phase... rest) {
    List<SourceRecord> out = new ArrayList<>();
    Set<JobRunner.Phase> stops = Set.of(rest);
    for (int i = 0; i < 1000 && !stops.contains(runner.phase()); i++) {
      Duration wait = Duration.between(clock.instant(), runner.nextDue());
      if (wait.compareTo(Duration.ZERO) > 0) {
        clock.advance(wait);
      }
      out.addAll(runner.step());
    }
    assertTrue(stops.contains(runner.phase()), "runner rests in " + runner.phase());
    return out;
  }

  private static List<SourceRecord> rows(List<SourceRecord> records) {
    return records.stream().filter(r -> r.topic().equals("rows")).toList();
  }

  private static List<String> events(List<SourceRecord> records) {
    return records.stream()
        .filter(r -> r.topic().equals("events"))
        .map(r -> ((Struct) r.value()).getString("event_type"))
        .toList();
  }

  private static SourceCursor lastCursor(List<SourceRecord> records) {
    SourceRecord last = null;
    for (SourceRecord r : records) {
      if (r.sourceOffset() != null) {
        last = r;
      }
    }
    assertNotNull(last, "some record carries an offset");
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> offset = (java.util.Map<String, Object>) last.sourceOffset();
    return SourceCursor.fromMap(offset);
  }

  @Test
  void recurringRunsReturnOnlyNewRowsAndWaitForTheirPeriod() {
    JobRunner runner = new JobRunner(spec(RECURRING), null, ctx);
    List<SourceRecord> first = runUntil(runner, JobRunner.Phase.WAIT);
    assertEquals(250, rows(first).size());
    Instant firstStart = Instant.ofEpochMilli(lastCursor(first).startedAt());
    assertEquals(firstStart.plus(Duration.ofHours(1)), runner.nextDue());

    sim.addFollowers("nasa", 7);
    clock.advance(Duration.ofMinutes(59));
    assertTrue(runner.nextDue().isAfter(clock.instant()), "not due before its period");
    assertEquals(JobRunner.Phase.WAIT, runner.phase());
    List<SourceRecord> second = runUntil(runner, JobRunner.Phase.POLL);
    second.addAll(runUntil(runner, JobRunner.Phase.WAIT));
    assertEquals(7, rows(second).size(), "only the followers added since run 1");
    assertEquals(2, lastCursor(second).run());
    assertEquals(2, sim.stats().jobsCreatedFor("u-rec"));
  }

  @Test
  void aRecurringRunWhoseSubmitFailsIsRetriedUnderTheSameRunAndKey() {
    JobRunner runner = new JobRunner(spec(RECURRING), null, ctx);
    SourceCursor done = lastCursor(runUntil(runner, JobRunner.Phase.WAIT));
    clock.advance(Duration.ofHours(1));
    // Run 2's submit fails transiently (the client gives up at once here).
    sim.setFaults(Faults.builder().error503(1.0).seed(1).build());
    try (IgScraperClient noRetries =
        new IgScraperClient(
            ClientSettings.builder()
                .baseUrl(sim.baseUrl())
                .apiKey(key)
                .maxRetries(0)
                .rateLimits(new RateLimits(100_000, 1_000_000, 100_000, 1000, 10_000))
                .build())) {
      JobRunner failing = new JobRunner(spec(RECURRING), done, withClient(noRetries));
      assertEquals(List.of(), failing.step());
      assertEquals(JobRunner.Phase.SUBMIT, failing.phase());
      assertEquals(2, failing.run());
      sim.setFaults(Faults.none());
      clock.advance(Duration.between(clock.instant(), failing.nextDue()));
      List<SourceRecord> records = runUntil(failing, JobRunner.Phase.POLL);
      records.addAll(runUntil(failing, JobRunner.Phase.WAIT));
      assertEquals(2, lastCursor(records).run());
    }
    assertEquals(2, sim.stats().jobsCreatedFor("u-rec"), "one job per run, no run number skipped");
  }

  private RunnerContext withClient(IgScraperClient other) {
    return new RunnerContext(
        ctx.connectorName(),
        other,
        ctx.clock(),
        ctx.records(),
        ctx.metrics(),
        ctx.pageSize(),
        ctx.pollSchedule(),
        ctx.jobTimeout(),
        ctx.retryBackoffMin(),
        ctx.giveUpAfter(),
        ctx.failurePolicy());
  }

  @Test
  void afterLongDowntimeItRunsOnceNotOncePerMissedPeriod() {
    JobRunner runner = new JobRunner(spec(RECURRING), null, ctx);
    SourceCursor done = lastCursor(runUntil(runner, JobRunner.Phase.WAIT));

    clock.advance(Duration.ofHours(5));
    JobRunner restarted = new JobRunner(spec(RECURRING), done, ctx);
    assertEquals(JobRunner.Phase.WAIT, restarted.phase());
    assertEquals(clock.instant(), restarted.nextDue(), "one catch-up run at once");
    List<SourceRecord> catchUp = runUntil(restarted, JobRunner.Phase.POLL);
    catchUp.addAll(runUntil(restarted, JobRunner.Phase.WAIT));
    SourceCursor afterCatchUp = lastCursor(catchUp);
    assertEquals(2, afterCatchUp.run());
    assertEquals(
        Instant.ofEpochMilli(afterCatchUp.startedAt()).plus(Duration.ofHours(1)),
        restarted.nextDue(),
        "the next run is one period after the catch-up run, not after the missed ones");
    assertEquals(2, sim.stats().jobsCreatedFor("u-rec"));
  }

  @Test
  void aRestartBeforeTheRunsFirstRecordGetsTheSameJobBack() {
    JobSpec spec = spec(RECURRING);
    JobRunner runner = new JobRunner(spec, null, ctx);
    SourceCursor done = lastCursor(runUntil(runner, JobRunner.Phase.WAIT));
    clock.advance(Duration.ofHours(1));
    runner.step(); // run 2 submitted; imagine the task dies before anything is committed
    JobRunner restarted = new JobRunner(spec, done, ctx);
    List<SourceRecord> records = runUntil(restarted, JobRunner.Phase.POLL);
    records.addAll(runUntil(restarted, JobRunner.Phase.WAIT));
    assertEquals(2, lastCursor(records).run());
    assertEquals(2, sim.stats().jobsCreatedFor("u-rec"), "run 2 was replayed, not resubmitted");
    assertTrue(sim.stats().replays() >= 1);
  }

  @Test
  void resumesMidPageAtTheExactRow() {
    JobSpec spec =
        spec(
            "{\"name\":\"once\",\"external_user_id\":\"u-once\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"esa\"],\"max_followers\":300}}");
    JobRunner runner = new JobRunner(spec, null, ctx);
    List<SourceRecord> all = runUntil(runner, JobRunner.Phase.DONE);
    assertEquals(300, rows(all).size());
    // Resume from the offset of row 137 (page 2, row 37): exactly the rows after it come again.
    SourceRecord resumeFrom = rows(all).get(136);
    @SuppressWarnings("unchecked")
    SourceCursor cursor =
        SourceCursor.fromMap((java.util.Map<String, Object>) resumeFrom.sourceOffset());
    assertEquals(2, cursor.page());
    assertEquals(37, cursor.row());
    List<SourceRecord> again =
        rows(runUntil(new JobRunner(spec, cursor, ctx), JobRunner.Phase.DONE));
    assertEquals(
        rows(all).subList(137, 300).stream().map(SourceRecord::key).toList(),
        again.stream().map(SourceRecord::key).toList());
    assertEquals(1, sim.stats().jobsCreatedFor("u-once"));
  }

  @Test
  void retroactiveEnrichmentReemitsTheSameKeysWithTheNewColumns() {
    JobSpec spec =
        spec(
            "{\"name\":\"enrich-me\",\"external_user_id\":\"u-enr\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":120}}");
    JobRunner runner = new JobRunner(spec, null, ctx);
    List<SourceRecord> before = rows(runUntil(runner, JobRunner.Phase.DONE));
    assertNull(((Struct) before.get(0).value()).get("country"));

    runner.requestEnrichment(new JobRunner.EnrichRequest("control:0:5", new Addons(false, true)));
    List<SourceRecord> records = runUntil(runner, JobRunner.Phase.DONE);
    List<SourceRecord> after = rows(records);
    assertEquals(
        before.stream().map(SourceRecord::key).toList(),
        after.stream().map(SourceRecord::key).toList());
    assertNotNull(((Struct) after.get(0).value()).get("country"));
    assertEquals(before.get(0).valueSchema(), after.get(0).valueSchema(), "schema unchanged");
    assertTrue(events(records).containsAll(List.of("ENRICHMENT_STARTED", "ENRICHMENT_COMPLETED")));
    assertEquals("control:0:5", lastCursor(records).enrichRequest());

    // The same request again (a restart re-reads the compacted topic) does nothing.
    runner.requestEnrichment(new JobRunner.EnrichRequest("control:0:5", new Addons(false, true)));
    assertEquals(JobRunner.Phase.DONE, runner.phase());
  }

  @Test
  void noAddonSelectedIsRejectedAndTheSpecStaysDone() {
    JobSpec spec =
        spec(
            "{\"name\":\"no-addon\",\"external_user_id\":\"u-na\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":10}}");
    JobRunner runner = new JobRunner(spec, null, ctx);
    runUntil(runner, JobRunner.Phase.DONE);
    runner.requestEnrichment(new JobRunner.EnrichRequest("control:0:9", new Addons(false, false)));
    assertEquals(JobRunner.Phase.ENRICH, runner.phase());
    List<SourceRecord> records = runner.step();
    assertEquals(List.of("REJECTED"), events(records));
    assertEquals(JobRunner.Phase.DONE, runner.phase());
  }

  @Test
  void aChangedSpecFinishesTheJobInFlightThenStartsANewRun() {
    JobSpec v1 =
        spec(
            "{\"name\":\"changing\",\"external_user_id\":\"u-chg\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":50}}");
    JobSpec v2 =
        spec(
            "{\"name\":\"changing\",\"external_user_id\":\"u-chg\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\",\"esa\"],\"max_followers\":50}}");
    JobRunner runner = new JobRunner(v1, null, ctx);
    runner.step(); // submitted run 1
    runner.update(v2);
    List<SourceRecord> records = runUntil(runner, JobRunner.Phase.SUBMIT);
    assertEquals(50, rows(records).size(), "run 1's rows are not abandoned");
    records = runUntil(runner, JobRunner.Phase.DONE);
    Set<String> sources = new HashSet<>();
    rows(records).forEach(r -> sources.add(((Struct) r.key()).getString("source")));
    assertEquals(Set.of("esa"), sources, "run 2: nasa's rows were delivered by run 1 (dedup)");
    assertEquals(2, sim.stats().jobsCreatedFor("u-chg"));
  }
}
