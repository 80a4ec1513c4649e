package co.igscraper.kafka.connect.source;

import static co.igscraper.kafka.connect.source.ScriptedApiRun.GIVE_UP;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.TOTAL;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.good;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.results;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.config.IgScraperSourceConfig.StallPolicy;
import co.igscraper.kafka.connect.source.HostileServer.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The spec table: a status record whenever a spec's state changes, with totals that survive a
 * restart because they ride in the offsets beside the run record. Manual clock, scripted API.
 */
class SpecTableTest {
  private static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
  private final ScriptedApiRun api = new ScriptedApiRun();

  @AfterEach
  void close() {
    api.close();
  }

  private List<SourceRecord> drive(JobRunner runner, int maxSteps) {
    return api.drive(runner, maxSteps, r -> {});
  }

  private static List<Struct> table(List<SourceRecord> records) {
    return records.stream()
        .filter(r -> r.topic().equals("status"))
        .map(r -> (Struct) r.value())
        .toList();
  }

  private static Struct last(List<SourceRecord> records) {
    List<Struct> rows = table(records);
    return rows.get(rows.size() - 1);
  }

  @Test
  void aRunWritesARowOnEveryChangeAndEndsDoneWithItsRowsAndCredits() throws Exception {
    api.statusTopic = Optional.of("status");
    JobRunner runner = api.runner(ScriptedApiRun::good);
    List<SourceRecord> out = drive(runner, 100);

    List<Struct> rows = table(out);
    assertEquals(
        List.of("poll", "fetch", "done"),
        rows.stream().map(s -> s.getString("phase")).distinct().toList(),
        "one row per change of phase (and per page while paging)");
    for (int i = 1; i < rows.size(); i++) {
      Struct a = rows.get(i - 1);
      Struct b = rows.get(i);
      assertFalse(
          a.getString("phase").equals(b.getString("phase"))
              && a.getInt64("rows_emitted_total").equals(b.getInt64("rows_emitted_total"))
              && java.util.Objects.equals(a.getString("job_status"), b.getString("job_status")),
          "no row without a change");
    }
    Struct done = last(out);
    assertEquals("done", done.getString("phase"));
    assertEquals(1L, done.getInt64("run"));
    assertEquals(ScriptedApiRun.JOB, done.getString("job_id"));
    assertEquals("COMPLETED", done.getString("job_status"));
    assertEquals((long) TOTAL, done.getInt64("rows_emitted_run"));
    assertEquals((long) TOTAL, done.getInt64("rows_emitted_total"));
    assertEquals(0, new BigDecimal("125").compareTo((BigDecimal) done.get("credits_spent")));
    assertFalse(done.getBoolean("stalled"));
    assertNull(done.getString("last_error"));
    SourceRecord status =
        out.stream().filter(r -> r.topic().equals("status")).findFirst().orElseThrow();
    assertNull(status.sourceOffset(), "the table reports; the offsets decide");
    assertEquals("hostile", ((Struct) status.key()).getString("connector"));
  }

  @Test
  void theTotalsRideInTheOffsetsSoARestartKeepsCounting() throws Exception {
    api.statusTopic = Optional.of("status");
    JobRunner first = api.runner(ScriptedApiRun::good);
    List<SourceRecord> out = drive(first, 100);
    SourceRecord lastRow =
        out.stream().filter(r -> r.topic().equals("rows")).reduce((a, b) -> b).orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> stored = (Map<String, Object>) lastRow.sourceOffset();
    SpecLedger totals = SpecLedger.from(stored);
    assertEquals(new SpecLedger(TOTAL, TOTAL, new BigDecimal("125"), null, 0, false), totals);
    // The same spec changed after a restart: a new run counts on from the stored totals.
    var changed =
        co.igscraper.kafka.connect.config.JobSpecParser.parse(
                "[{\"name\":\"hostile\",\"external_user_id\":\"u1\",\"tool_type\":\"followers\","
                    + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":"
                    + (TOTAL - 1)
                    + "}}]")
            .specs()
            .get(0);
    // Unchanged after a restart, the done spec steps no more: its row is written once at start.
    JobRunner restarted =
        new JobRunner(
            ScriptedApiRun.spec(),
            SourceCursor.fromStored(stored),
            totals,
            api.context(ScriptedApiRun::good));
    Struct atStart = last(restarted.tableRow());
    assertEquals("done", atStart.getString("phase"));
    assertEquals((long) TOTAL, atStart.getInt64("rows_emitted_total"));
    assertEquals(List.of(), restarted.tableRow(), "written once");
    JobRunner again =
        new JobRunner(
            changed, SourceCursor.fromStored(stored), totals, api.context(ScriptedApiRun::good));
    Struct done = last(drive(again, 100));
    assertEquals(2L, done.getInt64("run"));
    assertEquals((long) TOTAL, done.getInt64("rows_emitted_run"));
    assertEquals(2L * TOTAL, done.getInt64("rows_emitted_total"));
    assertEquals(0, new BigDecimal("250").compareTo((BigDecimal) done.get("credits_spent")));
  }

  @Test
  void aStallShowsSinceWhenAndWhyAndClearsOnRecovery() throws Exception {
    api.statusTopic = Optional.of("status");
    api.stallPolicy = StallPolicy.KEEP_RETRYING;
    Duration outage = GIVE_UP.plusMinutes(8);
    JobRunner runner =
        api.runner(
            r ->
                results(r, 2) && api.clock.instant().isBefore(START.plus(outage))
                    ? Response.json(
                        503, "{\"error\":{\"code\":\"UNAVAILABLE\",\"message\":\"down\"}}")
                    : good(r));
    List<Struct> rows = table(drive(runner, 500));
    Struct stalled = rows.stream().filter(s -> s.getBoolean("stalled")).findFirst().orElseThrow();
    assertEquals("fetch", stalled.getString("phase"));
    assertNotNull(stalled.get("stalled_since"));
    assertTrue(
        ((java.util.Date) stalled.get("stalled_since")).toInstant().isBefore(START.plus(GIVE_UP)),
        "since the first failure");
    assertTrue(stalled.getString("last_error").contains("HTTP 503"), stalled.toString());
    assertTrue(rows.size() <= 12, "a retry failing the same way writes no row: " + rows.size());
    Struct done = rows.get(rows.size() - 1);
    assertEquals("done", done.getString("phase"));
    assertFalse(done.getBoolean("stalled"));
    assertNull(done.get("stalled_since"));
    assertTrue(done.getString("last_error").contains("HTTP 503"), "the last error stays shown");
    assertEquals((long) TOTAL, done.getInt64("rows_emitted_total"));
  }

  @Test
  void aOneOffSpecThatFailedIsStillStoppedWithItsErrorAfterARestart() throws Exception {
    api.statusTopic = Optional.of("status");
    JobRunner runner =
        api.runner(
            r ->
                r.path().equals("/jobs/" + ScriptedApiRun.JOB)
                    ? Response.json(200, ScriptedApiRun.job("FAILED"))
                    : good(r));
    List<SourceRecord> out = drive(runner, 100);
    Struct before = last(out);
    assertEquals("stopped", before.getString("phase"));
    assertNotNull(before.getString("last_error"));
    SourceRecord stopEvent =
        out.stream().filter(r -> r.topic().equals("events")).reduce((a, b) -> b).orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> stored = (Map<String, Object>) stopEvent.sourceOffset();
    JobRunner restarted =
        new JobRunner(
            ScriptedApiRun.spec(),
            SourceCursor.fromStored(stored),
            SpecLedger.from(stored),
            api.context(ScriptedApiRun::good));
    assertEquals(JobRunner.Phase.DONE, restarted.phase(), "nothing more to do for the runner");
    Struct after = last(restarted.tableRow());
    assertEquals("stopped", after.getString("phase"), "but stopped to the user, as before");
    assertEquals(before.getString("last_error"), after.getString("last_error"));
    assertEquals(before.get("last_error_at"), after.get("last_error_at"));
  }

  @Test
  void aRemovedSpecLeavesTheTableWithATombstone() throws Exception {
    api.statusTopic = Optional.of("status");
    JobRunner runner = api.runner(ScriptedApiRun::good);
    drive(runner, 100);
    List<SourceRecord> removed = runner.releaseNow("the spec was removed", 9);
    SourceRecord tombstone =
        removed.stream().filter(r -> r.topic().equals("status")).findFirst().orElseThrow();
    assertNull(tombstone.value());
    assertEquals("hostile", ((Struct) tombstone.key()).getString("spec_name"));
  }

  @Test
  void withoutAStatusTopicNoRowIsWritten() throws Exception {
    JobRunner runner = api.runner(ScriptedApiRun::good);
    assertEquals(List.of(), table(drive(runner, 100)));
  }
}
