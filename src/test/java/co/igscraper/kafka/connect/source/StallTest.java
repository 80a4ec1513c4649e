package co.igscraper.kafka.connect.source;

import static co.igscraper.kafka.connect.source.ScriptedApiRun.GIVE_UP;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.TOTAL;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.good;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.ids;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.results;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.config.IgScraperSourceConfig.StallPolicy;
import co.igscraper.kafka.connect.source.HostileServer.Request;
import co.igscraper.kafka.connect.source.HostileServer.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default stall policy: an outage longer than the stall bound is reported once (STALLED, the
 * specs-stalled count) while the spec keeps trying with capped backoff, and heals by itself
 * (RECOVERED, every row, one job). Manual clock; the outage is scripted in API time.
 */
class StallTest {
  private static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
  private final ScriptedApiRun api = new ScriptedApiRun();

  @AfterEach
  void close() {
    api.close();
  }

  /** The API answers page 2 with {@code status} until {@code outage} has passed. */
  private Function<Request, Response> outage(int status, Duration outage) {
    return r ->
        results(r, 2) && api.clock.instant().isBefore(START.plus(outage))
            ? Response.json(
                status, "{\"error\":{\"code\":\"UNAVAILABLE\",\"message\":\"maintenance\"}}")
            : good(r);
  }

  private record Stepped(List<SourceRecord> records, List<Instant> stalledAt, JobRunner runner) {
    List<String> events() {
      return records.stream()
          .filter(r -> r.topic().equals("events"))
          .map(r -> ((Struct) r.value()).getString("event_type"))
          .toList();
    }

    String message(String type) {
      return records.stream()
          .filter(r -> r.topic().equals("events"))
          .map(r -> (Struct) r.value())
          .filter(v -> v.getString("event_type").equals(type))
          .map(v -> v.getString("message"))
          .findFirst()
          .orElse(null);
    }
  }

  /** Steps the runner to rest (no FatalTaskException may escape), noting when it was stalled. */
  private Stepped step(Function<Request, Response> script) throws Exception {
    api.stallPolicy = StallPolicy.KEEP_RETRYING;
    JobRunner runner = api.runner(script);
    List<Instant> stalledAt = new ArrayList<>();
    List<SourceRecord> out =
        api.drive(
            runner,
            2_000,
            r -> {
              if (r.stalled()) {
                stalledAt.add(api.clock.instant());
              }
            });
    assertFalse(runner.isActive(), "the runner came to rest");
    return new Stepped(out, stalledAt, runner);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {503, 502, 429})
  void anOutageLongerThanTheBoundIsReportedOnceAndHealsWithEveryRowAndOneJob(int status)
      throws Exception {
    Duration outage = GIVE_UP.multipliedBy(2).plusMinutes(3);
    Stepped s = step(outage(status, outage));

    assertEquals(
        ids(0, TOTAL),
        s.records().stream()
            .filter(r -> r.topic().equals("rows"))
            .map(r -> ((Struct) r.key()).getString("user_id"))
            .toList(),
        "every row, once, in order");
    assertEquals(1, api.server.requests("/jobs"), "one submit: no second job for the run");
    assertEquals(1, s.events().stream().filter("STALLED"::equals).count(), s.events().toString());
    assertEquals(1, s.events().stream().filter("RECOVERED"::equals).count(), s.events().toString());
    assertTrue(
        s.events().indexOf("STALLED") < s.events().indexOf("RECOVERED"), s.events().toString());
    assertEquals(JobRunner.Phase.DONE, s.runner().phase(), "the run finished");
    String stalled = s.message("STALLED");
    assertTrue(
        stalled.contains("no progress for")
            && stalled.contains("still trying, at least every 300 s"),
        stalled);
    assertTrue(stalled.contains("HTTP " + status), stalled);
    // Stalled from just past the bound until the API answered again, and no longer.
    Instant first = s.stalledAt().get(0);
    assertTrue(!first.isBefore(START.plus(GIVE_UP)), "not before the bound: " + first);
    assertTrue(first.isBefore(START.plus(GIVE_UP).plus(Backoff.MAX)), "on time: " + first);
    Instant last = s.stalledAt().get(s.stalledAt().size() - 1);
    assertTrue(last.isBefore(START.plus(outage).plus(Backoff.MAX)), "tries at least every 5 min");
    for (int i = 1; i < s.stalledAt().size(); i++) {
      Duration gap = Duration.between(s.stalledAt().get(i - 1), s.stalledAt().get(i));
      assertTrue(gap.compareTo(Backoff.MAX) <= 0, "a try at least every 5 min, got " + gap);
    }
    assertTrue(s.stalledAt().size() >= 3, "several tries while stalled: " + s.stalledAt());
    assertFalse(s.runner().stalled());
  }

  @Test
  void anOutageShorterThanTheBoundIsNoStall() throws Exception {
    Stepped s = step(outage(503, GIVE_UP.minusMinutes(2)));
    assertEquals(List.of(), s.stalledAt());
    assertFalse(
        s.events().contains("STALLED") || s.events().contains("RECOVERED"), s.events().toString());
    assertEquals(JobRunner.Phase.DONE, s.runner().phase(), "the run finished");
    assertEquals(TOTAL, s.records().stream().filter(r -> r.topic().equals("rows")).count());
  }

  @Test
  void aStallThatEndsInAStopClearsWithoutARecovered() throws Exception {
    Duration outage = GIVE_UP.plusMinutes(7);
    // Page 2 answers 503 through the outage, then 404: the job vanished, the spec stops.
    Stepped s =
        step(
            r ->
                results(r, 2)
                    ? api.clock.instant().isBefore(START.plus(outage))
                        ? Response.json(503, "{\"error\":{\"code\":\"UNAVAILABLE\"}}")
                        : Response.json(404, "{\"error\":{\"code\":\"NOT_FOUND\"}}")
                    : good(r));
    assertEquals(JobRunner.Phase.STOPPED, s.runner().phase());
    assertFalse(s.runner().stalled(), "a stopped spec is not stalled: specs-stalled drops");
    assertTrue(s.events().contains("STALLED") && s.events().contains("REJECTED"), s.events() + "");
    assertFalse(s.events().contains("RECOVERED"), s.events().toString());
  }

  @Test
  void aStalledSpecThatIsRemovedReleasesWithNothingAfterTheRelease() throws Exception {
    api.stallPolicy = StallPolicy.KEEP_RETRYING;
    JobRunner runner =
        api.runner(
            r ->
                results(r, 2)
                    ? Response.json(503, "{\"error\":{\"code\":\"UNAVAILABLE\"}}")
                    : good(r));
    for (int i = 0; i < 500 && !runner.stalled(); i++) {
      Duration wait = Duration.between(api.clock.instant(), runner.nextDue());
      if (wait.compareTo(Duration.ZERO) > 0) {
        api.clock.advance(wait);
      }
      runner.step();
    }
    assertTrue(runner.stalled(), "stalled in FETCH");
    List<SourceRecord> released = runner.releaseNow("the spec was removed", 42);
    assertEquals(
        List.of("HANDED_OVER"),
        released.stream().map(r -> ((Struct) r.value()).getString("event_type")).toList());
    assertFalse(runner.stalled());
    assertEquals(List.of(), runner.step(), "nothing after the released record");
  }

  @Test
  void aRefusedKeyStillFailsTheTask() throws Exception {
    api.stallPolicy = StallPolicy.KEEP_RETRYING;
    ScriptedApiRun.Outcome o =
        api.run(
            r ->
                results(r, 2)
                    ? Response.json(
                        401, "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"bad key\"}}")
                    : good(r));
    assertTrue(o.failure() != null && o.failure().getMessage().contains("HTTP 401"));
  }

  @Test
  void withFailTaskTheBoundFailsTheTaskAsBefore() throws Exception {
    api.stallPolicy = StallPolicy.FAIL_TASK;
    ScriptedApiRun.Outcome o = api.run(outage(503, GIVE_UP.multipliedBy(3)));
    assertTrue(o.failure() != null, "fails past the bound");
    assertTrue(o.failure().getMessage().contains("made no progress"), o.failure().getMessage());
    assertFalse(o.events().contains("STALLED"), o.events().toString());
  }
}
