package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's throughput advice under the client-override policy Kafka 4.2 introduced (KIP-1188,
 * the announced default for 5.0): on a stock 4.4.0 worker with {@code Allowlist} listing {@code
 * linger.ms} and {@code batch.size}, the connector with both producer overrides validates, deploys
 * and streams; an override outside the list is refused by validate, on its key.
 */
class ClientOverridesIT {
  private static final String KEY = "overrides-key-4b07";
  private static final String VERSION = "4.4.0";

  @Test
  void theAdvisedOverridesPassAnAllowlistThatNamesThem() throws Exception {
    Path dir = WorkerDistribution.fresh(Path.of("target", "client-overrides-it"));
    String classpath = WorkerDistribution.classpathOf(VERSION, dir);
    Path plugins = WorkerDistribution.unzipPluginArchive(dir.resolve("plugins"));
    Map<String, String> worker =
        Map.of(
            "plugin.path", plugins.toString(),
            "connector.client.config.override.policy", "Allowlist",
            "connector.client.config.override.allowlist", "linger.ms,batch.size");
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ProcessCluster cluster =
            ProcessCluster.start(
                dir.resolve("cluster"), false, "384m", worker, classpath, List.of())) {
      String jobs =
          "["
              + spec(
                  "o",
                  "u-overrides",
                  "followers",
                  "{\"usernames\":[\"nasa\"],\"max_followers\":50}")
              + "]";
      Map<String, String> props = new HashMap<>(SimulatorFixture.unlimitedProps(sim, KEY, jobs));
      props.put("name", "overrides");
      props.put("topic", "overrides.rows");
      props.put("tasks.max", "1");
      props.put("producer.override.linger.ms", "20");
      props.put("producer.override.batch.size", "1048576");
      assertEquals(List.of(), errors(cluster, props), "the advised overrides pass the allowlist");

      Map<String, String> refused = new HashMap<>(props);
      refused.put("producer.override.acks", "0");
      List<String> found = errors(cluster, refused);
      assertEquals(1, found.size(), found.toString());
      assertTrue(found.get(0).startsWith("producer.override.acks: "), found.toString());

      cluster.deploy("overrides", props);
      cluster.awaitRunning("overrides", 1, Duration.ofSeconds(60));
      Duration minute = Duration.ofSeconds(60);
      assertEquals(
          50,
          ConnectFixture.readTopic(cluster.bootstrapServers(), "overrides.rows", 50, minute, minute)
              .size());
    }
  }

  /** {@code key: message} for each error validate reports. */
  private static List<String> errors(ProcessCluster cluster, Map<String, String> props)
      throws Exception {
    ProcessCluster.RestResponse r =
        cluster.rest(
            "PUT",
            "connector-plugins/IgScraperSourceConnector/config/validate",
            ConnectFixture.JSON.writeValueAsString(props));
    assertEquals(200, r.status(), r.body());
    List<String> errors = new ArrayList<>();
    for (JsonNode c : ConnectFixture.JSON.readTree(r.body()).path("configs")) {
      for (JsonNode e : c.path("value").path("errors")) {
        errors.add(c.path("value").path("name").asText() + ": " + e.asText());
      }
    }
    return errors;
  }
}
