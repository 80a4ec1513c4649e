package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.ConfluentKafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The packaged plugin in a real Confluent Connect worker container, writing Avro through Schema
 * Registry: what a user deploys, rather than the classpath of the in-process tests.
 *
 * <p>Skipped without Docker. Not named {@code Test...IT}: surefire's default includes take {@code
 * Test*} classes as unit tests. The plugin directory is the project jar plus the runtime
 * dependencies that {@code mvn verify} copies into {@code target/connect-plugin} before the
 * integration tests.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaTestcontainersIT {
  // Confluent Platform 8.0 is Apache Kafka 4.0, the oldest 4.x line; all three images are pinned.
  private static final String CP_VERSION = "8.0.0";
  private static final DockerImageName KAFKA_IMAGE =
      DockerImageName.parse("confluentinc/cp-kafka:" + CP_VERSION);
  private static final DockerImageName REGISTRY_IMAGE =
      DockerImageName.parse("confluentinc/cp-schema-registry:" + CP_VERSION);
  private static final DockerImageName CONNECT_IMAGE =
      DockerImageName.parse("confluentinc/cp-kafka-connect:" + CP_VERSION);

  private static final String KEY = "tc-key-81d0";
  private static final String USER = "tc-u1";
  private static final String TOPIC = "tc.rows";
  private static final String CONNECTOR = "tc-source";
  private static final int ROWS = 300;
  private static final Path PLUGIN_DIR = Path.of("target", "connect-plugin").toAbsolutePath();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static IgScraperSimulator sim;
  private static Network network;
  private static ConfluentKafkaContainer kafka;
  private static GenericContainer<?> registry;
  private static GenericContainer<?> connect;

  @BeforeAll
  static void start() throws IOException {
    sim = SimulatorFixture.fastSimulator(KEY);
    // Before any container starts: containers reach the simulator as host.testcontainers.internal.
    org.testcontainers.Testcontainers.exposeHostPorts(sim.port());
    network = Network.newNetwork();
    kafka =
        new ConfluentKafkaContainer(KAFKA_IMAGE).withNetwork(network).withListener("kafka:19092");
    registry =
        new GenericContainer<>(REGISTRY_IMAGE)
            .withNetwork(network)
            .withNetworkAliases("schema-registry")
            .withExposedPorts(8081)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "kafka:19092")
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200))
            .dependsOn(kafka);
    connect =
        new GenericContainer<>(CONNECT_IMAGE)
            .withNetwork(network)
            .withNetworkAliases("connect")
            .withExposedPorts(8083)
            .withEnv("CONNECT_BOOTSTRAP_SERVERS", "kafka:19092")
            .withEnv("CONNECT_REST_ADVERTISED_HOST_NAME", "connect")
            .withEnv("CONNECT_LISTENERS", "http://0.0.0.0:8083")
            .withEnv("CONNECT_GROUP_ID", "tc-connect")
            .withEnv("CONNECT_CONFIG_STORAGE_TOPIC", "tc-connect-configs")
            .withEnv("CONNECT_OFFSET_STORAGE_TOPIC", "tc-connect-offsets")
            .withEnv("CONNECT_STATUS_STORAGE_TOPIC", "tc-connect-status")
            .withEnv("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_OFFSET_FLUSH_INTERVAL_MS", "1000")
            .withEnv("CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.storage.StringConverter")
            .withEnv("CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.storage.StringConverter")
            .withEnv("CONNECT_PLUGIN_PATH", "/usr/share/java,/opt/connect-plugins")
            .withCopyFileToContainer(
                MountableFile.forHostPath(pluginDirectory()), "/opt/connect-plugins")
            .waitingFor(
                Wait.forHttp("/connectors")
                    .forPort(8083)
                    .forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(3)))
            .dependsOn(kafka);
    Startables.deepStart(registry, connect).join();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {connect, registry, kafka, network, sim}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // Best effort: one container failing to stop must not hide the others.
        }
      }
    }
  }

  @Test
  void packagedPluginWritesTypedAvroRowsThroughSchemaRegistry() throws Exception {
    String jobs =
        "["
            + spec(
                "tc",
                USER,
                "followers",
                "{\"usernames\":[\"nasa\",\"esa\"],\"max_followers\":" + ROWS / 2 + "}")
            + "]";
    Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
    props.put("tasks.max", "1");
    props.put("topic", TOPIC);
    props.put("igscraper.api.url", "http://host.testcontainers.internal:" + sim.port() + "/api/v1");
    props.put("key.converter", "io.confluent.connect.avro.AvroConverter");
    props.put("key.converter.schema.registry.url", "http://schema-registry:8081");
    props.put("value.converter", "io.confluent.connect.avro.AvroConverter");
    props.put("value.converter.schema.registry.url", "http://schema-registry:8081");
    HttpResponse<String> deployed =
        http("PUT", connectUrl("/connectors/" + CONNECTOR + "/config"), json(props));
    assertTrue(deployed.statusCode() / 100 == 2, deployed.body());
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              JsonNode status =
                  ConnectFixture.JSON.readTree(
                      http("GET", connectUrl("/connectors/" + CONNECTOR + "/status"), null).body());
              return status.path("connector").path("state").asText().equals("RUNNING")
                  && status.path("tasks").path(0).path("state").asText().equals("RUNNING");
            });

    List<ConsumerRecord<byte[], byte[]>> records = consume(ROWS, Duration.ofSeconds(90));
    assertEquals(ROWS, records.size());

    Map<Integer, Schema> schemas = new HashMap<>();
    Set<String> keys = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      GenericRecord key = decode(r.key(), schemas);
      GenericRecord value = decode(r.value(), schemas);
      assertEquals("co.igscraper.connect.RowKey", key.getSchema().getFullName());
      assertEquals("co.igscraper.connect.followers.Row", value.getSchema().getFullName());
      keys.add(key.get("source") + "|" + key.get("user_id"));
      assertInstanceOf(Boolean.class, value.get("verified"), value.toString());
      assertInstanceOf(Boolean.class, value.get("private"), value.toString());
      assertEquals(null, value.get("follower_count"), "not enriched: " + value);
    }
    assertEquals(ROWS, keys.size(), "one record per row");
    JsonNode subjects =
        ConnectFixture.JSON.readTree(http("GET", registryUrl("/subjects"), null).body());
    assertTrue(subjects.toString().contains("\"" + TOPIC + "-key\""), subjects.toString());
    assertTrue(subjects.toString().contains("\"" + TOPIC + "-value\""), subjects.toString());
    assertEquals(1, sim.stats().jobsCreatedFor(USER));
  }

  /**
   * {@code target/connect-plugin} with the project jar beside the runtime dependencies in {@code
   * kafka-connect-igscraper/}: one plugin directory, as on a worker's {@code plugin.path}.
   */
  private static Path pluginDirectory() throws IOException {
    Path plugin = PLUGIN_DIR.resolve("kafka-connect-igscraper");
    if (!Files.isDirectory(plugin)) {
      throw new IllegalStateException(
          plugin + " is missing: run through 'mvn verify' (pre-integration-test fills it)");
    }
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(Path.of("target"), "kafka-connect-igscraper-*.jar")) {
      for (Path jar : jars) {
        String name = jar.getFileName().toString();
        if (!name.endsWith("-tests.jar") && !name.endsWith("-sources.jar")) {
          Files.copy(jar, plugin.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return PLUGIN_DIR;
  }

  private static List<ConsumerRecord<byte[], byte[]>> consume(int count, Duration max) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "tc-it");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + max.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      while (out.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
      }
    }
    return out;
  }

  /** Decodes Confluent's wire format: magic byte 0, a 4-byte schema id, Avro binary. */
  private static GenericRecord decode(byte[] bytes, Map<Integer, Schema> schemas)
      throws IOException, InterruptedException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    assertEquals(0, buffer.get(), "magic byte");
    int id = buffer.getInt();
    Schema schema = schemas.get(id);
    if (schema == null) {
      JsonNode body =
          ConnectFixture.JSON.readTree(http("GET", registryUrl("/schemas/ids/" + id), null).body());
      schema = new Schema.Parser().parse(body.get("schema").asText());
      schemas.put(id, schema);
    }
    return new GenericDatumReader<GenericRecord>(schema)
        .read(
            null,
            DecoderFactory.get().binaryDecoder(bytes, buffer.position(), buffer.remaining(), null));
  }

  private static String connectUrl(String path) {
    return "http://" + connect.getHost() + ":" + connect.getMappedPort(8083) + path;
  }

  private static String registryUrl(String path) {
    return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081) + path;
  }

  private static String json(Map<String, String> map) throws IOException {
    return ConnectFixture.JSON.writeValueAsString(map);
  }

  private static HttpResponse<String> http(String method, String url, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
