package co.igscraper.kafka.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the Docker recipe (docker/), which no test can run here: images are pinned,
 * every local path it mounts or runs exists or is built by the pom, and the connector payloads fit
 * it.
 */
class DockerRecipeTest {
  private static final Path DOCKER = Path.of("docker");
  private static final Path COMPOSE = DOCKER.resolve("docker-compose.yml");
  private static final Path SOURCE = DOCKER.resolve("connectors/igscraper-followers-avro.json");
  private static final Path SINK = DOCKER.resolve("connectors/postgres-followers-sink.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Paths the recipe uses that are not in git: each is produced by `mvn package`, and the pom says
   * so with the marker text given here.
   */
  private static final Map<String, String> BUILD_OUTPUTS =
      Map.of(
          "target", "${project.build.directory}",
          "target/components/packages", "${project.build.directory}/components/packages",
          "target/components/packages/igscraper-kafka-connect-igscraper-*.zip",
              "<finalName>igscraper-${project.artifactId}-${project.version}</finalName>",
          "target/igscraper-simulator.jar", "igscraper-simulator");

  private static JsonNode compose() throws IOException {
    return new YAMLMapper().readTree(COMPOSE.toFile());
  }

  private static JsonNode services() throws IOException {
    JsonNode services = compose().path("services");
    assertTrue(services.isObject(), "no services in " + COMPOSE);
    return services;
  }

  @Test
  void recipeHasTheBrokerRegistryWorkerSimulatorAndDatabase() throws IOException {
    Set<String> names = new TreeSet<>();
    services().fieldNames().forEachRemaining(names::add);
    assertEquals(Set.of("kafka", "schema-registry", "connect", "simulator", "postgres"), names);
  }

  @Test
  void everyImageIsPinnedToATag() throws IOException {
    services()
        .fields()
        .forEachRemaining(
            service -> {
              String image = service.getValue().path("image").asText("");
              assertFalse(image.isEmpty(), service.getKey() + " has no image");
              String lastSegment = image.substring(image.lastIndexOf('/') + 1);
              int colon = lastSegment.indexOf(':');
              assertTrue(colon > 0, service.getKey() + ": " + image + " has no tag");
              String tag = lastSegment.substring(colon + 1);
              assertFalse(
                  tag.isEmpty() || tag.equals("latest"),
                  service.getKey() + ": " + image + " is not pinned");
            });
  }

  /** Every host path mounted, and every mounted file a command runs, exists or is built. */
  @Test
  void everyLocalPathExistsOrIsBuiltByThePom() throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, String> mounts = new TreeMap<>(); // container path -> repo-relative host path
    services()
        .fields()
        .forEachRemaining(
            service -> {
              for (JsonNode volume : service.getValue().path("volumes")) {
                String[] parts = volume.asText().split(":");
                if (!(parts[0].startsWith(".") || parts[0].startsWith("/"))) {
                  continue; // a named volume
                }
                String host = repoRelative(parts[0]);
                mounts.put(parts[1], host);
                checkLocal(service.getKey(), host, problems);
              }
            });
    assertFalse(mounts.isEmpty(), "the recipe mounts nothing from the build");
    services()
        .fields()
        .forEachRemaining(
            service -> {
              for (String token : commandTokens(service.getValue().path("command"))) {
                mounts.forEach(
                    (container, host) -> {
                      if (token.startsWith(container + "/")) {
                        String file = host + token.substring(container.length());
                        checkLocal(service.getKey(), file, problems);
                      }
                    });
              }
            });
    assertEquals(List.of(), problems);
  }

  @Test
  void buildOutputsTheRecipeUsesAreDeclaredInThePom() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    BUILD_OUTPUTS.forEach(
        (path, marker) -> {
          if (!path.endsWith("igscraper-simulator.jar")) {
            assertTrue(pom.contains(marker), path + ": pom.xml does not contain " + marker);
          }
        });
  }

  @Test
  void simulatorJarIsBuiltByThePom() throws IOException {
    assertTrue(Files.readString(Path.of("pom.xml")).contains("igscraper-simulator"));
  }

  @Test
  void sourcePayloadValidatesAndReachesTheSimulatorAndRegistry() throws IOException {
    JsonNode payload = JSON.readTree(SOURCE.toFile());
    assertTrue(payload.path("name").isTextual());
    Map<String, String> config = new TreeMap<>();
    payload
        .path("config")
        .fields()
        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    assertEquals(IgScraperSourceConnector.class.getName(), config.get("connector.class"));
    // The worker resolves ${env:IGSCRAPER_API_KEY} from its environment, which must set it.
    assertEquals("${env:IGSCRAPER_API_KEY}", config.get(IgScraperSourceConfig.API_KEY_CONFIG));
    JsonNode connect = services().path("connect");
    assertFalse(connect.path("environment").path("IGSCRAPER_API_KEY").asText("").isEmpty());
    assertEquals("env", connect.path("environment").path("CONNECT_CONFIG_PROVIDERS").asText());

    Map<String, String> resolved = new TreeMap<>(config);
    resolved.put(IgScraperSourceConfig.API_KEY_CONFIG, "demo-key");
    List<String> errors = new ArrayList<>();
    for (ConfigValue value : new IgScraperSourceConnector().validate(resolved).configValues()) {
      value.errorMessages().forEach(e -> errors.add(value.name() + ": " + e));
    }
    assertEquals(List.of(), errors);

    // The simulator shares the worker's network namespace and listens on the URL's port.
    URI api = URI.create(config.get(IgScraperSourceConfig.API_URL_CONFIG));
    assertEquals("127.0.0.1", api.getHost());
    JsonNode simulator = services().path("simulator");
    assertEquals("service:connect", simulator.path("network_mode").asText());
    List<String> command = commandTokens(simulator.path("command"));
    assertEquals(
        Integer.toString(api.getPort()), command.get(command.indexOf("--port") + 1), "port");
    assertEquals("demo-key", command.get(command.indexOf("--api-key") + 1), "api key");
    assertEquals(
        "demo-key", connect.path("environment").path("IGSCRAPER_API_KEY").asText(), "api key");

    assertServiceUrl(config.get("value.converter.schema.registry.url"));
    assertServiceUrl(config.get("key.converter.schema.registry.url"));
  }

  @Test
  void sinkReadsTheSourceTopicAndWritesToTheDatabaseService() throws IOException {
    JsonNode source = JSON.readTree(SOURCE.toFile()).path("config");
    JsonNode sink = JSON.readTree(SINK.toFile()).path("config");
    Map<String, String> sourceConfig = new TreeMap<>();
    source.fields().forEachRemaining(e -> sourceConfig.put(e.getKey(), e.getValue().asText()));
    IgScraperSourceConfig parsed = new IgScraperSourceConfig(withKey(sourceConfig));
    Set<String> topics = new TreeSet<>();
    parsed.jobSpecs().forEach(spec -> topics.add(parsed.topicNamer().topicFor(spec)));
    assertEquals(topics, Set.of(sink.path("topics").asText().split("\\s*,\\s*")));

    String jdbc = sink.path("connection.url").asText();
    assertTrue(jdbc.startsWith("jdbc:postgresql://"), jdbc);
    assertServiceUrl(jdbc.substring("jdbc:".length()));
    JsonNode postgres = services().path("postgres").path("environment");
    assertEquals(postgres.path("POSTGRES_USER").asText(), sink.path("connection.user").asText());
    assertEquals(
        postgres.path("POSTGRES_PASSWORD").asText(), sink.path("connection.password").asText());
    assertTrue(jdbc.endsWith("/" + postgres.path("POSTGRES_DB").asText()), jdbc);
    // The JDBC sink cannot write a map column: the value's extra_columns must be dropped.
    assertTrue(sink.path("transforms.dropExtraColumns.exclude").asText().contains("extra_columns"));
    assertServiceUrl(sink.path("value.converter.schema.registry.url").asText());
  }

  private static Map<String, String> withKey(Map<String, String> config) {
    Map<String, String> out = new TreeMap<>(config);
    out.put(IgScraperSourceConfig.API_KEY_CONFIG, "demo-key");
    return out;
  }

  /** The URL's host is a compose service, and the port one that service listens on inside. */
  private static void assertServiceUrl(String url) throws IOException {
    assertNotNull(url);
    URI uri = URI.create(url);
    JsonNode service = services().path(uri.getHost());
    assertTrue(service.isObject(), url + ": " + uri.getHost() + " is not a compose service");
    boolean published = false;
    for (JsonNode port : service.path("ports")) {
      published |= port.asText().endsWith(":" + uri.getPort());
    }
    assertTrue(published, url + ": port " + uri.getPort() + " is not a port of " + uri.getHost());
  }

  private static void checkLocal(String service, String path, List<String> problems) {
    if (BUILD_OUTPUTS.containsKey(path)) {
      return;
    }
    if (path.contains("*") || !Files.exists(Path.of(path))) {
      problems.add(service + ": " + path + " is neither in the repository nor a build output");
    }
  }

  /** A docker/-relative host path as a repository-relative one, e.g. ../target -> target. */
  private static String repoRelative(String hostPath) {
    return Path.of("")
        .toAbsolutePath()
        .relativize(DOCKER.resolve(hostPath).toAbsolutePath())
        .normalize()
        .toString()
        .replace('\\', '/');
  }

  private static List<String> commandTokens(JsonNode command) {
    List<String> tokens = new ArrayList<>();
    if (command.isArray()) {
      command.forEach(t -> tokens.addAll(List.of(t.asText().split("\\s+"))));
    } else if (command.isTextual()) {
      tokens.addAll(List.of(command.asText().split("\\s+")));
    }
    return tokens;
  }
}
