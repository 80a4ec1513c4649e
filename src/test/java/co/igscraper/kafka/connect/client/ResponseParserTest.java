package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
            BigDecimal.ZERO,
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
    assertEquals(new BigDecimal("250"), job.costCharged());
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
    assertEquals(new Pagination(1, 50, 50L, 1, false, false), page.pagination());
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
    // has_next/has_prev absent: null, and the next page is decided from page and total_pages.
    assertEquals(new Pagination(2, 1, 3L, 3, null, null), page.pagination());
    assertTrue(page.pagination().nextPageFollows(2, 1, 1));
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
            new BigDecimal("50"),
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
        "{\"job_id\":\"j1\",\"status\":\"COMPLETED\",\"columns\":[]}",
        "{\"job_id\":\"j1\",\"data\":{\"a\":\"b\"},\"pagination\":{\"page\":1}}",
        "{\"job_id\":\"j1\",\"data\":null,\"pagination\":{\"page\":1}}",
        "{\"job_id\":\"j1\",\"data\":[\"x\"],\"pagination\":{\"page\":1,\"limit\":1,"
            + "\"total\":1,\"total_pages\":1}}",
        "{\"job_id\":\"j1\",\"data\":[{\"a\":\"b\"},[]]}",
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
        "{\"job_id\":\"j1\",\"status\":null}",
        "{\"job_id\":\"j1\",\"status\":\" \"}",
        "{\"job_id\":\"j1\",\"status\":[\"QUEUED\"]}",
        "{\"job_id\":\"j1\",\"status\":3}",
        "{\"job_id\":true,\"status\":\"QUEUED\"}",
        "{\"status\":\"QUEUED\"}"
      })
  void aJobWithoutAReadableIdOrStatusIsMalformed(String body) {
    assertThrows(MalformedResponseException.class, () -> parser.job("GET /jobs/{id}", 200, body));
  }

  @Test
  void informationalJobFieldsThatCannotBeReadAreNullAndCounted() {
    ContractDrift drift = new ContractDrift(KEY);
    ResponseParser counting = new ResponseParser(KEY, drift);
    Job job =
        counting.job(
            "GET /jobs/{id}",
            200,
            "{\"job_id\":\"j1\",\"status\":\"completed\",\"created_at\":\"yesterday\","
                + "\"progress_percent\":\"lots\",\"cost_charged\":[\"12.5\"],"
                + "\"number_of_results\":{\"weird\":true},\"namespace\":{\"a\":1},"
                + "\"error\":[1,2],\"brand_new\":{}}");
    assertEquals(JobStatus.COMPLETED, job.status());
    assertNull(job.createdAt());
    assertNull(job.progressPercent());
    assertEquals(new BigDecimal("12.5"), job.costCharged());
    assertNull(job.numberOfResults());
    assertNull(job.namespace());
    assertEquals(new JobError(null, "[1,2]"), job.error());
    Map<ContractDrift.Key, Long> counts = drift.counts();
    assertEquals(1L, counts.get(new ContractDrift.Key("get-job", "status")), counts.toString());
    assertEquals(1L, counts.get(new ContractDrift.Key("get-job", "created_at")));
    assertEquals(1L, counts.get(new ContractDrift.Key("get-job", "cost_charged")));
    assertEquals(1L, counts.get(new ContractDrift.Key("get-job", "brand_new")));
    assertEquals(8L, drift.total(), counts.toString());
  }

  @Test
  void decimalCostsStayExact() {
    Job job =
        parser.job(
            "GET /jobs/{id}",
            200,
            "{\"job_id\":\"j1\",\"status\":\"COMPLETED\",\"cost_charged\":0.1}");
    assertEquals(new BigDecimal("0.1"), job.costCharged());
    EnrichmentStatus preflight =
        parser.enrichmentStatus(
            "GET /jobs/{id}/enrich",
            200,
            "{\"estimated_cost\":{\"credits\":\"1.25E2\",\"currency\":\"credits\"}}");
    assertEquals(new BigDecimal("125"), preflight.estimatedCost());
  }

  @Test
  void paginationOfAnyShapeNeverFailsAPage() {
    ResultsPage page =
        parser.resultsPage(
            "GET /jobs/{id}/results",
            200,
            "{\"data\":[{\"a\":\"b\"}],\"pagination\":\"page 1 of 3\",\"columns\":\"a\"}");
    assertEquals(Pagination.NONE, page.pagination());
    assertEquals(List.of("a"), page.columns());
    assertNull(page.jobId());
    assertEquals(JobStatus.UNKNOWN, page.status());
  }

  @Test
  void aNumericJobIdIsReadAsItsDigits() {
    assertEquals(
        "12345", parser.submittedJob("POST /jobs", 201, "{\"job_id\":12345,\"status\":7}").jobId());
  }

  @Test
  void enrichmentListsOfOtherShapesAreReadAsLists() {
    EnrichmentStatus status =
        parser.enrichmentStatus(
            "GET /jobs/{id}/enrich",
            200,
            "{\"job_id\":\"j1\",\"applied_addons\":\"enrich_profiles, enrich_country_date\","
                + "\"supported_addons\":{\"enrich_profiles\":true,\"enrich_country_date\":false},"
                + "\"fields_added\":\"country\",\"enriched\":\"yes\",\"replayed\":1}");
    assertEquals(List.of("enrich_profiles", "enrich_country_date"), status.appliedAddons());
    assertEquals(List.of("enrich_profiles"), status.supportedAddons());
    assertEquals(List.of("country"), status.fieldsAdded());
    assertEquals(Boolean.TRUE, status.enriched());
    assertTrue(status.replayed());
    assertNull(status.fullyEnriched());
  }

  @Test
  void anEmptyEnrichmentBodyIsAnAnswerWithNothingInIt() {
    EnrichmentStatus status = parser.enrichmentStatus("POST /jobs/{id}/enrich", 202, "");
    assertEquals(202, status.httpStatus());
    assertNull(status.estimatedCost());
    assertEquals(List.of(), status.selectedAddons());
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

  @Test
  void aNumberBeyondEveryExponentRangeIsUnreadableNotAFailure() {
    Job job =
        parser.job(
            "GET /jobs/{id}",
            200,
            "{\"job_id\":\"j1\",\"status\":\"QUEUED\",\"cost_charged\":1e2147483648,"
                + "\"created_at\":-1e2147483648,\"eta\":1e99999999999}");
    assertEquals(JobStatus.QUEUED, job.status());
    assertNull(job.costCharged());
    assertNull(job.createdAt());
  }
}
