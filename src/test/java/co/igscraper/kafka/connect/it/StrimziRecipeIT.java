package co.igscraper.kafka.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import co.igscraper.kafka.connect.Version;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.TopicNamer;
import co.igscraper.kafka.connect.source.SourceCursor;
import co.igscraper.kafka.connect.source.SpecPartition;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Strimzi resources the build renders into target/components/strimzi, checked against this
 * build and the recipe: the metrics ConfigMap, the archive's checksum, the connector's class,
 * config and offsets, and the Secret the config provider reads. No Kubernetes cluster is involved.
 */
class StrimziRecipeIT {
  private static final Path ARCHIVES = Path.of("target", "components", "packages");
  private static final Path RECIPE = Path.of("docs", "deploy", "strimzi.md");
  private static final String STRIMZI = "kafka.strimzi.io/v1";

  /** Aliases the operator adds to config.providers itself (KafkaConnectConfigurationBuilder). */
  private static final Set<String> OPERATOR_ALIASES =
      Set.of("strimzienv", "strimzifile", "strimzidir", "strimzisecrets");

  private static final Pattern SECRET_REF =
      Pattern.compile("\\$\\{([^:}]+):([^/:}]+)/([^:}]+):([^}]+)}");

  private static StrimziSchemas schemas;
  private static RenderedResources rendered;
  private static RenderedConnector connector;

  @BeforeAll
  static void load() throws Exception {
    schemas = new StrimziSchemas();
    rendered = new RenderedResources(RenderedResources.STRIMZI);
    connector = new RenderedConnector(rendered);
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
    JsonNode kafkaConnector = connector.resource();
    JsonNode connect = rendered.only("KafkaConnect");
    assertEquals(
        connect.at("/metadata/name").asText(),
        kafkaConnector.at("/metadata/labels").path("strimzi.io/cluster").asText());
    assertEquals(
        connect.at("/metadata/namespace").asText(),
        kafkaConnector.at("/metadata/namespace").asText());
    assertEquals(
        "true",
        connect.at("/metadata/annotations").path("strimzi.io/use-connector-resources").asText());

    Class<?> type = Class.forName(kafkaConnector.at("/spec/class").asText());
    assertEquals(IgScraperSourceConnector.class, type);
    assertTrue(SourceConnector.class.isAssignableFrom(type));

    Map<String, String> config = connector.config();
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
    StrimziSchemas.Forbidden connect = schemas.forbiddenConfig(STRIMZI, "KafkaConnect");
    assertTrue(connect.prefixes() && connect.names().contains("group.id"), connect.toString());
    connectConfig
        .fieldNames()
        .forEachRemaining(key -> assertFalse(connect.refuses(key), "KafkaConnect config " + key));

    StrimziSchemas.Forbidden kafkaConnector = schemas.forbiddenConfig(STRIMZI, "KafkaConnector");
    assertTrue(
        !kafkaConnector.prefixes() && kafkaConnector.names().contains("tasks.max"),
        kafkaConnector.toString());
    connector
        .config()
        .keySet()
        .forEach(key -> assertFalse(kafkaConnector.refuses(key), "KafkaConnector config " + key));
    assertTrue(connect.refuses("ssl.keystore.location") && !connect.refuses("ssl.protocol"));
  }

  @Test
  void theApiKeyIsReadFromTheSecretThroughTheDeclaredProvider() {
    JsonNode connect = rendered.only("KafkaConnect");
    String connectName = connect.at("/metadata/name").asText();
    String namespace = connect.at("/metadata/namespace").asText();
    String value = connector.config().get(IgScraperSourceConfig.API_KEY_CONFIG);
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
    Map<String, String> config = connector.config();
    List<JobSpec> specs = RenderedConnector.specs(config);
    TopicNamer topics = new TopicNamer(config.get(IgScraperSourceConfig.TOPIC_CONFIG));

    List<Map<String, Object>> entries = connector.offsetEntries();
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
      assertEquals(offset, cursor.toMap(), "exactly the run record's keys and types, as stored");
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
    Map<String, Object> entry = connector.offsetEntries().get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> offset = new HashMap<>((Map<String, Object>) entry.get("offset"));
    offset.put(key, RenderedConnector.OFFSETS.readValue(value, Object.class));
    @SuppressWarnings("unchecked")
    Map<String, ?> partition = (Map<String, Object>) entry.get("partition");
    Map<Map<String, ?>, Map<String, ?>> altered = Map.of(partition, offset);
    ConnectException refused =
        assertThrows(
            ConnectException.class,
            () -> new IgScraperSourceConnector().alterOffsets(connector.config(), altered));
    assertTrue(refused.getMessage().contains(named), refused.getMessage());
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

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
