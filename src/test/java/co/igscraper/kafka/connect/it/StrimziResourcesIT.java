package co.igscraper.kafka.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import co.igscraper.kafka.connect.Version;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.JobSpecParser;
import co.igscraper.kafka.connect.config.TopicNamer;
import co.igscraper.kafka.connect.source.SourceCursor;
import co.igscraper.kafka.connect.source.SpecPartition;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Strimzi resources the build renders into target/components/strimzi, checked against the CRDs
 * of Strimzi 1.2.0 and against this build: the archive's checksum, the connector's class, config
 * and offsets, and the Secret the config provider reads. No Kubernetes cluster is involved.
 */
class StrimziResourcesIT {
  private static final Path SOURCES = Path.of("docs", "deploy", "strimzi");
  private static final Path RENDERED = Path.of("target", "components", "strimzi");
  private static final Path ARCHIVES = Path.of("target", "components", "packages");
  private static final Path RECIPE = Path.of("docs", "deploy", "strimzi.md");
  private static final List<String> CRD_FILES =
      List.of("041-Crd-kafkaconnect.yaml", "047-Crd-kafkaconnector.yaml");
  private static final String STRIMZI = "kafka.strimzi.io/v1";

  /** Kubernetes' own kinds, which no Strimzi CRD describes. */
  private static final Set<String> CORE_KINDS =
      Set.of(
          "v1/Secret",
          "v1/ConfigMap",
          "rbac.authorization.k8s.io/v1/Role",
          "rbac.authorization.k8s.io/v1/RoleBinding");

  /** Aliases the operator adds to config.providers itself (KafkaConnectConfigurationBuilder). */
  private static final Set<String> OPERATOR_ALIASES =
      Set.of("strimzienv", "strimzifile", "strimzidir", "strimzisecrets");

  private static final Pattern SECRET_REF =
      Pattern.compile("\\$\\{([^:}]+):([^/:}]+)/([^:}]+):([^}]+)}");

  private static final String JMX_NEEDS_VALUE_FROM =
      "self.type != 'jmxPrometheusExporter' || has(self.valueFrom)";

  /** The CRDs' CEL rules, which JSON Schema skips, as Java; a rule not here fails the test. */
  private static final Map<String, Predicate<JsonNode>> CEL_RULES =
      Map.of(
          JMX_NEEDS_VALUE_FROM,
          self ->
              !"jmxPrometheusExporter".equals(self.path("type").asText()) || self.has("valueFrom"));

  /** Offsets as Connect reads them back: whole numbers are longs. */
  private static final ObjectMapper OFFSETS =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private static StrimziSchemas schemas;
  private static RenderedResources rendered;

  @BeforeAll
  static void load() throws Exception {
    schemas = new StrimziSchemas(CRD_FILES);
    rendered = new RenderedResources(RENDERED);
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
      case "set" -> parent.set(field, OFFSETS.readTree(value));
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
    JsonNode withoutValueFrom = OFFSETS.createObjectNode().put("type", "jmxPrometheusExporter");
    assertFalse(CEL_RULES.get(JMX_NEEDS_VALUE_FROM).test(withoutValueFrom), "the rule has teeth");
  }

  @Test
  void theMetricsComeFromTheConfigMapTheRecipeCreates() throws Exception {
    JsonNode ref =
        rendered.only("KafkaConnect").at("/spec/metricsConfig/valueFrom/configMapKeyRef");
    Matcher create =
        Pattern.compile("kubectl create configmap (\\S+) .*?--from-file=([^=\\s]+)=(\\S+)")
            .matcher(Files.readString(RECIPE));
    assertTrue(create.find(), "the recipe creates the metrics ConfigMap");
    assertEquals(create.group(1), ref.path("name").asText());
    assertEquals(create.group(2), ref.path("key").asText());
    JsonNode rules = StrimziSchemas.YAML.readTree(Path.of(create.group(3)).toFile());
    assertTrue(rules.path("rules").size() > 0, create.group(3) + " has exporter rules");
  }

  @Test
  void theArtifactIsTheBuiltArchiveWithItsChecksum() throws Exception {
    String version = Version.get();
    Path zip = ARCHIVES.resolve("igscraper-kafka-connect-igscraper-" + version + ".zip");
    assertTrue(Files.isRegularFile(zip), zip + " (run after package)");
    String sha512 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(zip)));

    JsonNode build = rendered.only("KafkaConnect").at("/spec/build");
    JsonNode artifacts = build.at("/plugins/0/artifacts");
    assertEquals(1, build.path("plugins").size());
    assertEquals(1, artifacts.size());
    JsonNode artifact = artifacts.get(0);
    assertEquals("zip", artifact.path("type").asText());
    String sum = artifact.path("sha512sum").asText();
    assertTrue(sum.matches("[0-9a-f]{128}"), sum);
    assertEquals(sha512, sum, "the SHA-512 of " + zip);
    String url = artifact.path("url").asText();
    assertTrue(url.endsWith("/v" + version + "/" + zip.getFileName()), url);
    assertTrue(build.at("/output/image").asText().endsWith(":" + version));

    // The file released next to the zip, in sha512sum -c format.
    String[] line = Files.readString(Path.of(zip + ".sha512")).trim().split("\\s+");
    assertEquals(List.of(sha512, zip.getFileName().toString()), Arrays.asList(line));
  }

  @Test
  void theConnectorIsThisConnectorAndItsConfigValidates() throws Exception {
    JsonNode connector = rendered.only("KafkaConnector");
    JsonNode connect = rendered.only("KafkaConnect");
    assertEquals(
        connect.at("/metadata/name").asText(),
        connector.at("/metadata/labels").path("strimzi.io/cluster").asText());
    assertEquals(
        connect.at("/metadata/namespace").asText(), connector.at("/metadata/namespace").asText());
    assertEquals(
        "true",
        connect.at("/metadata/annotations").path("strimzi.io/use-connector-resources").asText());

    Class<?> type = Class.forName(connector.at("/spec/class").asText());
    assertEquals(IgScraperSourceConnector.class, type);
    assertTrue(SourceConnector.class.isAssignableFrom(type));

    Map<String, String> config = connectorConfig();
    assertEquals(Map.of(), errorsOf(config), "validate() of the KafkaConnector's config");
    Map<String, String> noKey = new HashMap<>(config);
    noKey.remove(IgScraperSourceConfig.API_KEY_CONFIG);
    assertTrue(
        errorsOf(noKey).containsKey(IgScraperSourceConfig.API_KEY_CONFIG),
        "validate() does look at these keys");
  }

  @Test
  void neitherConfigSetsWhatTheOperatorForbids() {
    JsonNode connectConfig = rendered.only("KafkaConnect").at("/spec/config");
    Forbidden connect =
        forbidden(description("KafkaConnect", "/properties/spec/properties/config"));
    assertTrue(connect.prefixes() && connect.names().contains("group.id"), connect.toString());
    connectConfig
        .fieldNames()
        .forEachRemaining(key -> assertFalse(connect.refuses(key), "KafkaConnect config " + key));

    Forbidden connector =
        forbidden(description("KafkaConnector", "/properties/spec/properties/config"));
    assertTrue(
        !connector.prefixes() && connector.names().contains("tasks.max"), connector.toString());
    connectorConfig()
        .keySet()
        .forEach(key -> assertFalse(connector.refuses(key), "KafkaConnector config " + key));
    assertTrue(connect.refuses("ssl.keystore.location") && !connect.refuses("ssl.protocol"));
  }

  @Test
  void theApiKeyIsReadFromTheSecretThroughTheDeclaredProvider() {
    JsonNode connect = rendered.only("KafkaConnect");
    String connectName = connect.at("/metadata/name").asText();
    String namespace = connect.at("/metadata/namespace").asText();
    String value = connectorConfig().get(IgScraperSourceConfig.API_KEY_CONFIG);
    Matcher ref = SECRET_REF.matcher(value);
    assertTrue(ref.matches(), value + " is ${alias:namespace/secret:key}");
    String alias = ref.group(1);
    String secret = ref.group(3);
    String key = ref.group(4);
    assertEquals(namespace, ref.group(2));

    JsonNode connectConfig = connect.at("/spec/config");
    List<String> aliases =
        Arrays.stream(connectConfig.path("config.providers").asText().split(","))
            .map(String::trim)
            .toList();
    assertTrue(aliases.contains(alias), aliases + " declares " + alias);
    assertFalse(OPERATOR_ALIASES.contains(alias), alias + " is the operator's");
    assertEquals(
        "io.strimzi.kafka.KubernetesSecretConfigProvider",
        connectConfig.path("config.providers." + alias + ".class").asText());
    assertEquals(
        ConfigDef.Type.PASSWORD,
        IgScraperSourceConfig.CONFIG_DEF
            .configKeys()
            .get(IgScraperSourceConfig.API_KEY_CONFIG)
            .type,
        "the resolved key is never shown");

    JsonNode stored = rendered.named("Secret", secret, namespace);
    assertTrue(stored.at("/stringData").has(key) || stored.at("/data").has(key), key);
    JsonNode binding = rendered.only("RoleBinding");
    assertEquals(namespace, binding.at("/metadata/namespace").asText());
    assertEquals("Role", binding.at("/roleRef/kind").asText());
    JsonNode subject = binding.at("/subjects/0");
    assertEquals(
        List.of("ServiceAccount", connectName + "-connect", namespace),
        List.of(
            subject.path("kind").asText(),
            subject.path("name").asText(),
            subject.path("namespace").asText()));
    JsonNode rule =
        rendered.named("Role", binding.at("/roleRef/name").asText(), namespace).at("/rules/0");
    assertEquals(List.of(""), texts(rule.path("apiGroups")));
    assertEquals(List.of("secrets"), texts(rule.path("resources")));
    assertEquals(List.of(secret), texts(rule.path("resourceNames")));
    assertEquals(List.of("get"), texts(rule.path("verbs")));
  }

  @Test
  void theOffsetsToAlterAreTheConnectorsOwnFormat() throws Exception {
    JsonNode connector = rendered.only("KafkaConnector");
    JsonNode offsets = offsetsConfigMap(connector);
    Map<String, String> config = connectorConfig();
    List<JobSpec> specs = specs(config);
    TopicNamer topics = new TopicNamer(config.get(IgScraperSourceConfig.TOPIC_CONFIG));

    List<Map<String, Object>> entries = entries(offsets);
    assertFalse(entries.isEmpty());
    Map<Map<String, ?>, Map<String, ?>> altered = new HashMap<>();
    for (Map<String, Object> entry : entries) {
      @SuppressWarnings("unchecked")
      Map<String, Object> partition = (Map<String, Object>) entry.get("partition");
      @SuppressWarnings("unchecked")
      Map<String, Object> offset = (Map<String, Object>) entry.get("offset");
      String name = SpecPartition.specName(partition);
      assertEquals(SpecPartition.of(name), partition, "the partition the connector writes");
      JobSpec spec =
          specs.stream()
              .filter(s -> s.name().equals(name))
              .findFirst()
              .orElseThrow(() -> new AssertionError(name + " is a spec of the KafkaConnector"));

      SourceCursor cursor = SourceCursor.fromMap(offset);
      assertEquals(offset, cursor.toMap(), "exactly the keys and types the connector stores");
      assertEquals(spec.contentHash(), cursor.specHash(), "spec_hash of the spec as configured");
      assertEquals(name, cursor.originName());
      assertEquals(spec.externalUserId(), offset.get("external_user_id"));
      assertEquals(spec.toolType(), offset.get("tool_type"));
      assertEquals(topics.topicFor(spec), offset.get("topic"));
      altered.put(partition, offset);
    }
    assertTrue(new IgScraperSourceConnector().alterOffsets(config, altered));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "page|\"one\"|'page'",
        "page_size|500|page_size",
        "v|3|'v'",
        "spec_name|\"natgeo-followers\"|'spec_name'",
        "job_id|null|job_id"
      })
  void offsetEditsTheConnectorRefuses(String key, String value, String named) throws Exception {
    Map<String, Object> entry = entries(offsetsConfigMap(rendered.only("KafkaConnector"))).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> offset = new HashMap<>((Map<String, Object>) entry.get("offset"));
    offset.put(key, OFFSETS.readValue(value, Object.class));
    @SuppressWarnings("unchecked")
    Map<String, ?> partition = (Map<String, Object>) entry.get("partition");
    Map<Map<String, ?>, Map<String, ?>> altered = Map.of(partition, offset);
    ConnectException refused =
        assertThrows(
            ConnectException.class,
            () -> new IgScraperSourceConnector().alterOffsets(connectorConfig(), altered));
    assertTrue(refused.getMessage().contains(named), refused.getMessage());
  }

  @Test
  void theCrdCopiesAreTheTaggedBlobs() throws Exception {
    String readme = Files.readString(StrimziSchemas.CRDS.resolve("README.md"));
    for (String file : CRD_FILES) {
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

  /** The specs of a config, parsed by the connector's own parser. */
  private static List<JobSpec> specs(Map<String, String> config) {
    JobSpecParser.Result parsed =
        JobSpecParser.parse(config.get(IgScraperSourceConfig.JOBS_CONFIG));
    assertEquals(List.of(), parsed.errors());
    return parsed.specs();
  }

  /** What the operator forbids in a config, as the CRD's description of it says. */
  private record Forbidden(boolean prefixes, List<String> names, List<String> exceptions) {
    boolean refuses(String key) {
      if (exceptions.contains(key)) {
        return false;
      }
      return names.stream().anyMatch(n -> prefixes ? key.startsWith(n) : key.equals(n));
    }
  }

  private static Forbidden forbidden(String description) {
    Matcher m =
        Pattern.compile("cannot be set: (.+?)\\.?(?: \\(with the exception of: (.+)\\))?\\.$")
            .matcher(description);
    assertTrue(m.find(), description);
    return new Forbidden(
        description.contains("prefixes"),
        List.of(m.group(1).split(", ")),
        m.group(2) == null ? List.of() : List.of(m.group(2).split(", ")));
  }

  private static String description(String kind, String schemaPointer) {
    return schemas.crdSchema(STRIMZI, kind).at(schemaPointer + "/description").asText();
  }

  private static Map<String, List<String>> errorsOf(Map<String, String> config) {
    Map<String, List<String>> errors = new HashMap<>();
    for (ConfigValue value : new IgScraperSourceConnector().validate(config).configValues()) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), value.errorMessages());
      }
    }
    return errors;
  }

  /** spec.config as the operator hands it to Connect: every value a string. */
  private static Map<String, String> connectorConfig() {
    Map<String, String> config = new HashMap<>();
    rendered
        .only("KafkaConnector")
        .at("/spec/config")
        .properties()
        .forEach(
            e -> {
              assertTrue(e.getValue().isValueNode(), e.getKey());
              config.put(e.getKey(), e.getValue().asText());
            });
    return config;
  }

  private static JsonNode offsetsConfigMap(JsonNode connector) {
    String name = connector.at("/spec/alterOffsets/fromConfigMap/name").asText();
    return rendered.named("ConfigMap", name, connector.at("/metadata/namespace").asText());
  }

  private static List<Map<String, Object>> entries(JsonNode configMap) throws Exception {
    String json = configMap.at("/data").path("offsets.json").asText();
    Map<String, List<Map<String, Object>>> parsed =
        OFFSETS.readValue(json, new TypeReference<Map<String, List<Map<String, Object>>>>() {});
    assertEquals(Set.of("offsets"), parsed.keySet());
    return parsed.get("offsets");
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static Set<String> names(Collection<Path> files) {
    Set<String> names = new TreeSet<>();
    files.forEach(f -> names.add(f.getFileName().toString()));
    return names;
  }
}
