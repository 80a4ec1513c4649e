package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin archive, unzipped into the {@code plugin.path} of a real Kafka 3.9 Connect worker (its
 * own process and classpath), is found, deployed through REST and streams rows: the connector is
 * compiled against 4.1 and must still load in 3.9 workers (plugin metrics fall back to JMX there).
 */
class Kafka39CompatibilityIT {
  private static final String KEY = "compat39-key-51f0";
  private static final Path COMPAT_POM = Path.of("src/test/compat/kafka-3.9/pom.xml");

  @Test
  void runsInAKafka39Worker(@TempDir Path dir) throws Exception {
    String workerClasspath =
        WorkerDistribution.classpath(COMPAT_POM, dir.resolve("kafka-3.9.classpath"));
    Path plugins = WorkerDistribution.unzipPluginArchive(dir.resolve("plugins"));
    Path log4j = dir.resolve("log4j.properties");
    Files.writeString(
        log4j,
        "log4j.rootLogger=INFO, file\n"
            + "log4j.appender.file=org.apache.log4j.FileAppender\n"
            + "log4j.appender.file.File="
            + dir.resolve("worker39.log")
            + "\nlog4j.appender.file.layout=org.apache.log4j.PatternLayout\n"
            + "log4j.appender.file.layout.ConversionPattern=%d %p [%t] %c - %m%n\n");
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ProcessCluster cluster =
            ProcessCluster.start(
                dir.resolve("cluster"),
                false,
                "384m",
                Map.of("plugin.path", plugins.toString()),
                workerClasspath,
                List.of("-Dlog4j.configuration=file:" + log4j))) {
      ProcessCluster.RestResponse root = cluster.rest("GET", "", null);
      assertTrue(root.body().contains("\"version\":\"3.9.1\""), root.body());
      ProcessCluster.RestResponse plugin = cluster.rest("GET", "connector-plugins", null);
      assertTrue(
          plugin.body().contains(IgScraperSourceConnector.class.getName()),
          "plugin found in plugin.path: " + plugin.body());

      String jobs =
          "["
              + spec(
                  "c39", "c39-u1", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":300}")
              + "]";
      Map<String, String> props = new HashMap<>(SimulatorFixture.unlimitedProps(sim, KEY, jobs));
      props.put("topic", "c39.rows");
      props.put("tasks.max", "1");
      cluster.deploy("c39", props);
      cluster.awaitRunning("c39", 1, Duration.ofSeconds(60));
      Duration minute = Duration.ofSeconds(60);
      ConnectFixture.readTopic(cluster.bootstrapServers(), "c39.rows", 300, minute, minute);
      // Read again until quiet for 2 s, so duplicates would be counted too.
      assertEquals(
          300,
          ConnectFixture.readTopic(
                  cluster.bootstrapServers(),
                  "c39.rows",
                  Integer.MAX_VALUE,
                  Duration.ofSeconds(2),
                  minute)
              .size());
      assertEquals(1, sim.stats().jobsCreatedFor("c39-u1"));
    }
    String log = read(dir.resolve("worker39.log"));
    assertTrue(log.contains("igscraper task started with 1 spec(s)"), "our task logged in 3.9");
    assertTrue(
        log.lines().noneMatch(l -> l.contains(" ERROR ") && l.contains("co.igscraper")),
        "no errors from the connector in the 3.9 worker's log");
    // 3.9 has no plugin metrics (KIP-877): the connector says so once and falls back to JMX.
    assertTrue(
        log.contains(
            "metrics published as JMX MBean co.igscraper.kafka.connect:type=task-metrics,"
                + "connector=c39,task=0"),
        () ->
            "metrics fell back to JMX: "
                + log.lines()
                    .filter(l -> l.contains("igscraper") && l.contains("etrics"))
                    .toList());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
