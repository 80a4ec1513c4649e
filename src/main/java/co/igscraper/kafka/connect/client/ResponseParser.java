package co.igscraper.kafka.connect.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps igscraper JSON bodies to the client's records; anything it cannot read becomes a {@link
 * MalformedResponseException}, never a null pointer.
 */
final class ResponseParser {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final String secret;

  /** {@code secret} is redacted from every snippet put into an exception. */
  ResponseParser(String secret) {
    this.secret = secret;
  }

  SubmittedJob submittedJob(String endpoint, int status, String body) {
    Body b = object(endpoint, status, body);
    String jobId = b.requiredText(b.root, "job_id");
    // A 200 on submit is the documented replay answer even if the flag were missing.
    boolean replayed = b.bool(b.root, "replayed", false) || status == 200;
    return new SubmittedJob(jobId, JobStatus.fromApi(b.text(b.root, "status")), replayed);
  }

  Job job(String endpoint, int status, String body) {
    Body b = object(endpoint, status, body);
    JsonNode root = b.root;
    JobError error = null;
    JsonNode err = root.get("error");
    if (err != null && err.isObject()) {
      error = new JobError(b.text(err, "code"), b.text(err, "message"));
    } else if (err != null && err.isTextual()) {
      error = new JobError(null, err.asText());
    }
    return new Job(
        b.requiredText(root, "job_id"),
        b.text(root, "external_user_id"),
        b.text(root, "namespace"),
        JobStatus.fromApi(b.requiredText(root, "status")),
        b.instant(root, "created_at"),
        b.instant(root, "updated_at"),
        b.instant(root, "completed_at"),
        b.integer(root, "progress_percent"),
        b.longValue(root, "number_of_results"),
        b.longValue(root, "cost_charged"),
        b.text(root, "tool_type"),
        error);
  }

  ResultsPage resultsPage(String endpoint, int status, String body) {
    Body b = object(endpoint, status, body);
    JsonNode root = b.root;
    JsonNode data = root.get("data");
    if (data == null || !data.isArray()) {
      throw b.malformed("\"data\" is missing or not an array");
    }
    JsonNode pag = root.get("pagination");
    if (pag == null || !pag.isObject()) {
      throw b.malformed("\"pagination\" is missing or not an object");
    }
    List<Map<String, String>> rows = new ArrayList<>(data.size());
    for (JsonNode row : data) {
      if (!row.isObject()) {
        throw b.malformed("a \"data\" element is not an object");
      }
      Map<String, String> values = new LinkedHashMap<>();
      row.properties().forEach(e -> values.put(e.getKey(), asText(e.getValue())));
      rows.add(Collections.unmodifiableMap(values));
    }
    List<String> columns;
    if (root.hasNonNull("columns")) {
      columns = b.textList(root, "columns");
    } else {
      columns = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).keySet());
    }
    List<String> messages = new ArrayList<>();
    JsonNode msgs = root.get("messages");
    if (msgs != null && msgs.isArray()) {
      msgs.forEach(m -> messages.add(m.isNull() ? "null" : asText(m)));
    }
    int page = b.requiredInt(pag, "page");
    int totalPages = b.requiredInt(pag, "total_pages");
    Pagination pagination =
        new Pagination(
            page,
            b.requiredInt(pag, "limit"),
            b.requiredLong(pag, "total"),
            totalPages,
            b.bool(pag, "has_next", page < totalPages),
            b.bool(pag, "has_prev", page > 1));
    return new ResultsPage(
        b.requiredText(root, "job_id"),
        b.text(root, "external_user_id"),
        JobStatus.fromApi(b.text(root, "status")),
        columns,
        List.copyOf(rows),
        List.copyOf(messages),
        pagination);
  }

  EnrichmentStatus enrichmentStatus(String endpoint, int status, String body) {
    Body b = object(endpoint, status, body);
    JsonNode root = b.root;
    return new EnrichmentStatus(
        status,
        b.requiredText(root, "job_id"),
        b.textList(root, "supported_addons"),
        b.textList(root, "applied_addons"),
        b.textList(root, "selected_addons"),
        b.textList(root, "fields_added"),
        b.bool(root, "enriched", false),
        b.bool(root, "fully_enriched", false),
        b.bool(root, "enrichment_requested", false),
        b.text(root, "status"),
        b.longValue(root, "estimated_cost"),
        b.bool(root, "replayed", false));
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
      root = body == null ? null : MAPPER.readTree(body);
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
      root = body == null ? null : MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException(endpoint, status, null, "not valid JSON", snippet(body));
    }
    if (root == null || !root.isObject()) {
      throw new MalformedResponseException(
          endpoint, status, null, "not a JSON object", snippet(body));
    }
    return new Body(endpoint, status, body, root);
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

    String text(JsonNode node, String name) {
      JsonNode n = node.get(name);
      if (n == null || n.isNull()) {
        return null;
      }
      if (!n.isValueNode()) {
        throw malformed("\"" + name + "\" is not a scalar");
      }
      return n.asText();
    }

    String requiredText(JsonNode node, String name) {
      String value = text(node, name);
      if (value == null || value.isEmpty()) {
        throw malformed("\"" + name + "\" is missing");
      }
      return value;
    }

    boolean bool(JsonNode node, String name, boolean fallback) {
      JsonNode n = node.get(name);
      if (n == null || n.isNull()) {
        return fallback;
      }
      if (n.isBoolean()) {
        return n.booleanValue();
      }
      if (n.isTextual() && ("true".equals(n.asText()) || "false".equals(n.asText()))) {
        return Boolean.parseBoolean(n.asText());
      }
      throw malformed("\"" + name + "\" is not a boolean");
    }

    Long longValue(JsonNode node, String name) {
      JsonNode n = node.get(name);
      if (n == null || n.isNull()) {
        return null;
      }
      if (n.isIntegralNumber() && n.canConvertToLong()) {
        return n.longValue();
      }
      if (n.isNumber() && n.asDouble() == Math.rint(n.asDouble())) {
        return (long) n.asDouble();
      }
      if (n.isTextual()) {
        try {
          return Long.parseLong(n.asText().trim());
        } catch (NumberFormatException e) {
          // fall through to the error below
        }
      }
      throw malformed("\"" + name + "\" is not an integer");
    }

    Integer integer(JsonNode node, String name) {
      Long value = longValue(node, name);
      if (value == null) {
        return null;
      }
      if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw malformed("\"" + name + "\" is out of range");
      }
      return value.intValue();
    }

    int requiredInt(JsonNode node, String name) {
      Integer value = integer(node, name);
      if (value == null) {
        throw malformed("\"" + name + "\" is missing");
      }
      return value;
    }

    long requiredLong(JsonNode node, String name) {
      Long value = longValue(node, name);
      if (value == null) {
        throw malformed("\"" + name + "\" is missing");
      }
      return value;
    }

    Instant instant(JsonNode node, String name) {
      String value = text(node, name);
      if (value == null || value.isEmpty()) {
        return null;
      }
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw malformed("\"" + name + "\" is not an ISO-8601 timestamp");
      }
    }

    List<String> textList(JsonNode node, String name) {
      JsonNode n = node.get(name);
      if (n == null || n.isNull()) {
        return List.of();
      }
      if (!n.isArray()) {
        throw malformed("\"" + name + "\" is not an array");
      }
      List<String> out = new ArrayList<>(n.size());
      for (JsonNode e : n) {
        if (e.isNull()) {
          throw malformed("\"" + name + "\" contains null");
        }
        out.add(asText(e));
      }
      return List.copyOf(out);
    }
  }
}
