package co.igscraper.kafka.connect.source;

import static co.igscraper.kafka.connect.source.ScriptedApiRun.JOB;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.LIMIT;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.TOTAL;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.good;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.ids;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.page;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.results;
import static co.igscraper.kafka.connect.source.ScriptedApiRun.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.source.HostileServer.Request;
import co.igscraper.kafka.connect.source.HostileServer.Response;
import co.igscraper.kafka.connect.source.ScriptedApiRun.Outcome;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner against APIs that read the docs differently from our simulator: informational fields
 * in other shapes, pagination without has_next, a server that ignores {@code page}, bodies beyond
 * the cap, fractional credits. Each keeps every row already emitted and stays bounded.
 */
class ApiDriftRunnerTest {
  private final ScriptedApiRun api = new ScriptedApiRun();

  @AfterEach
  void stop() {
    api.close();
  }

  private static Struct lastEvent(Outcome o, String type) {
    Struct found = null;
    for (SourceRecord r : o.records()) {
      if (r.topic().equals("events") && ((Struct) r.value()).getString("event_type").equals(type)) {
        found = (Struct) r.value();
      }
    }
    return found;
  }

  @Test
  void aCompletedJobWithInformationalFieldsInOtherShapesIsReadAtOnce() throws Exception {
    String odd =
        "{\"job_id\":\""
            + JOB
            + "\",\"status\":\"completed\",\"progress_percent\":\"100%\",\"number_of_results\":25.0,"
            + "\"cost_charged\":{\"credits\":\"125.5\"},\"created_at\":1773768600,"
            + "\"completed_at\":\"Tue, 17 Mar 2026 17:30:12 GMT\",\"namespace\":{\"id\":7},"
            + "\"messages\":\"ok\",\"tool_type\":[\"followers\"],\"error\":null,\"eta\":{}}";
    Outcome o = api.run(r -> r.path().equals("/jobs/" + JOB) ? Response.json(200, odd) : good(r));
    assertNull(o.failure());
    assertEquals(ids(0, TOTAL), o.rowIds());
    assertEquals(0, api.client.metrics().retries(), "nothing retried for informational fields");
    assertEquals(0, api.metrics.runnerRetries());
    assertEquals(new BigDecimal("125.500000"), lastEvent(o, "COMPLETED").get("cost_charged"));
    assertTrue(
        api.client.metrics().drift().total() >= 8,
        api.client.metrics().drift().counts().toString());
  }

  private static Function<Request, Response> withoutHasNext(boolean keepTotalPages) {
    return r -> {
      if (!r.path().endsWith("/results")) {
        return good(r);
      }
      String body =
          page(r.page(), r.limit(), TOTAL, null, null).replaceAll(",\"has_next\":\\w+", "");
      return Response.json(
          200, keepTotalPages ? body : body.replaceAll(",\"total_pages\":\\d+", ""));
    };
  }

  @Test
  void withoutHasNextTotalPagesDecides() throws Exception {
    Outcome o = api.run(withoutHasNext(true));
    assertEquals(ids(0, TOTAL), o.rowIds());
    assertEquals(3, api.server.requests("/results"));
  }

  @Test
  void withoutHasNextOrTotalPagesAFullPageAsksForTheNext() throws Exception {
    Outcome o = api.run(withoutHasNext(false));
    assertEquals(ids(0, TOTAL), o.rowIds());
    assertEquals(3, api.server.requests("/results"), "pages of 10, 10 and 5: the short one ends");
  }

  /** A server that ignores {@code page}: every page is page 1, and has_next stays true. */
  private static Response ignoresPage(Request r) {
    if (r.path().endsWith("/results")) {
      return Response.json(200, page(1, r.limit(), TOTAL, true, null));
    }
    return good(r);
  }

  @Test
  void aServerThatIgnoresPageStopsTheSpecWithItsEventAndKeepsTheRowsEmitted() throws Exception {
    Outcome o = api.run(ApiDriftRunnerTest::ignoresPage);
    assertEquals(ids(0, LIMIT), o.rowIds(), "page 1 once; its repeat is not emitted");
    assertEquals(JobRunner.Phase.STOPPED, o.runner().phase());
    assertEquals("PAGE_REPEATED", o.events().get(o.events().size() - 1));
    assertTrue(o.lastEventMessage().contains("ignores the page parameter"), o.lastEventMessage());
    assertEquals(2, api.server.requests("/results"), "bounded: page 1 and its repeat");
    assertEquals(1, api.metrics.specsStopped());
  }

  @Test
  void theRepeatIsCaughtAfterARestartToo() throws Exception {
    Outcome first = api.run(ApiDriftRunnerTest::ignoresPage);
    // Resume from the offset of the last row written, as a restarted task would.
    SourceRecord lastRow =
        first.records().stream().filter(r -> r.topic().equals("rows")).reduce((a, b) -> b).get();
    SourceCursor stored = SourceCursor.fromMap(lastRow.sourceOffset());
    assertEquals(2, stored.page());
    Outcome resumed = api.run(new JobRunner(spec(), stored, api.ctxOf()));
    assertEquals(List.of(), resumed.rowIds());
    assertEquals("PAGE_REPEATED", resumed.events().get(resumed.events().size() - 1));
  }

  @Test
  void anEndlessBodyIsRefusedUnreadAndTheSpecRecoversWhenTheServerDoes() throws Exception {
    // Far beyond any heap here; what one run allocates besides (class loading included) is tiny.
    long body = 4L * 1024 * 1024 * 1024;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    api.context(
        r -> results(r, 2) && r.n() < 3 ? Response.endless(body) : good(r),
        b -> b.maxResponseBytes(64 * 1024));
    Outcome o = api.run(new JobRunner(spec(), null, api.ctxOf()));
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    assertNull(o.failure());
    assertEquals(ids(0, TOTAL), o.rowIds(), "recovered; nothing lost or repeated");
    assertTrue(
        allocated < body / 16, "the 4 GiB body was not read into memory: " + allocated + " bytes");
    assertTrue(
        api.server.streamedBytes.get() < body / 64,
        "the client hung up early: " + api.server.streamedBytes.get() + " bytes sent");
  }

  @Test
  void aGzipBombIsCutAtTheCapAfterDecompression() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      byte[] spaces = new byte[1024 * 1024];
      java.util.Arrays.fill(spaces, (byte) ' ');
      gz.write("{\"data\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (int i = 0; i < 64; i++) {
        gz.write(spaces);
      }
    }
    byte[] bomb = zipped.toByteArray();
    api.context(
        r ->
            results(r, 1) && r.n() == 0
                ? Response.raw(200, bomb, "Content-Encoding", "gzip")
                : good(r),
        b -> b.maxResponseBytes(64 * 1024));
    Outcome o = api.run(new JobRunner(spec(), null, api.ctxOf()));
    assertNull(o.failure());
    assertEquals(ids(0, TOTAL), o.rowIds());
    assertEquals(1, api.client.metrics().retries(), "refused once as malformed, then read");
  }

  @Test
  void decimalCostsFlowIntoJobEventsAndMetricsUnchanged() throws Exception {
    String job = "{\"job_id\":\"" + JOB + "\",\"status\":\"COMPLETED\",\"cost_charged\":12.345678}";
    api.context(
        r -> {
          if (r.path().equals("/jobs/" + JOB)) {
            return Response.json(200, job);
          }
          if (r.path().endsWith("/enrich")) {
            return r.method().equals("GET")
                ? Response.json(200, "{\"estimated_cost\":{\"amount\":\"0.75\",\"unit\":\"c\"}}")
                : Response.json(
                    202, "{\"replayed\":\"false\",\"selected_addons\":\"enrich_profiles\"}");
          }
          return good(r);
        });
    JobRunner runner = new JobRunner(spec(), null, api.ctxOf());
    Outcome first = api.run(runner);
    assertEquals(new BigDecimal("12.345678"), lastEvent(first, "COMPLETED").get("cost_charged"));
    assertEquals(new BigDecimal("12.345678"), api.metrics.creditsCharged());
    runner.requestEnrichment(new JobRunner.EnrichRequest("e1", new Addons(true, false)));
    Outcome enriched = api.run(runner);
    Struct started = lastEvent(enriched, "ENRICHMENT_STARTED");
    assertEquals(new BigDecimal("0.750000"), started.get("estimated_cost"));
    assertTrue(
        started.getString("message").contains("estimated cost 0.75 credits"), started.toString());
    assertEquals(ids(0, TOTAL), enriched.rowIds(), "the upgrade started and re-emitted every row");
  }
}
