package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.DocumentedValues.amounts;
import static co.igscraper.kafka.connect.client.DocumentedValues.cells;
import static co.igscraper.kafka.connect.client.DocumentedValues.externalUserIds;
import static co.igscraper.kafka.connect.client.DocumentedValues.ids;
import static co.igscraper.kafka.connect.client.DocumentedValues.namespaces;
import static co.igscraper.kafka.connect.client.DocumentedValues.statuses;
import static co.igscraper.kafka.connect.client.DocumentedValues.text;
import static co.igscraper.kafka.connect.client.DocumentedValues.toolTypes;
import static co.igscraper.kafka.connect.client.JsonWire.NODES;

import co.igscraper.kafka.connect.client.DocumentedValues.Cell;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators of documented igscraper responses of every endpoint, each with its reading. */
final class ValidResponses {
  private static final int MAX_COLUMNS = 8;

  private static final DateTimeFormatter DOCUMENTED_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final long FROM_2020 = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
  private static final long TO_2030 = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
  private static final List<String> ADDONS = List.of("enrich_profiles", "enrich_country_date");

  private ValidResponses() {}

  static Arbitrary<ValidResponse> validResponses() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, submits()),
        Tuple.of(3, jobs()),
        Tuple.of(4, resultsPages(0, 50)),
        Tuple.of(3, enrichments()));
  }

  /** Responses of the endpoints that have progress fields. */
  static Arbitrary<ValidResponse> strictResponses() {
    return Arbitraries.oneOf(submits(), jobs(), resultsPages(0, 50));
  }

  static Arbitrary<ValidResponse> submits() {
    return Combinators.combine(ids(), statuses(), Arbitraries.of(false, true))
        .as(
            (id, replayStatus, replay) -> {
              JobStatus status = replay ? replayStatus : JobStatus.QUEUED;
              ObjectNode body = NODES.objectNode();
              body.put("job_id", id);
              body.put("status", status.name());
              body.put("replayed", replay);
              return new ValidResponse(
                  DocumentedEndpoint.SUBMIT,
                  replay ? 200 : 201,
                  body,
                  new SubmittedJob(id, status, replay));
            });
  }

  static Arbitrary<ValidResponse> jobs() {
    Arbitrary<JobError> errors =
        Combinators.combine(
                Arbitraries.of("SCRAPE_FAILED", "PRIVATE_ACCOUNT", "TIMEOUT", ""), text(0, 80))
            .as(JobError::new)
            .injectNull(0.3);
    var first =
        Combinators.combine(
                ids(),
                statuses(),
                externalUserIds(),
                namespaces(),
                Arbitraries.longs().between(FROM_2020, TO_2030).map(Instant::ofEpochMilli),
                Arbitraries.longs().between(0, 3_600_000).map(Duration::ofMillis),
                Arbitraries.integers().between(0, 100),
                Arbitraries.longs().between(0, 10_000_000))
            .as(Tuple::of);
    var second = Combinators.combine(amounts(), toolTypes(), errors).as(Tuple::of);
    return Combinators.combine(first, second)
        .as(
            (a, b) -> {
              JobStatus status = a.get2();
              Instant created = a.get5();
              Instant updated = created.plus(a.get6());
              Instant completed = status.isTerminal() ? updated : null;
              boolean failed = status == JobStatus.FAILED || status == JobStatus.CANCELLED;
              JobError error = failed ? b.get3() : null;
              ObjectNode body = NODES.objectNode();
              body.put("job_id", a.get1());
              body.put("external_user_id", a.get3());
              body.put("namespace", a.get4());
              body.put("status", status.name());
              body.put("created_at", DOCUMENTED_TIME.format(created));
              body.put("updated_at", DOCUMENTED_TIME.format(updated));
              if (completed == null) {
                body.putNull("completed_at");
              } else {
                body.put("completed_at", DOCUMENTED_TIME.format(completed));
              }
              body.put("progress_percent", a.get7());
              body.put("number_of_results", a.get8());
              body.set("cost_charged", b.get1().wire());
              body.put("tool_type", b.get2());
              if (error != null) {
                body.putObject("error").put("code", error.code()).put("message", error.message());
              }
              Job expected =
                  new Job(
                      a.get1(),
                      a.get3(),
                      a.get4(),
                      status,
                      created,
                      updated,
                      completed,
                      a.get7(),
                      a.get8(),
                      b.get1().value(),
                      b.get2(),
                      error);
              return new ValidResponse(DocumentedEndpoint.GET_JOB, 200, body, expected);
            });
  }

  /** A results page of {@code minRows..maxRows} rows, with every documented member. */
  static Arbitrary<ValidResponse> resultsPages(int minRows, int maxRows) {
    Arbitrary<List<String>> columns =
        Arbitraries.oneOf(
                Arbitraries.of("source", "type", "user_id", "username", "full_name", "verified"),
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withChars('_', ' ', 'é')
                    .ofMinLength(1)
                    .ofMaxLength(16))
            .list()
            .uniqueElements()
            .ofMinSize(1)
            .ofMaxSize(MAX_COLUMNS);
    Arbitrary<List<List<Cell>>> rows =
        cells().list().ofSize(MAX_COLUMNS).list().ofMinSize(minRows).ofMaxSize(maxRows);
    var paging =
        Combinators.combine(
                Arbitraries.integers().between(1, 10_000),
                Arbitraries.integers().between(1, 200),
                Arbitraries.longs().between(0, 10_000_000),
                Arbitraries.integers().between(0, 100_000),
                Arbitraries.of(false, true),
                Arbitraries.of(false, true))
            .as(Pagination::new);
    return Combinators.combine(
            ids(), externalUserIds(), columns, rows, text(0, 60).list().ofMaxSize(3), paging)
        .as(
            (id, user, names, cellRows, messages, pagination) -> {
              ObjectNode body = NODES.objectNode();
              body.put("job_id", id);
              body.put("external_user_id", user);
              body.put("status", "COMPLETED");
              ArrayNode columnNodes = body.putArray("columns");
              names.forEach(columnNodes::add);
              ArrayNode data = body.putArray("data");
              List<Map<String, String>> expectedRows = new ArrayList<>();
              for (List<Cell> cellRow : cellRows) {
                ObjectNode row = data.addObject();
                Map<String, String> expectedRow = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                  row.set(names.get(i), cellRow.get(i).wire());
                  expectedRow.put(names.get(i), cellRow.get(i).text());
                }
                expectedRows.add(expectedRow);
              }
              ArrayNode messageNodes = body.putArray("messages");
              messages.forEach(messageNodes::add);
              ObjectNode paginationNode = body.putObject("pagination");
              paginationNode.put("page", pagination.page());
              paginationNode.put("limit", pagination.limit());
              paginationNode.put("total", pagination.total());
              paginationNode.put("total_pages", pagination.totalPages());
              paginationNode.put("has_next", pagination.hasNext());
              paginationNode.put("has_prev", pagination.hasPrev());
              ResultsPage expected =
                  new ResultsPage(
                      id, user, JobStatus.COMPLETED, names, expectedRows, messages, pagination);
              return new ValidResponse(DocumentedEndpoint.RESULTS, 200, body, expected);
            });
  }

  static Arbitrary<ValidResponse> enrichments() {
    Arbitrary<List<String>> addons = Arbitraries.of(ADDONS).list().uniqueElements().ofMaxSize(2);
    Arbitrary<List<String>> fieldsAdded =
        Arbitraries.of("biography", "email", "phone", "follower_count", "country", "date")
            .list()
            .uniqueElements()
            .ofMaxSize(6);
    Arbitrary<Boolean> flags = Arbitraries.of(false, true);
    var first =
        Combinators.combine(
                Arbitraries.of(200, 202),
                Arbitraries.of(DocumentedEndpoint.PREFLIGHT, DocumentedEndpoint.START_ENRICHMENT),
                ids(),
                addons,
                addons,
                addons,
                fieldsAdded)
            .as(Tuple::of);
    var second =
        Combinators.combine(
                flags,
                flags,
                flags,
                Arbitraries.of(
                    "ELIGIBLE", "QUEUED", "PROCESSING", "COMPLETED", "NO_ADDON_SELECTED"),
                amounts(),
                flags)
            .as(Tuple::of);
    return Combinators.combine(first, second)
        .as(
            (a, b) -> {
              DocumentedEndpoint endpoint = a.get2();
              int status = endpoint == DocumentedEndpoint.PREFLIGHT ? 200 : a.get1();
              boolean replayed = endpoint == DocumentedEndpoint.START_ENRICHMENT && b.get6();
              ObjectNode body = NODES.objectNode();
              body.put("job_id", a.get3());
              a.get4().forEach(body.putArray("supported_addons")::add);
              a.get5().forEach(body.putArray("applied_addons")::add);
              a.get6().forEach(body.putArray("selected_addons")::add);
              a.get7().forEach(body.putArray("fields_added")::add);
              body.put("enriched", b.get1());
              body.put("fully_enriched", b.get2());
              body.put("enrichment_requested", b.get3());
              body.put("status", b.get4());
              body.set("estimated_cost", b.get5().wire());
              if (endpoint == DocumentedEndpoint.START_ENRICHMENT) {
                body.put("replayed", replayed);
              }
              EnrichmentStatus expected =
                  new EnrichmentStatus(
                      status,
                      a.get3(),
                      a.get4(),
                      a.get5(),
                      a.get6(),
                      a.get7(),
                      b.get1(),
                      b.get2(),
                      b.get3(),
                      b.get4(),
                      b.get5().value(),
                      replayed);
              return new ValidResponse(endpoint, status, body, expected);
            });
  }
}
