package co.igscraper.kafka.connect.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The responses, bends and breakages that {@code ResponseParserPropertiesTest} generates, and how
 * they are applied to a Jackson tree and written as a body.
 */
final class ResponseParserPropertiesModel {
  static final String SECRET = "sk_live_pr0pert1es_s3cr3t";
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ENRICHMENT_FIELDS =
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
  private static final List<String> ENRICHMENT_INFORMATIONAL =
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

  private ResponseParserPropertiesModel() {}

  /** One endpoint: the field names the docs give per object, and its informational fields. */
  enum Endpoint {
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
                "job_id",
                "external_user_id",
                "status",
                "columns",
                "data",
                "messages",
                "pagination"),
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
        Map.of("", ENRICHMENT_FIELDS),
        ENRICHMENT_INFORMATIONAL),
    START_ENRICHMENT(
        IgScraperClient.START_ENRICHMENT,
        List.of(""),
        Map.of("", ENRICHMENT_FIELDS),
        ENRICHMENT_INFORMATIONAL);

    final String path;
    final List<String> containers;
    final Map<String, Set<String>> known;
    final List<String> informational;

    Endpoint(
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
  }

  /** How a tree is put on the wire. */
  enum Wire {
    COMPACT,
    PRETTY,
    BYTE_ORDER_MARK
  }

  /** A documented response and the record the parser must make of it. */
  record Valid(Endpoint endpoint, int httpStatus, ObjectNode body, Object expected) {
    ObjectNode copy() {
      return body.deepCopy();
    }

    @Override
    public String toString() {
      return endpoint + " " + httpStatus + " " + abbreviate(render(body));
    }
  }

  /** One JSON value a server might send where another was documented. */
  record Payload(String kind, JsonNode node) {
    @Override
    public String toString() {
      return kind + " " + abbreviate(render(node));
    }
  }

  /** What a bend does to a field. */
  enum Op {
    REPLACE,
    REMOVE,
    ADD_UNKNOWN
  }

  /**
   * A bend of one informational field: {@code path} is the field (REPLACE, REMOVE) or the object
   * that gets the unknown member {@code name} (ADD_UNKNOWN, "" for the top level).
   */
  record Mutation(Op op, String path, String name, Payload payload) {
    static Mutation replace(String path, Payload payload) {
      return new Mutation(Op.REPLACE, path, null, payload);
    }

    static Mutation remove(String path) {
      return new Mutation(Op.REMOVE, path, null, null);
    }

    static Mutation addUnknown(String container, String name, Payload payload) {
      return new Mutation(Op.ADD_UNKNOWN, container, name, payload);
    }

    void applyTo(ObjectNode root) {
      switch (op) {
        case REPLACE -> parent(root, path, true).set(leaf(path), payload.node().deepCopy());
        case REMOVE -> {
          ObjectNode parent = parent(root, path, false);
          if (parent != null) {
            parent.remove(leaf(path));
          }
        }
        case ADD_UNKNOWN ->
            (path.isEmpty() ? root : objectAt(root, path)).set(name, payload.node().deepCopy());
      }
    }

    @Override
    public String toString() {
      return switch (op) {
        case REPLACE -> "replace " + path + " with " + payload;
        case REMOVE -> "remove " + path;
        case ADD_UNKNOWN ->
            "add " + (path.isEmpty() ? "" : path + ".") + abbreviate(name) + " = " + payload;
      };
    }
  }

  /** A valid response bent by several mutations, written in one wire form. */
  record Mutated(Valid valid, List<Mutation> mutations, Wire wire) {
    ObjectNode body() {
      ObjectNode root = valid.copy();
      mutations.forEach(m -> m.applyTo(root));
      return root;
    }
  }

  /** A valid response with one deviation that must be counted under {@code field}. */
  record Deviated(Valid valid, Mutation mutation, String field) {}

  /** How a progress field is broken. */
  enum BreakKind {
    REMOVE,
    REPLACE,
    DATA_ELEMENT
  }

  /** A progress field made unusable; DATA_ELEMENT replaces element {@code index % size}. */
  record ProgressBreak(BreakKind kind, String field, Payload value, int index) {
    void applyTo(ObjectNode root) {
      switch (kind) {
        case REMOVE -> root.remove(field);
        case REPLACE -> root.set(field, value.node().deepCopy());
        case DATA_ELEMENT -> {
          ArrayNode data = (ArrayNode) root.get("data");
          if (data.isEmpty()) {
            data.add(value.node().deepCopy());
          } else {
            data.set(index % data.size(), value.node().deepCopy());
          }
        }
      }
    }

    @Override
    public String toString() {
      return switch (kind) {
        case REMOVE -> "remove " + field;
        case REPLACE -> "replace " + field + " with " + value;
        case DATA_ELEMENT -> "data[" + index + " % size] = " + value;
      };
    }
  }

  /** A response whose progress field is broken, with noise in its informational fields. */
  record Broken(
      Valid valid, List<Mutation> noise, ProgressBreak broken, boolean echoSecret, Wire wire) {
    String json() {
      ObjectNode root = valid.copy();
      noise.forEach(m -> m.applyTo(root));
      if (echoSecret) {
        root.put("x_echo", "Authorization: Bearer " + SECRET);
      }
      broken.applyTo(root);
      return write(root, wire);
    }
  }

  /** A body that is no JSON object at all; {@code body} may be null. */
  record BrokenBody(Valid valid, String kind, String body) {
    @Override
    public String toString() {
      return valid.endpoint() + " " + valid.httpStatus() + " " + kind + ": " + abbreviate(body);
    }
  }

  /**
   * One form of a pagination member: {@code wire} is what is sent (null: the member is left out),
   * {@code meaning} what it says (null: nothing readable).
   */
  record Form<T>(String kind, JsonNode wire, T meaning) {
    @Override
    public String toString() {
      return kind + (wire == null ? "" : " " + abbreviate(render(wire))) + " => " + meaning;
    }
  }

  /** A results page with chosen pagination forms, and the page and limit the client asked for. */
  record PagedCase(
      Valid page,
      Form<Boolean> hasNext,
      Form<Integer> totalPages,
      Form<Integer> limit,
      boolean dropPagination,
      int requestedPage,
      int requestedLimit) {
    String json() {
      ObjectNode root = page.copy();
      ObjectNode pagination = (ObjectNode) root.get("pagination");
      setOrRemove(pagination, "has_next", hasNext.wire());
      setOrRemove(pagination, "total_pages", totalPages.wire());
      setOrRemove(pagination, "limit", limit.wire());
      if (dropPagination) {
        root.remove("pagination");
      }
      return write(root, Wire.COMPACT);
    }

    int rows() {
      return ((ResultsPage) page.expected()).data().size();
    }

    private static void setOrRemove(ObjectNode node, String name, JsonNode value) {
      if (value == null) {
        node.remove(name);
      } else {
        node.set(name, value.deepCopy());
      }
    }
  }

  /** A job status as sent and the state it names. */
  record StatusSpelling(String wire, JobStatus expected) {}

  /**
   * Whether the tree certainly holds a deviation the parser must count: a member the docs do not
   * name in an object the parser reads, an object where a scalar or list is documented, or a
   * pagination that is not an object.
   */
  static boolean deviatesCertainly(Endpoint endpoint, ObjectNode root) {
    for (String container : endpoint.containers) {
      JsonNode node = container.isEmpty() ? root : root.get(container);
      if (node instanceof ObjectNode object) {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
          if (!endpoint.knows(container, member.getKey())) {
            return true;
          }
        }
      }
    }
    for (String path : endpoint.scalarPaths()) {
      JsonNode parent = path.contains(".") ? root.get(path.substring(0, path.indexOf('.'))) : root;
      JsonNode value = parent instanceof ObjectNode ? parent.get(leaf(path)) : null;
      if (value != null && value.isObject() && !wrapsNothing(value)) {
        return true;
      }
    }
    JsonNode pagination = root.get("pagination");
    return endpoint == Endpoint.RESULTS
        && pagination != null
        && !pagination.isNull()
        && !pagination.isObject();
  }

  /**
   * Whether {@code node} is null or a one-member object or one-element array around nothing. The
   * parser reads these in a number as absent and does not count them, which only
   * containersAroundNothingInDocumentedNumbersFlagsAndTimesAreCounted asserts against.
   */
  static boolean wrapsNothing(JsonNode node) {
    if (node == null || node.isNull()) {
      return true;
    }
    if (node.isContainerNode() && node.size() == 1) {
      return wrapsNothing(node.elements().next());
    }
    return false;
  }

  static String write(JsonNode node, Wire wire) {
    try {
      return switch (wire) {
        case COMPACT -> JSON.writeValueAsString(node);
        case PRETTY -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        case BYTE_ORDER_MARK -> "\uFEFF" + JSON.writeValueAsString(node);
      };
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON number token written as is: exponents and digits a BigDecimal would rewrite. */
  static JsonNode rawNumber(String token) {
    return NODES.rawValueNode(new RawValue(token));
  }

  static String render(JsonNode node) {
    if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw) {
      return String.valueOf(raw.rawValue());
    }
    return write(node, Wire.COMPACT);
  }

  static String abbreviate(String text) {
    if (text == null) {
      return "null";
    }
    String shown =
        text.chars()
            .limit(160)
            .mapToObj(c -> c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c))
            .collect(Collectors.joining());
    return text.length() > 160 ? shown + "... (" + text.length() + " chars)" : shown;
  }

  private static ObjectNode parent(ObjectNode root, String path, boolean create) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      return root;
    }
    String head = path.substring(0, dot);
    if (create) {
      return objectAt(root, head);
    }
    return root.get(head) instanceof ObjectNode object ? object : null;
  }

  /** The object member {@code name} of {@code root}, made an object if it was anything else. */
  private static ObjectNode objectAt(ObjectNode root, String name) {
    return root.get(name) instanceof ObjectNode object ? object : root.putObject(name);
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
