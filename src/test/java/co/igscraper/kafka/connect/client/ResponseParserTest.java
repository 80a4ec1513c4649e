package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseParserTest {
  private static final String KEY = "sk_live_s3cr3t";
  private final ResponseParser parser = new ResponseParser(KEY);

  private static final String JOB_ID = "4d83c31f-ef37-4fa2-ad3e-07bbd15e9936";

  @Test
  void mapsSubmitResponse() {
    SubmittedJob job =
        parser.submittedJob(
            "POST /jobs",
            201,
            """
            {"job_id": "4d83c31f-ef37-4fa2-ad3e-07bbd15e9936", "status": "QUEUED", "replayed": false}
            """);
    assertEquals(new SubmittedJob(JOB_ID, JobStatus.QUEUED, false), job);
  }

  @Test
  void a200SubmitIsAReplayEvenWithoutTheFlag() {
    SubmittedJob job =
        parser.submittedJob("POST /jobs", 200, "{\"job_id\":\"j1\",\"status\":\"PROCESSING\"}");
    assertEquals(new SubmittedJob("j1", JobStatus.PROCESSING, true), job);
  }

  @Test
  void mapsProcessingJob() {
    Job job =
        parser.job(
            "GET /jobs/{id}",
            200,
            """
            {
            "job_id": "4d83c31f-ef37-4fa2-ad3e-07bbd15e9936",
            "external_user_id": "customer-123",
            "namespace": "team-acme",
            "status": "PROCESSING",
            "created_at": "2026-03-17T17:30:00.000Z",
            "updated_at": "2026-03-17T17:30:05.000Z",
            "completed_at": null,
            "progress_percent": 45,
            "number_of_results": 0,
            "cost_charged": 0,
            "tool_type": "followers"
            }
            """);
    assertEquals(
        new Job(
            JOB_ID,
            "customer-123",
            "team-acme",
            JobStatus.PROCESSING,
            Instant.parse("2026-03-17T17:30:00Z"),
            Instant.parse("2026-03-17T17:30:05Z"),
            null,
            45,
            0L,
            0L,
            "followers",
            null),
        job);
  }

  @Test
  void mapsCompletedJob() {
    Job job =
        parser.job(
            "GET /jobs/{id}",
            200,
            """
            {
            "job_id": "4d83c31f-ef37-4fa2-ad3e-07bbd15e9936",
            "external_user_id": "customer-123",
            "namespace": "team-acme",
            "status": "COMPLETED",
            "created_at": "2026-03-17T17:30:00.000Z",
            "updated_at": "2026-03-17T17:30:12.000Z",
            "completed_at": "2026-03-17T17:30:12.000Z",
            "progress_percent": 100,
            "number_of_results": 50,
            "cost_charged": 250,
            "tool_type": "followers"
            }
            """);
    assertEquals(JobStatus.COMPLETED, job.status());
    assertTrue(job.status().isTerminal());
    assertEquals(Instant.parse("2026-03-17T17:30:12Z"), job.completedAt());
    assertEquals(100, job.progressPercent());
    assertEquals(50L, job.numberOfResults());
    assertEquals(250L, job.costCharged());
  }

  @Test
  void mapsQueuedJobWithOnlyTheEssentialsAndUnknownFields() {
    Job job =
        parser.job(
            "GET /jobs/{id}",
            200,
            "{\"job_id\":\"j1\",\"status\":\"QUEUED\",\"priority\":\"high\",\"extra\":{\"a\":1}}");
    assertEquals(JobStatus.QUEUED, job.status());
    assertNull(job.createdAt());
    assertNull(job.progressPercent());
    assertNull(job.error());
  }

  @Test
  void mapsFailedJobError() {
    Job job =
        parser.job(
            "GET /jobs/{id}",
            200,
            """
            {"job_id":"j1","status":"FAILED","created_at":"2026-03-17T17:30:00+01:00",
             "error":{"code":"SCRAPE_FAILED","message":"upstream blocked"}}
            """);
    assertEquals(JobStatus.FAILED, job.status());
    assertEquals(new JobError("SCRAPE_FAILED", "upstream blocked"), job.error());
    assertEquals(Instant.parse("2026-03-17T16:30:00Z"), job.createdAt());
  }

  @Test
  void unknownStatusMapsToUnknown() {
    Job job = parser.job("GET /jobs/{id}", 200, "{\"job_id\":\"j1\",\"status\":\"PAUSED\"}");
    assertEquals(JobStatus.UNKNOWN, job.status());
    assertFalse(job.status().isTerminal());
  }

  @Test
  void mapsResultsPageKeepingColumnOrder() {
    ResultsPage page =
        parser.resultsPage(
            "GET /jobs/{id}/results",
            200,
            """
            {
            "job_id": "4d83c31f-ef37-4fa2-ad3e-07bbd15e9936",
            "external_user_id": "customer-123",
            "status": "COMPLETED",
            "columns": ["source","type","user_id","username","full_name","verified","private"],
            "data": [
            {
            "source": "nasa",
            "type": "follower",
            "user_id": "12345678",
            "username": "space_fan_01",
            "full_name": "Alex Johnson",
            "verified": "false",
            "private": "false"
            }
            ],
            "messages": [],
            "pagination": {"page": 1, "limit": 50, "total": 50, "total_pages": 1,
                           "has_next": false, "has_prev": false}
            }
            """);
    assertEquals(JOB_ID, page.jobId());
    assertEquals("customer-123", page.externalUserId());
    assertEquals(JobStatus.COMPLETED, page.status());
    assertEquals(
        List.of("source", "type", "user_id", "username", "full_name", "verified", "private"),
        page.columns());
    assertEquals(1, page.data().size());
    assertEquals(
        List.of("source", "type", "user_id", "username", "full_name", "verified", "private"),
        new ArrayList<>(page.data().get(0).keySet()));
    assertEquals("space_fan_01", page.data().get(0).get("username"));
    assertEquals(List.of(), page.messages());
    assertEquals(new Pagination(1, 50, 50, 1, false, false), page.pagination());
  }

  @Test
  void turnsNonStringValuesIntoTextAndKeepsNulls() {
    ResultsPage page =
        parser.resultsPage(
            "GET /jobs/{id}/results",
            200,
            """
            {"job_id":"j1","status":"COMPLETED","columns":["a","b","c","d","e"],
             "data":[{"a":12,"b":true,"c":null,"d":{"x":[1,2]},"e":1.5}],
             "messages":["plain", {"level":"warn","text":"partial"}],
             "pagination":{"page":2,"limit":1,"total":3,"total_pages":3}}
            """);
    Map<String, String> row = page.data().get(0);
    assertEquals("12", row.get("a"));
    assertEquals("true", row.get("b"));
    assertTrue(row.containsKey("c"));
    assertNull(row.get("c"));
    assertEquals("{\"x\":[1,2]}", row.get("d"));
    assertEquals("1.5", row.get("e"));
    assertEquals(List.of("plain", "{\"level\":\"warn\",\"text\":\"partial\"}"), page.messages());
    // has_next/has_prev absent: derived from page and total_pages.
    assertEquals(new Pagination(2, 1, 3, 3, true, true), page.pagination());
  }

  @Test
  void mapsEnrichmentResponse() {
    EnrichmentStatus status =
        parser.enrichmentStatus(
            "POST /jobs/{id}/enrich",
            202,
            """
            {"job_id":"j1","supported_addons":["enrich_profiles","enrich_country_date"],
             "applied_addons":[],"selected_addons":["enrich_country_date"],
             "fields_added":["country","date"],"enriched":false,"fully_enriched":false,
             "enrichment_requested":true,"status":"QUEUED","estimated_cost":50,"replayed":false,
             "new_field":1}
            """);
    assertEquals(
        new EnrichmentStatus(
            202,
            "j1",
            List.of("enrich_profiles", "enrich_country_date"),
            List.of(),
            List.of("enrich_country_date"),
            List.of("country", "date"),
            false,
            false,
            true,
            "QUEUED",
            50L,
            false),
        status);
  }

  @Test
  void mapsAlreadyCoveredEnrichmentReplay() {
    EnrichmentStatus status =
        parser.enrichmentStatus(
            "POST /jobs/{id}/enrich",
            200,
            "{\"job_id\":\"j1\",\"applied_addons\":[\"enrich_profiles\"],\"enriched\":true,"
                + "\"fully_enriched\":false,\"replayed\":true,\"estimated_cost\":null}");
    assertEquals(200, status.httpStatus());
    assertTrue(status.replayed());
    assertTrue(status.enriched());
    assertNull(status.estimatedCost());
    assertNull(status.status());
    assertEquals(List.of(), status.supportedAddons());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        "{\"job_id\":\"j1\",\"status\":\"COMPLETED\",\"data\":[{\"a\":\"b\"}",
        "{\"job_id\":\"j1\",\"status\":\"COMPLETED\",\"columns\":[],\"data\":[]}",
        "{\"job_id\":\"j1\",\"data\":{\"a\":\"b\"},\"pagination\":{\"page\":1}}",
        "{\"job_id\":\"j1\",\"data\":[\"x\"],\"pagination\":{\"page\":1,\"limit\":1,"
            + "\"total\":1,\"total_pages\":1}}",
        "{\"job_id\":\"j1\",\"data\":[],\"pagination\":{\"page\":\"one\",\"limit\":1,"
            + "\"total\":1,\"total_pages\":1}}",
        "{\"job_id\":\"j1\",\"data\":[],\"pagination\":{\"limit\":1}}",
        "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"boom\"}}",
        "[]",
        "",
        "null",
        "{} trailing"
      })
  void malformedResultsBecomeTransientMalformedResponseExceptions(String body) {
    MalformedResponseException e =
        assertThrows(
            MalformedResponseException.class,
            () -> parser.resultsPage("GET /jobs/{id}/results", 200, body));
    assertEquals(ErrorKind.TRANSIENT, e.kind());
    assertEquals(200, e.httpStatus());
    assertEquals("GET /jobs/{id}/results", e.endpoint());
    assertTrue(e.getMessage().contains("HTTP 200"), e.getMessage());
    assertTrue(e.serverMessage().length() <= BodySnippet.MAX_CHARS, e.serverMessage());
  }

  @Test
  void a200ErrorBodyNamesTheServerError() {
    MalformedResponseException e =
        assertThrows(
            MalformedResponseException.class,
            () ->
                parser.job(
                    "GET /jobs/{id}",
                    200,
                    "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"boom\"}}"));
    assertEquals("INTERNAL_ERROR", e.code());
    assertTrue(e.getMessage().contains("boom"), e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "{\"status\":\"QUEUED\"}",
        "{\"job_id\":\"\",\"status\":\"QUEUED\"}",
        "{\"job_id\":{\"id\":1},\"status\":\"QUEUED\"}",
        "<html>oops</html>"
      })
  void submitWithoutAJobIdIsMalformed(String body) {
    assertThrows(
        MalformedResponseException.class, () -> parser.submittedJob("POST /jobs", 201, body));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "{\"job_id\":\"j1\"}",
        "{\"job_id\":\"j1\",\"status\":\"QUEUED\",\"created_at\":\"yesterday\"}",
        "{\"job_id\":\"j1\",\"status\":\"QUEUED\",\"progress_percent\":\"lots\"}",
        "{\"job_id\":\"j1\",\"status\":\"QUEUED\",\"cost_charged\":[1]}",
        "{\"job_id\":\"j1\",\"status\":[\"QUEUED\"]}"
      })
  void badJobFieldsAreMalformed(String body) {
    assertThrows(MalformedResponseException.class, () -> parser.job("GET /jobs/{id}", 200, body));
  }

  @Test
  void enrichmentWithListsOfTheWrongShapeIsMalformed() {
    assertThrows(
        MalformedResponseException.class,
        () ->
            parser.enrichmentStatus(
                "GET /jobs/{id}/enrich", 200, "{\"job_id\":\"j1\",\"applied_addons\":\"all\"}"));
  }

  @Test
  void snippetsAreShortSingleLineAndNeverContainTheKey() {
    String body =
        "<html>\n<p>Authorization: Bearer " + KEY + "</p>\n" + "x".repeat(5000) + "</html>";
    MalformedResponseException e =
        assertThrows(
            MalformedResponseException.class, () -> parser.job("GET /jobs/{id}", 502, body));
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertTrue(e.serverMessage().length() <= BodySnippet.MAX_CHARS);
    assertEquals(ErrorKind.TRANSIENT, e.kind(), "a malformed 502 still classifies by status");
  }

  @Test
  void readsEveryAcceptedErrorBodyShape() {
    assertEquals(
        new ResponseParser.ErrorBody("VALIDATION_ERROR", "bad name", "params.usernames[2]"),
        parser.errorBody(
            "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"bad name\","
                + "\"field\":\"params.usernames[2]\"}}"));
    assertEquals(
        new ResponseParser.ErrorBody(null, "Unauthorized", null),
        parser.errorBody("{\"error\":\"Unauthorized\"}"));
    assertEquals(
        new ResponseParser.ErrorBody(null, "Too many", null),
        parser.errorBody("{\"message\":\"Too many\"}"));
    assertEquals(
        new ResponseParser.ErrorBody(null, "Not found.", null),
        parser.errorBody("{\"detail\":\"Not found.\"}"));
    assertNull(parser.errorBody("<html>502</html>"));
    assertNull(parser.errorBody("{\"unexpected\":true}"));
    assertNull(parser.errorBody(""));
  }
}
