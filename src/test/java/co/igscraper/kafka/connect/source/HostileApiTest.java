package co.igscraper.kafka.connect.source;

import static co.igscraper.kafka.connect.source.ScriptedApiRun.GIVE_UP;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.JOB;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.JOB_TIMEOUT;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.LIMIT;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.TOTAL;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.assertFirstPageIntact;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.good;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.ids;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.job;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.page;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.results;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.row;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.ContractDrift;
import co.igscraper.kafka.connect.source.HostileServer.Request;
import co.igscraper.kafka.connect.source.HostileServer.Response;
import co.igscraper.kafka.connect.source.ScriptedApiRun.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile API answers, one per test: each gives a clear error or a documented
 * recovery, keeps every row already emitted, and never spins (the request count is bounded).
 */
class HostileApiTest {
  private final ScriptedApiRun api = new ScriptedApiRun();

  @AfterEach
  void stop() {
    api.close();
  }

  // ---- the cases ----

  @Test
  void wellBehavedApiDeliversEveryRowOnce() throws Exception {
    Outcome o = api.run(ScriptedApiRun::good);
    assertEquals(ids(0, TOTAL), o.rowIds());
    assertEquals(JobRunner.Phase.DONE, o.runner().phase());
    assertEquals(5, o.requests(), "submit, poll, three pages");
  }

  @Test
  void htmlErrorPageIsRetriedThenFailsTheTaskNamingTheSpecAndTheBody() throws Exception {
    Outcome o =
        api.run(
            r ->
                results(r, 2)
                    ? Response.json(
                        502,
                        "<html><body><h1>502 Bad Gateway</h1></body></html>",
                        "Content-Type",
                        "text/html")
                    : good(r));
    assertNotNull(o.failure(), "gives up after igscraper.retry.give.up.after.ms");
    String message = o.failure().getMessage();
    assertTrue(message.contains("Spec 'hostile' made no progress"), message);
    assertTrue(message.contains("malformed response (HTTP 502)"), message);
    assertTrue(message.contains("502 Bad Gateway"), message);
    assertFirstPageIntact(o);
    assertTrue(o.requests() < 100, "bounded: " + o.requests());
    assertTrue(api.metrics.runnerRetries() > 0 && api.client.metrics().retries() > 0);
  }

  @Test
  void htmlWithStatus200IsTreatedAsATransientMalformedResponse() throws Exception {
    Outcome o =
        api.run(
            r ->
                results(r, 2) && r.n() < 4
                    ? Response.json(
                        200, "<!DOCTYPE html><html>maintenance</html>", "Content-Type", "text/html")
                    : good(r));
    assertNull(o.failure());
    assertEquals(ids(0, TOTAL), o.rowIds(), "recovered once the API answered JSON again");
    assertEquals(1, api.metrics.runnerRetries(), "three attempts per call, then one runner retry");
  }

  @Test
  void truncatedJsonIsRetriedAndNoRowIsLostOrDuplicated() throws Exception {
    Outcome o =
        api.run(
            r -> {
              if (results(r, 1) && r.n() == 0) {
                String full = page(1, LIMIT, TOTAL, null, null);
                return Response.json(200, full.substring(0, full.length() / 2));
              }
              return good(r);
            });
    assertNull(o.failure());
    assertEquals(ids(0, TOTAL), o.rowIds());
    assertEquals(1, api.client.metrics().retries());
  }

  @Test
  void wrongTypesInInformationalFieldsAreToleratedAndCounted() throws Exception {
    Outcome o =
        api.run(
            r ->
                results(r, 2)
                    ? Response.json(
                        200,
                        page(2, LIMIT, TOTAL, null, null).replace("\"page\":2", "\"page\":\"two\""))
                    : good(r));
    assertNull(o.failure());
    assertEquals(ids(0, TOTAL), o.rowIds(), "every row, once");
    assertEquals(0, api.client.metrics().retries(), "nothing was retried for it");
    assertEquals(
        1L,
        api.client.metrics().drift().count(new ContractDrift.Key("results", "pagination.page")));
  }

  @Test
  void dataThatIsNotAnArrayOfObjectsIsMalformed() throws Exception {
    Outcome o =
        api.run(
            r ->
                results(r, 1) && r.n() == 0
                    ? Response.json(
                        200, results(1, LIMIT, TOTAL, List.of("1", "\"x\""), null, null))
                    : good(r));
    assertNull(o.failure());
    assertEquals(ids(0, TOTAL), o.rowIds(), "retried, then read normally");
  }

  @Test
  void columnsThatDisagreeWithTheRowsAreMappedByRowKeys() throws Exception {
    Outcome o =
        api.run(
            r -> {
              if (results(r, 1)) {
                String body =
                    page(1, LIMIT, TOTAL, null, null)
                        .replace("\"full_name\":\"N 3\",", "\"surprise\":\"!\",")
                        .replace("\"columns\":[\"source\",", "\"columns\":[\"bogus\",\"source\",");
                return Response.json(200, body);
              }
              return good(r);
            });
    assertNull(o.failure());
    assertEquals(ids(0, TOTAL), o.rowIds());
    Struct row3 =
        (Struct) o.records().stream().filter(r -> r.topic().equals("rows")).toList().get(3).value();
    assertNull(row3.get("full_name"), "an absent column is null");
    @SuppressWarnings("unchecked")
    Map<String, String> extra = (Map<String, String>) row3.get("extra_columns");
    assertEquals("!", extra.get("surprise"), "an unknown key is kept in extra_columns");
  }

  @Test
  void aPageWithMoreRowsThanTheLimitIsEmittedWhole() throws Exception {
    Outcome o =
        api.run(
            r ->
                results(r, 1)
                    ? Response.json(
                        200,
                        page(1, TOTAL, TOTAL, false, 1).replace("\"limit\":25", "\"limit\":10"))
                    : good(r));
    assertNull(o.failure());
    assertEquals(ids(0, TOTAL), o.rowIds(), "no row dropped");
    assertEquals(JobRunner.Phase.DONE, o.runner().phase());
    assertEquals(3, o.requests());
  }

  @Test
  void hasNextWinsOverATotalPagesThatLies() throws Exception {
    // total_pages says 1 on every page, has_next tells the truth: all three pages are read.
    Outcome o =
        api.run(
            r ->
                r.path().endsWith("/results")
                    ? Response.json(200, page(r.page(), r.limit(), TOTAL, null, 1))
                    : good(r));
    assertEquals(ids(0, TOTAL), o.rowIds());
    // total_pages says 99 but has_next is false on page 1: the job ends there, no probing.
    stop();
    Outcome lying =
        api.run(
            r ->
                r.path().endsWith("/results")
                    ? Response.json(200, page(r.page(), r.limit(), TOTAL, false, 99))
                    : good(r));
    assertEquals(ids(0, LIMIT), lying.rowIds());
    assertEquals(JobRunner.Phase.DONE, lying.runner().phase());
    assertEquals(3, lying.requests());
  }

  @Test
  void hasNextWithEmptyDataEndsTheJobInsteadOfSpinning() throws Exception {
    Outcome o =
        api.run(
            r ->
                results(r, 2)
                    ? Response.json(200, results(2, LIMIT, TOTAL, List.of(), true, 3))
                    : good(r));
    assertNull(o.failure());
    assertFirstPageIntact(o);
    assertEquals(JobRunner.Phase.DONE, o.runner().phase());
    assertEquals(4, o.requests(), "no page after the empty one");
  }

  @Test
  void aCompletedJobWhoseResultsGoBackToNotReadyTimesOutWithoutSpinning() throws Exception {
    Outcome o =
        api.run(
            r ->
                results(r, 2)
                    ? Response.json(
                        409,
                        "{\"error\":{\"code\":\"JOB_NOT_COMPLETED\",\"message\":\"Job is PROCESSING.\"}}")
                    : good(r));
    assertNull(o.failure());
    assertEquals(JobRunner.Phase.STOPPED, o.runner().phase());
    assertEquals("TIMED_OUT", o.events().get(o.events().size() - 1));
    assertTrue(o.lastEventMessage().contains("still not ready (HTTP 409)"), o.lastEventMessage());
    assertFirstPageIntact(o);
    long bound = JOB_TIMEOUT.dividedBy(Duration.ofSeconds(2)) + 10;
    assertTrue(o.requests() <= bound, "one results call per min poll interval: " + o.requests());
    assertEquals(1, api.metrics.jobsFailed());
  }

  @Test
  void aJobThatVanishesMidPagingStopsTheSpecSayingSo() throws Exception {
    Outcome o =
        api.run(
            r ->
                results(r, 2)
                    ? Response.json(
                        404,
                        "{\"error\":{\"code\":\"JOB_NOT_FOUND\",\"message\":\"Job not found.\"}}")
                    : good(r));
    assertNull(o.failure());
    assertEquals(JobRunner.Phase.STOPPED, o.runner().phase(), "stopped, not silently done");
    assertEquals("REJECTED", o.events().get(o.events().size() - 1));
    String message = o.lastEventMessage();
    assertTrue(
        message.contains("job " + JOB + " vanished (HTTP 404) while reading page 2"), message);
    assertFirstPageIntact(o);
    assertEquals(1, api.server.requests("/results") - 1, "the 404 is not retried");
    assertEquals(0, api.metrics.jobsRunning());
  }

  @Test
  void status200WithAnErrorBodyQuotesTheErrorAndGivesUpInTime() throws Exception {
    Outcome o =
        api.run(
            r ->
                results(r, 2)
                    ? Response.json(
                        200, "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"db down\"}}")
                    : good(r));
    assertNotNull(o.failure());
    assertTrue(
        o.failure().getMessage().contains("(error body: db down)"), o.failure().getMessage());
    assertFirstPageIntact(o);
    assertTrue(o.requests() < 100, "bounded: " + o.requests());
  }

  @Test
  void garbageBytesAreRetriedAndTheRunRecovers() throws Exception {
    byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28, (byte) 0xa0, 0x7b};
    Outcome o = api.run(r -> results(r, 3) && r.n() < 2 ? Response.raw(200, garbage) : good(r));
    assertNull(o.failure());
    assertEquals(ids(0, TOTAL), o.rowIds());
  }

  @Test
  void invalidUtf8InsideAValueIsReplacedNotFatal() throws Exception {
    Outcome o =
        api.run(
            r -> {
              if (results(r, 1)) {
                byte[] body = page(1, LIMIT, TOTAL, null, null).getBytes(StandardCharsets.UTF_8);
                String s = new String(body, StandardCharsets.ISO_8859_1);
                int at = s.indexOf("N 0");
                body[at] = (byte) 0xff; // "N 0" becomes "\uFFFD 0"
                return Response.raw(200, body);
              }
              return good(r);
            });
    assertEquals(ids(0, TOTAL), o.rowIds());
    Struct first =
        (Struct)
            o.records().stream().filter(r -> r.topic().equals("rows")).findFirst().get().value();
    assertEquals("\uFFFD 0", first.getString("full_name"));
  }

  @Test
  void rowsThatChangeBetweenReadsAreTakenPositionallyOnResume() throws Exception {
    Outcome first = api.run(ScriptedApiRun::good);
    SourceRecord sixth =
        first.records().stream().filter(r -> r.topic().equals("rows")).toList().get(5);
    @SuppressWarnings("unchecked")
    SourceCursor resumeAt = SourceCursor.fromMap((Map<String, Object>) sixth.sourceOffset());
    // Page 1 now holds other rows (ids shifted by 100): the resume takes rows 6.. of what is there.
    api.server.script(
        r ->
            results(r, 1)
                ? Response.json(
                    200,
                    results(
                        1,
                        LIMIT,
                        TOTAL,
                        ids(100, 110).stream().map(i -> row(Integer.parseInt(i))).toList(),
                        null,
                        null))
                : good(r));
    Outcome resumed = api.run(new JobRunner(spec(), resumeAt, api.ctxOf()));
    List<String> expected = new ArrayList<>(ids(106, 110));
    expected.addAll(ids(LIMIT, TOTAL));
    assertEquals(expected, resumed.rowIds());
    assertEquals(ids(0, 6), first.rowIds().subList(0, 6), "what was delivered stays delivered");
  }

  @Test
  void anUnknownJobStatusIsPolledUntilTheJobTimeout() throws Exception {
    Outcome o =
        api.run(
            r -> r.path().equals("/jobs/" + JOB) ? Response.json(200, job("ARCHIVED")) : good(r));
    assertEquals(JobRunner.Phase.STOPPED, o.runner().phase());
    assertEquals("TIMED_OUT", o.events().get(o.events().size() - 1));
    assertTrue(o.lastEventMessage().contains("still UNKNOWN"), o.lastEventMessage());
    assertTrue(o.requests() < 100, "bounded: " + o.requests());
  }

  @Test
  void aSubmitAnswerWithoutJobIdIsRetriedUnderTheSameIdempotencyKey() throws Exception {
    Outcome o =
        api.run(
            r ->
                r.method().equals("POST") && r.n() == 0
                    ? Response.json(201, "{\"status\":\"QUEUED\"}")
                    : good(r));
    assertEquals(ids(0, TOTAL), o.rowIds());
    List<String> keys =
        api.server.received.stream()
            .filter(r -> r.method().equals("POST"))
            .map(Request::idempotencyKey)
            .collect(Collectors.toList());
    assertEquals(2, keys.size());
    assertEquals(keys.get(0), keys.get(1), "the retry cannot create a second job");
  }

  @Test
  void aHugeRetryAfterDoesNotParkTheSpecBeyondItsGiveUpBound() throws Exception {
    Outcome o =
        api.run(
            r ->
                results(r, 2)
                    ? Response.json(
                        429,
                        "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\"}}",
                        "Retry-After",
                        "999999")
                    : good(r));
    assertNotNull(o.failure(), "fails the task instead of sleeping for 11 days while RUNNING");
    assertTrue(o.failure().getMessage().contains("HTTP 429"), o.failure().getMessage());
    assertTrue(
        !api.clock
            .instant()
            .isAfter(Instant.parse("2026-11-29T08:00:00Z").plus(GIVE_UP).plusSeconds(60)),
        "failed within the give-up bound, at " + api.clock.instant());
    assertFirstPageIntact(o);
  }
}
