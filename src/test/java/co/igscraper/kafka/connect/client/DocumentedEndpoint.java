package co.igscraper.kafka.connect.client;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** One endpoint as the docs give it: its field names per object and its informational fields. */
enum DocumentedEndpoint {
  SUBMIT(
      IgScraperClient.SUBMIT,
      List.of(""),
      Map.of("", Set.of("job_id", "status", "replayed")),
      List.of("status", "replayed")),
  GET_JOB(
      IgScraperClient.GET_JOB,
      List.of("", "error"),
      Map.of(
          "",
          Set.of(
              "job_id",
              "external_user_id",
              "namespace",
              "status",
              "created_at",
              "updated_at",
              "completed_at",
              "progress_percent",
              "number_of_results",
              "cost_charged",
              "tool_type",
              "error"),
          "error",
          Set.of("code", "message", "field")),
      List.of(
          "external_user_id",
          "namespace",
          "created_at",
          "updated_at",
          "completed_at",
          "progress_percent",
          "number_of_results",
          "cost_charged",
          "tool_type",
          "error",
          "error.code",
          "error.message",
          "error.field")),
  RESULTS(
      IgScraperClient.RESULTS,
      List.of("", "pagination"),
      Map.of(
          "",
          Set.of(
              "job_id", "external_user_id", "status", "columns", "data", "messages", "pagination"),
          "pagination",
          Set.of("page", "limit", "total", "total_pages", "has_next", "has_prev")),
      List.of(
          "job_id",
          "external_user_id",
          "status",
          "columns",
          "messages",
          "pagination",
          "pagination.page",
          "pagination.limit",
          "pagination.total",
          "pagination.total_pages",
          "pagination.has_next",
          "pagination.has_prev")),
  PREFLIGHT(
      IgScraperClient.PREFLIGHT,
      List.of(""),
      Map.of("", Enrichment.FIELDS),
      Enrichment.INFORMATIONAL),
  START_ENRICHMENT(
      IgScraperClient.START_ENRICHMENT,
      List.of(""),
      Map.of("", Enrichment.FIELDS),
      Enrichment.INFORMATIONAL);

  // Documented objects, and error.field, which the parser never reads.
  private static final Set<String> NOT_SCALAR = Set.of("error", "pagination", "error.field");
  private static final Set<String> NUMBERS_FLAGS_AND_TIMES =
      Set.of(
          "replayed",
          "created_at",
          "updated_at",
          "completed_at",
          "progress_percent",
          "number_of_results",
          "cost_charged",
          "pagination.page",
          "pagination.limit",
          "pagination.total",
          "pagination.total_pages",
          "pagination.has_next",
          "pagination.has_prev",
          "enriched",
          "fully_enriched",
          "enrichment_requested",
          "estimated_cost");

  final String path;
  final List<String> containers;
  final Map<String, Set<String>> known;
  final List<String> informational;

  DocumentedEndpoint(
      String path,
      List<String> containers,
      Map<String, Set<String>> known,
      List<String> informational) {
    this.path = path;
    this.containers = containers;
    this.known = known;
    this.informational = informational;
  }

  String metric() {
    return ContractDrift.metricName(path);
  }

  boolean knows(String container, String name) {
    return known.get(container).contains(name);
  }

  /** Informational fields documented as a scalar or list, where an object is a deviation. */
  List<String> scalarPaths() {
    return informational.stream().filter(p -> !NOT_SCALAR.contains(p)).toList();
  }

  /** Informational fields documented as a number, a flag or a timestamp. */
  List<String> typedPaths() {
    return informational.stream().filter(NUMBERS_FLAGS_AND_TIMES::contains).toList();
  }

  boolean hasProgressFields() {
    return this == SUBMIT || this == GET_JOB || this == RESULTS;
  }

  Object parse(ResponseParser parser, int httpStatus, String body) {
    return switch (this) {
      case SUBMIT -> parser.submittedJob(path, httpStatus, body);
      case GET_JOB -> parser.job(path, httpStatus, body);
      case RESULTS -> parser.resultsPage(path, httpStatus, body);
      case PREFLIGHT, START_ENRICHMENT -> parser.enrichmentStatus(path, httpStatus, body);
    };
  }

  /**
   * The two enrichment endpoints' fields, in a holder because enum constants cannot read the enum's
   * own static fields; the list keeps the order in which generators pick a field.
   */
  private static final class Enrichment {
    static final Set<String> FIELDS =
        Set.of(
            "job_id",
            "supported_addons",
            "applied_addons",
            "selected_addons",
            "fields_added",
            "enriched",
            "fully_enriched",
            "enrichment_requested",
            "status",
            "estimated_cost",
            "replayed");
    static final List<String> INFORMATIONAL =
        List.of(
            "job_id",
            "supported_addons",
            "applied_addons",
            "selected_addons",
            "fields_added",
            "enriched",
            "fully_enriched",
            "enrichment_requested",
            "status",
            "estimated_cost",
            "replayed");
  }
}
