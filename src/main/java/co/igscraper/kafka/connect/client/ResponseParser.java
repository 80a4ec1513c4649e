package co.igscraper.kafka.connect.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps igscraper JSON bodies to the client's records as a tolerant reader.
 *
 * <p>Strict, because the connector cannot make progress without them: the body is a JSON object;
 * the {@code job_id} of a submit and of a job; the {@code status} of a job; the {@code data} array
 * of a results page and that its elements are objects. A violation is a {@link
 * MalformedResponseException}, classified and retried like any transient failure.
 *
 * <p>Best-effort, everything else (progress, counts, costs, timestamps, namespace, tool type,
 * messages, columns, pagination, enrichment lists and flags, {@code replayed}, error details, and
 * fields the docs do not name): every shape that carries the meaning is accepted, a value that
 * cannot be understood is null, and each deviation is counted in {@link ContractDrift}. Whether
 * another page follows is always decidable ({@link Pagination#nextPageFollows}).
 */
final class ResponseParser {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Exact decimals: a cost of 0.1 credits stays 0.1.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private static final Set<String> SUBMIT_FIELDS = Set.of("job_id", "status", "replayed");
  private static final Set<String> JOB_FIELDS =
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
          "error");
  private static final Set<String> ERROR_FIELDS = Set.of("code", "message", "field");
  private static final Set<String> RESULTS_FIELDS =
      Set.of("job_id", "external_user_id", "status", "columns", "data", "messages", "pagination");
  private static final Set<String> PAGINATION_FIELDS =
      Set.of("page", "limit", "total", "total_pages", "has_next", "has_prev");
  private static final Set<String> ENRICH_FIELDS =
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

  /** The field name under which a body that is not a JSON object is counted. */
  static final String BODY = "(body)";

  // The fallback for bodies with a number beyond BigDecimal's exponent range (1e2147483648): as
  // doubles such a number is infinite, which the informational readers treat as unreadable.
  private static final ObjectMapper DOUBLES =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final String secret;
  private final ContractDrift drift;

  /** {@code secret} is redacted from every snippet put into an exception. */
  ResponseParser(String secret) {
    this(secret, new ContractDrift(secret));
  }

  ResponseParser(String secret, ContractDrift drift) {
    this.secret = secret;
    this.drift = drift;
  }

  ContractDrift drift() {
    return drift;
  }

  SubmittedJob submittedJob(String endpoint, int status, String body) {
    Body b = object(endpoint, status, body);
    ResponseFields f = b.fields();
    String jobId = f.requiredId(b.root, "job_id");
    f.unknownFields(b.root, "", SUBMIT_FIELDS);
    // A 200 on submit is the documented replay answer even if the flag were missing.
    boolean replayed = Boolean.TRUE.equals(f.bool(b.root, "replayed")) || status == 200;
    return new SubmittedJob(jobId, f.optionalStatus(b.root, "status"), replayed);
  }

  Job job(String endpoint, int status, String body) {
    Body b = object(endpoint, status, body);
    ResponseFields f = b.fields();
    JsonNode root = b.root;
    String jobId = f.requiredId(root, "job_id");
    JobStatus jobStatus = f.requiredStatus(root, "status");
    f.unknownFields(root, "", JOB_FIELDS);
    return new Job(
        jobId,
        f.text(root, "external_user_id"),
        f.text(root, "namespace"),
        jobStatus,
        f.instant(root, "created_at"),
        f.instant(root, "updated_at"),
        f.instant(root, "completed_at"),
        f.integer(root, "progress_percent"),
        f.whole(root, "number_of_results"),
        f.decimal(root, "cost_charged"),
        f.text(root, "tool_type"),
        jobError(f, root));
  }

  private static JobError jobError(ResponseFields f, JsonNode root) {
    JsonNode err = root.get("error");
    if (LenientValues.isAbsent(err)) {
      return null;
    }
    if (err.isObject()) {
      f.unknownFields(err, "error.", ERROR_FIELDS);
      return new JobError(f.text(root, "error.code"), f.anyText(root, "error.message"));
    }
    if (err.isValueNode()) {
      return new JobError(null, err.asText());
    }
    f.deviation("error", ContractDrift.Kind.COERCED, err);
    return new JobError(null, err.toString());
  }

  ResultsPage resultsPage(String endpoint, int status, String body) {
    Body b = object(endpoint, status, body);
    ResponseFields f = b.fields();
    JsonNode root = b.root;
    JsonNode data = root.get("data");
    if (data == null || !data.isArray()) {
      throw f.refuse("data", data, "is missing or not an array");
    }
    List<Map<String, String>> rows = new ArrayList<>(data.size());
    for (JsonNode row : data) {
      if (!row.isObject()) {
        throw f.refuse("data[]", row, "has an element that is not an object");
      }
      Map<String, String> values = new LinkedHashMap<>();
      row.properties().forEach(e -> values.put(e.getKey(), asText(e.getValue())));
      rows.add(Collections.unmodifiableMap(values));
    }
    f.unknownFields(root, "", RESULTS_FIELDS);
    List<String> columns =
        LenientValues.isAbsent(root.get("columns"))
            ? (rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).keySet()))
            : f.textList(root, "columns");
    List<String> messages = new ArrayList<>();
    JsonNode msgs = root.get("messages");
    if (msgs != null && msgs.isArray()) {
      msgs.forEach(m -> messages.add(m.isNull() ? "null" : asText(m)));
    } else if (!LenientValues.isAbsent(msgs)) {
      messages.add(f.anyText(root, "messages"));
    }
    return new ResultsPage(
        f.text(root, "job_id"),
        f.text(root, "external_user_id"),
        f.optionalStatus(root, "status"),
        columns,
        List.copyOf(rows),
        List.copyOf(messages),
        pagination(f, root));
  }

  private static Pagination pagination(ResponseFields f, JsonNode root) {
    JsonNode pag = root.get("pagination");
    if (LenientValues.isAbsent(pag)) {
      return Pagination.NONE;
    }
    if (!pag.isObject()) {
      f.deviation("pagination", ContractDrift.Kind.UNREADABLE, pag);
      return Pagination.NONE;
    }
    f.unknownFields(pag, "pagination.", PAGINATION_FIELDS);
    return new Pagination(
        f.integer(root, "pagination.page"),
        f.integer(root, "pagination.limit"),
        f.whole(root, "pagination.total"),
        f.integer(root, "pagination.total_pages"),
        f.bool(root, "pagination.has_next"),
        f.bool(root, "pagination.has_prev"));
  }

  EnrichmentStatus enrichmentStatus(String endpoint, int status, String body) {
    // Nothing here is needed to make progress: a 2xx is the answer; an empty body is accepted.
    Body b =
        body == null || body.isBlank()
            ? new Body(endpoint, status, body, MAPPER.createObjectNode())
            : object(endpoint, status, body);
    ResponseFields f = b.fields();
    JsonNode root = b.root;
    f.unknownFields(root, "", ENRICH_FIELDS);
    return new EnrichmentStatus(
        status,
        f.text(root, "job_id"),
        f.textList(root, "supported_addons"),
        f.textList(root, "applied_addons"),
        f.textList(root, "selected_addons"),
        f.textList(root, "fields_added"),
        f.bool(root, "enriched"),
        f.bool(root, "fully_enriched"),
        f.bool(root, "enrichment_requested"),
        f.text(root, "status"),
        f.decimal(root, "estimated_cost"),
        Boolean.TRUE.equals(f.bool(root, "replayed")));
  }

  /** The parts of an error body; any field may be null. */
  record ErrorBody(String code, String message, String field) {}

  /**
   * Reads {@code {"error":{"code","message","field"}}}, {@code {"error":"..."}}, {@code
   * {"message":"..."}} or {@code {"detail":"..."}}; returns null when the body is none of these.
   */
  ErrorBody errorBody(String body) {
    JsonNode root;
    try {
      root = body == null ? null : readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      return new ErrorBody(
          clean(textOrNull(error.get("code"))),
          clean(textOrNull(error.get("message"))),
          clean(textOrNull(error.get("field"))));
    }
    for (String name : new String[] {"error", "message", "detail"}) {
      JsonNode n = root.get(name);
      if (n != null && !n.isNull() && n.isValueNode()) {
        return new ErrorBody(
            clean(textOrNull(root.get("code"))),
            clean(n.asText()),
            clean(textOrNull(root.get("field"))));
      }
    }
    return null;
  }

  String snippet(String body) {
    return BodySnippet.of(body, secret);
  }

  private String clean(String text) {
    if (text == null) {
      return null;
    }
    return BodySnippet.of(text, secret);
  }

  private Body object(String endpoint, int status, String body) {
    JsonNode root;
    try {
      // A byte-order mark is not JSON, but says nothing about the content either.
      String json = body != null && body.startsWith("\uFEFF") ? body.substring(1) : body;
      root = json == null ? null : readTree(json);
    } catch (JsonProcessingException e) {
      drift.record(endpoint, BODY, ContractDrift.Kind.MALFORMED, "text");
      throw new MalformedResponseException(endpoint, status, null, "not valid JSON", snippet(body));
    }
    if (root == null || !root.isObject()) {
      drift.record(endpoint, BODY, ContractDrift.Kind.MALFORMED, LenientValues.jsonType(root));
      throw new MalformedResponseException(
          endpoint, status, null, "not a JSON object", snippet(body));
    }
    return new Body(endpoint, status, body, root);
  }

  private static JsonNode readTree(String json) throws JsonProcessingException {
    try {
      return MAPPER.readTree(json);
    } catch (NumberFormatException e) {
      try {
        return DOUBLES.readTree(json);
      } catch (NumberFormatException again) {
        throw new JsonMappingException(null, "a number cannot be read", again);
      }
    }
  }

  private static String textOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : asText(n);
  }

  /** JSON strings as they are, other scalars as their JSON text, containers as JSON. */
  private static String asText(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  /** One parsed body with the context needed for error messages. */
  private final class Body {
    final String endpoint;
    final int status;
    final String raw;
    final JsonNode root;

    Body(String endpoint, int status, String raw, JsonNode root) {
      this.endpoint = endpoint;
      this.status = status;
      this.raw = raw;
      this.root = root;
    }

    MalformedResponseException malformed(String reason) {
      ErrorBody error = root.has("error") ? errorBody(raw) : null;
      String why = error == null ? reason : reason + " (error body: " + error.message() + ")";
      return new MalformedResponseException(
          endpoint, status, error == null ? null : error.code(), why, snippet(raw));
    }

    ResponseFields fields() {
      return new ResponseFields(endpoint, drift, this::malformed);
    }
  }
}
