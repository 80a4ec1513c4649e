package co.igscraper.kafka.connect.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The openAPIV3Schema of each served version of Strimzi's CRDs (src/test/resources/strimzi), closed
 * the way the API server's strict field validation closes them.
 *
 * <p>JSON Schema allows unknown properties; Kubernetes prunes or refuses them. So every object node
 * with {@code properties} and without {@code x-kubernetes-preserve-unknown-fields} gets {@code
 * additionalProperties: false}. CEL rules ({@code x-kubernetes-validations}) are not JSON Schema:
 * {@link #celRules} lists them for the caller to evaluate.
 */
final class StrimziSchemas {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Path CRDS = Path.of("src", "test", "resources", "strimzi");
  static final List<String> CRD_FILES =
      List.of("041-Crd-kafkaconnect.yaml", "047-Crd-kafkaconnector.yaml");

  /**
   * Draft 4, which Kubernetes' structural schemas follow, knowing its extensions validate nothing.
   */
  private static final Dialect KUBERNETES_DRAFT_4 =
      Dialect.builder(Dialects.getDraft4())
          .keywords(
              Stream.of(
                      "x-kubernetes-preserve-unknown-fields",
                      "x-kubernetes-int-or-string",
                      "x-kubernetes-validations",
                      "example")
                  .map(NonValidationKeyword::new)
                  .toList())
          .build();

  /** A CEL rule and where in a resource it applies ({@code *} for any element of an array). */
  record CelRule(String kind, List<String> path, String rule) {
    /** The nodes of a document the rule applies to. */
    List<JsonNode> targets(JsonNode document) {
      List<JsonNode> nodes = List.of(document);
      for (String step : path) {
        List<JsonNode> next = new ArrayList<>();
        for (JsonNode node : nodes) {
          if (step.equals("*")) {
            node.forEach(next::add);
          } else if (node.has(step)) {
            next.add(node.get(step));
          }
        }
        nodes = next;
      }
      return nodes;
    }
  }

  /** What the operator forbids in a config, as the CRD's description of it says. */
  record Forbidden(boolean prefixes, List<String> names, List<String> exceptions) {
    boolean refuses(String key) {
      if (exceptions.contains(key)) {
        return false;
      }
      return names.stream().anyMatch(n -> prefixes ? key.startsWith(n) : key.equals(n));
    }
  }

  private final Map<String, Schema> schemas = new HashMap<>();
  private final Map<String, JsonNode> crds = new HashMap<>();
  private final List<CelRule> celRules = new ArrayList<>();

  StrimziSchemas() throws IOException {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(KUBERNETES_DRAFT_4);
    for (String file : CRD_FILES) {
      JsonNode crd = YAML.readTree(CRDS.resolve(file).toFile());
      String group = crd.at("/spec/group").asText();
      String kind = crd.at("/spec/names/kind").asText();
      for (JsonNode version : crd.at("/spec/versions")) {
        if (!version.path("served").asBoolean()) {
          continue;
        }
        JsonNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
        String key = group + "/" + version.get("name").asText() + "/" + kind;
        collectCelRules(kind, schema, new ArrayList<>());
        close(schema);
        schemas.put(key, registry.getSchema(schema));
        crds.put(key, version.at("/schema/openAPIV3Schema"));
      }
    }
  }

  /** The schema for a document's apiVersion and kind, if one of the CRDs serves it. */
  Optional<Schema> schemaFor(JsonNode document) {
    return Optional.ofNullable(schemas.get(key(document)));
  }

  /** The unmodified schema node of a served version, to read descriptions from. */
  JsonNode crdSchema(String apiVersion, String kind) {
    return crds.get(apiVersion + "/" + kind);
  }

  /** What the operator forbids in spec.config of a served version, read from its description. */
  Forbidden forbiddenConfig(String apiVersion, String kind) {
    String description =
        crdSchema(apiVersion, kind).at("/properties/spec/properties/config/description").asText();
    Matcher m =
        Pattern.compile("cannot be set: (.+?)\\.?(?: \\(with the exception of: (.+)\\))?\\.$")
            .matcher(description);
    assertTrue(m.find(), description);
    return new Forbidden(
        description.contains("prefixes"),
        List.of(m.group(1).split(", ")),
        m.group(2) == null ? List.of() : List.of(m.group(2).split(", ")));
  }

  /** Schema violations of a document, as "location: message" lines. */
  List<String> errors(JsonNode document) {
    Schema schema =
        schemaFor(document)
            .orElseThrow(() -> new AssertionError("no served CRD version for " + key(document)));
    return schema.validate(document).stream()
        .map(e -> e.getInstanceLocation() + " [" + e.getKeyword() + "]: " + e.getMessage())
        .toList();
  }

  List<CelRule> celRules() {
    return celRules;
  }

  static String key(JsonNode document) {
    return document.path("apiVersion").asText() + "/" + document.path("kind").asText();
  }

  /** Every document of a (multi-document) YAML file. */
  static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && !document.isMissingNode() && !document.isNull()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  private void collectCelRules(String kind, JsonNode schema, List<String> path) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      celRules.add(new CelRule(kind, List.copyOf(path), rule.path("rule").asText()));
    }
    schema
        .path("properties")
        .properties()
        .forEach(
            e -> {
              path.add(e.getKey());
              collectCelRules(kind, e.getValue(), path);
              path.remove(path.size() - 1);
            });
    if (schema.has("items")) {
      path.add("*");
      collectCelRules(kind, schema.get("items"), path);
      path.remove(path.size() - 1);
    }
  }

  private static void close(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if ("object".equals(object.path("type").asText())
          && object.has("properties")
          && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        object.put("additionalProperties", false);
      }
      object.properties().forEach(e -> close(e.getValue()));
    } else if (node instanceof ArrayNode array) {
      array.forEach(StrimziSchemas::close);
    }
  }
}
