package co.igscraper.kafka.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file in config/ parses, and every connector config in it passes the connector's validate.
 */
class ConfigExamplesTest {
  private static final Path CONFIG_DIR = Path.of("config");
  private static final Path WORKER = CONFIG_DIR.resolve("connect-standalone.properties");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PROVIDER = Pattern.compile("\\$\\{(\\w+):[^}]*}");

  @TestFactory
  Stream<DynamicTest> everyConnectorConfigValidatesWithoutErrors() throws IOException {
    List<Path> files = connectorFiles();
    assertFalse(files.isEmpty(), "no connector configs in " + CONFIG_DIR);
    return files.stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> validates(file)));
  }

  @Test
  void everyFileIsAPropertiesOrJsonFile() throws IOException {
    try (Stream<Path> files = Files.list(CONFIG_DIR)) {
      files.forEach(
          file -> {
            String name = file.getFileName().toString();
            assertTrue(
                name.endsWith(".properties") || name.endsWith(".json"),
                file + " is neither .properties nor .json; ConfigExamplesTest would not check it");
          });
    }
  }

  @Test
  void workerConfigIsAValidStandaloneConfigDeclaringTheProvidersTheExamplesUse(@TempDir Path dir)
      throws IOException {
    Map<String, String> worker = properties(WORKER);
    // The worker instantiates its config providers while parsing, and FileConfigProvider insists
    // that its allowed paths exist: point them at a folder that does.
    Map<String, String> parsed = new TreeMap<>(worker);
    parsed.replace("config.providers.file.param.allowed.paths", dir.toString());
    new StandaloneConfig(parsed); // throws ConfigException when a worker setting is invalid
    assertTrue(worker.containsKey("plugin.path"), "plugin.path is not set");
    List<String> declared = Arrays.asList(worker.get("config.providers").split("\\s*,\\s*"));
    for (Path file : connectorFiles()) {
      for (String value : connectorConfig(file).values()) {
        Matcher m = PROVIDER.matcher(value);
        while (m.find()) {
          assertTrue(
              declared.contains(m.group(1)),
              file + " uses provider '" + m.group(1) + "', not declared in " + WORKER);
          assertTrue(
              worker.containsKey("config.providers." + m.group(1) + ".class"),
              "no class for provider " + m.group(1));
        }
      }
    }
  }

  @Test
  void propertiesAndJsonVariantsOfAnExampleAreTheSameConfig() throws IOException {
    for (Path props : connectorFiles()) {
      String name = props.getFileName().toString();
      if (!name.endsWith(".properties")) {
        continue;
      }
      Path json = props.resolveSibling(name.replace(".properties", ".json"));
      assertTrue(Files.exists(json), props + " has no REST payload " + json);
      Map<String, String> fromProps = new TreeMap<>(properties(props));
      Map<String, String> fromJson = new TreeMap<>(connectorConfig(json));
      fromJson.put("name", JSON.readTree(json.toFile()).get("name").asText());
      // The jobs are JSON in both; compare them parsed, not as text.
      String propsJobs = fromProps.remove(IgScraperSourceConfig.JOBS_CONFIG);
      String jsonJobs = fromJson.remove(IgScraperSourceConfig.JOBS_CONFIG);
      assertEquals(
          propsJobs == null ? null : JSON.readTree(propsJobs),
          jsonJobs == null ? null : JSON.readTree(jsonJobs),
          props + " and " + json + " have different igscraper.jobs");
      assertEquals(fromProps, fromJson, props + " and " + json + " differ");
    }
  }

  private static void validates(Path file) throws IOException {
    Map<String, String> config = connectorConfig(file);
    assertEquals(
        IgScraperSourceConnector.class.getName(),
        config.get("connector.class"),
        file + ": connector.class");
    Map<String, String> resolved = new TreeMap<>();
    config.forEach((k, v) -> resolved.put(k, PROVIDER.matcher(v).replaceAll("dummy-secret")));
    List<String> errors = new ArrayList<>();
    for (ConfigValue value : new IgScraperSourceConnector().validate(resolved).configValues()) {
      value.errorMessages().forEach(e -> errors.add(value.name() + ": " + e));
    }
    assertEquals(List.of(), errors, file + " does not validate");
    IgScraperSourceConfig parsed = new IgScraperSourceConfig(resolved);
    assertFalse(
        parsed.jobSpecs().isEmpty() && parsed.controlTopic().isEmpty(),
        file + " has neither jobs nor a control topic");
  }

  /** Every file but the worker config is a connector config. */
  private static List<Path> connectorFiles() throws IOException {
    try (Stream<Path> files = Files.list(CONFIG_DIR)) {
      return files.filter(f -> !f.equals(WORKER)).sorted().toList();
    }
  }

  private static Map<String, String> connectorConfig(Path file) throws IOException {
    if (file.toString().endsWith(".properties")) {
      Map<String, String> props = properties(file);
      assertTrue(props.containsKey("name"), file + " has no name");
      props.remove("name");
      return props;
    }
    JsonNode root = JSON.readTree(file.toFile());
    assertTrue(root.path("name").isTextual(), file + ": a REST payload needs a string \"name\"");
    JsonNode config = root.path("config");
    assertTrue(config.isObject(), file + ": a REST payload needs a \"config\" object");
    Map<String, String> out = new TreeMap<>();
    config
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                fail(file + ": " + e.getKey() + " must be a string");
              }
              out.put(e.getKey(), e.getValue().asText());
            });
    return out;
  }

  private static Map<String, String> properties(Path file) throws IOException {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    }
    Map<String, String> out = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
    return out;
  }
}
