package co.igscraper.kafka.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Strimzi resources the build renders into target/components/strimzi, checked against the CRDs
 * of Strimzi 1.2.0: every document strictly against its schema, broken variants refused, the CEL
 * rules JSON Schema skips, and the CRD copies themselves. No Kubernetes cluster is involved.
 */
class StrimziSchemaIT {
  private static final Path SOURCES = Path.of("docs", "deploy", "strimzi");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Kubernetes' own kinds, which no Strimzi CRD describes. */
  private static final Set<String> CORE_KINDS =
      Set.of(
          "v1/Secret",
          "v1/ConfigMap",
          "rbac.authorization.k8s.io/v1/Role",
          "rbac.authorization.k8s.io/v1/RoleBinding");

  private static final String JMX_NEEDS_VALUE_FROM =
      "self.type != 'jmxPrometheusExporter' || has(self.valueFrom)";

  /** The CRDs' CEL rules, which JSON Schema skips, as Java; a rule not here fails the test. */
  private static final Map<String, Predicate<JsonNode>> CEL_RULES =
      Map.of(
          JMX_NEEDS_VALUE_FROM,
          self ->
              !"jmxPrometheusExporter".equals(self.path("type").asText()) || self.has("valueFrom"));

  private static StrimziSchemas schemas;
  private static RenderedResources rendered;

  @BeforeAll
  static void load() throws Exception {
    schemas = new StrimziSchemas();
    rendered = new RenderedResources(RenderedResources.STRIMZI);
  }

  @Test
  void everySourceFileIsRenderedWithNoTokenLeft() throws Exception {
    assertEquals(
        names(RenderedResources.yamlFiles(SOURCES)),
        names(rendered.byFile().keySet()),
        "rendered from docs");
    Pattern token = Pattern.compile("@[A-Z0-9_]+@");
    for (Path file : rendered.byFile().keySet()) {
      Matcher left = token.matcher(Files.readString(file));
      assertFalse(left.find(), () -> file + " still has " + left.group());
    }
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentMatchesItsSchema() {
    return rendered.byFile().entrySet().stream()
        .flatMap(
            file ->
                file.getValue().stream()
                    .map(
                        doc ->
                            DynamicTest.dynamicTest(
                                file.getKey().getFileName()
                                    + ": "
                                    + doc.path("kind").asText()
                                    + " "
                                    + doc.at("/metadata/name").asText(),
                                () -> checkSchema(doc))));
  }

  private static void checkSchema(JsonNode doc) {
    assertFalse(doc.at("/metadata/name").asText().isEmpty(), "metadata.name");
    String key = StrimziSchemas.key(doc);
    if (key.startsWith("kafka.strimzi.io/")) {
      assertEquals(List.of(), schemas.errors(doc));
    } else {
      assertTrue(CORE_KINDS.contains(key), key + " is neither a Strimzi CRD nor a known kind");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "artifact type not in the enum|KafkaConnect|set|/spec/build/plugins/0/artifacts/0/type|\"zipp\"|enum",
        "artifact url not http(s)|KafkaConnect|set|/spec/build/plugins/0/artifacts/0/url|\"s3://bucket/a.zip\"|pattern",
        "plugin name with capitals|KafkaConnect|set|/spec/build/plugins/0/name|\"IgScraper\"|pattern",
        "build output without an image|KafkaConnect|remove|/spec/build/output/image||required",
        "missing groupId (required in v1)|KafkaConnect|remove|/spec/groupId||required",
        "externalConfiguration (removed in v1)|KafkaConnect|set|/spec/externalConfiguration|{\"env\":[]}|additionalProperties",
        "metrics type misspelt|KafkaConnect|set|/spec/metricsConfig/type|\"jmxPrometheusExporterr\"|enum",
        "replicas as text|KafkaConnect|set|/spec/replicas|\"one\"|type",
        "autoRestart.maxRestart typo|KafkaConnector|rename|/spec/autoRestart/maxRestarts|maxRestart|additionalProperties",
        "tasksMax 0|KafkaConnector|set|/spec/tasksMax|0|minimum",
        "state started|KafkaConnector|set|/spec/state|\"started\"|enum",
        "alterOffsets without fromConfigMap|KafkaConnector|remove|/spec/alterOffsets/fromConfigMap||required"
      })
  void brokenVariantsAreRefused(
      String label, String kind, String edit, String pointer, String value, String keyword)
      throws Exception {
    JsonNode original = rendered.only(kind);
    assertEquals(List.of(), schemas.errors(original), "the unedited " + kind);
    JsonNode broken = original.deepCopy();
    JsonPointer at = JsonPointer.compile(pointer);
    ObjectNode parent = (ObjectNode) broken.at(at.head());
    String field = at.last().getMatchingProperty();
    assertTrue(edit.equals("set") || parent.has(field), pointer + " exists in the " + kind);
    switch (edit) {
      case "set" -> parent.set(field, JSON.readTree(value));
      case "remove" -> parent.remove(field);
      case "rename" -> parent.set(value, parent.remove(field));
      default -> throw new IllegalArgumentException(edit);
    }
    List<String> errors = schemas.errors(broken);
    assertTrue(errors.stream().anyMatch(e -> e.contains("[" + keyword + "]")), errors.toString());
  }

  @Test
  void theCelRulesJsonSchemaSkipsHoldToo() {
    int evaluated = 0;
    for (StrimziSchemas.CelRule rule : schemas.celRules()) {
      for (JsonNode doc : rendered.all(rule.kind())) {
        for (JsonNode self : rule.targets(doc)) {
          Predicate<JsonNode> check = CEL_RULES.get(rule.rule());
          assertNotNull(
              check, "CEL rule not evaluated here, at " + rule.path() + ": " + rule.rule());
          assertTrue(check.test(self), rule.rule() + " at " + rule.path());
          evaluated++;
        }
      }
    }
    assertTrue(evaluated >= 1, "the metricsConfig rule applies");
    JsonNode withoutValueFrom = JSON.createObjectNode().put("type", "jmxPrometheusExporter");
    assertFalse(CEL_RULES.get(JMX_NEEDS_VALUE_FROM).test(withoutValueFrom), "the rule has teeth");
  }

  @Test
  void theCrdCopiesAreTheTaggedBlobs() throws Exception {
    String readme = Files.readString(StrimziSchemas.CRDS.resolve("README.md"));
    for (String file : StrimziSchemas.CRD_FILES) {
      byte[] content = Files.readAllBytes(StrimziSchemas.CRDS.resolve(file));
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
      String blob = HexFormat.of().formatHex(sha1.digest(content));
      assertTrue(
          readme
              .lines()
              .anyMatch(l -> l.contains("`" + file + "`") && l.contains("`" + blob + "`")),
          file + " is blob " + blob + " as README.md says");
    }
  }

  private static Set<String> names(Collection<Path> files) {
    Set<String> names = new TreeSet<>();
    files.forEach(f -> names.add(f.getFileName().toString()));
    return names;
  }
}
