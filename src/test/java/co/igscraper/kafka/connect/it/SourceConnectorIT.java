package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.ConnectFixture.payload;
import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connector on a real broker and worker, deployed through REST, against the simulator. */
class SourceConnectorIT {
  private static final String KEY = "it-key-3f9a";
  private static ConnectFixture connect;
  private static IgScraperSimulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatorFixture.fastSimulator(KEY);
    connect = ConnectFixture.start("source-it", 1, false);
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  static Map<String, String> fastProps(String jobs) {
    return SimulatorFixture.unlimitedProps(sim, KEY, jobs);
  }

  @Test
  void threeSpecsOnTwoTasksDeliverEveryRowOnceTyped() throws Exception {
    long logStart = Files.exists(LOG) ? Files.size(LOG) : 0;
    String jobs =
        "["
            + spec(
                "a-nasa", "it1-u1", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":450}")
            + ","
            + spec(
                "a-spacex",
                "it1-u2",
                "following",
                "{\"usernames\":[\"spacex\"],\"max_following\":120}")
            + ","
            + spec(
                "a-esa",
                "it1-u3",
                "followers",
                "{\"usernames\":[\"esa\",\"jaxa\"],\"max_followers\":130,\"enrich_profiles\":true,"
                    + "\"enrich_country_date\":true}")
            + "]";
    Map<String, String> props = fastProps(jobs);
    props.put("topic", "it1.${tool_type}");
    connect.deploy("three-specs", props);
    connect.awaitRunning("three-specs", 2);

    List<ConsumerRecord<byte[], byte[]>> followers =
        connect.awaitRecords("it1.followers", 450 + 260, Duration.ofSeconds(60));
    List<ConsumerRecord<byte[], byte[]>> following =
        connect.awaitRecords("it1.following", 120, Duration.ofSeconds(30));
    assertEquals(710, followers.size());
    assertEquals(120, following.size());

    Map<String, Integer> perSpec = new HashMap<>();
    Set<String> unique = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : followers) {
      String spec = header(r, "igscraper.spec");
      perSpec.merge(spec, 1, Integer::sum);
      JsonNode value = payload(r.value());
      JsonNode key = payload(r.key());
      assertTrue(
          unique.add(spec + "|" + key.get("source").asText() + "|" + key.get("user_id").asText()));
      assertTrue(value.get("verified").isBoolean(), value.toString());
      assertTrue(value.get("private").isBoolean(), value.toString());
      if (spec.equals("a-esa")) {
        assertTrue(value.get("follower_count").isIntegralNumber(), value.toString());
        assertTrue(value.get("country").isTextual(), value.toString());
      } else {
        assertTrue(value.get("follower_count").isNull(), value.toString());
      }
    }
    assertEquals(Map.of("a-nasa", 450, "a-esa", 260), perSpec);
    assertEquals(1, sim.stats().jobsCreatedFor("it1-u1"));
    assertEquals(1, sim.stats().jobsCreatedFor("it1-u2"));
    assertEquals(1, sim.stats().jobsCreatedFor("it1-u3"));
    assertEquals(2, connect.cluster().connectorStatus("three-specs").tasks().size());
    connect.cluster().deleteConnector("three-specs");
    // The I/O threads' lines carry Connect's log context, as the task thread's do.
    List<String> ioLines =
        appendedSince(logStart)
            .lines()
            .filter(l -> l.contains("[igscraper-io-three-specs-"))
            .toList();
    assertTrue(!ioLines.isEmpty(), "the I/O threads logged");
    assertTrue(
        ioLines.stream().allMatch(l -> l.contains("[three-specs|task-")),
        () -> ioLines.stream().filter(l -> !l.contains("[three-specs|task-")).findFirst().get());
  }

  @Test
  void stopAndResumeRestartTaskAndRestartWorkerLoseAndDuplicateNothing() {
    ResumeScenario.run(connect, sim, KEY, "resume");
  }

  @Test
  void aPausedConnectorStartsNoRunUntilItIsResumed() throws Exception {
    String jobs =
        "["
            + spec(
                    "every-10s",
                    "it-pause-u1",
                    "followers",
                    "{\"usernames\":[\"nasa\"],\"max_followers\":20}")
                .replace("}}", "},\"repeat_every\":\"PT10S\"}")
            + "]";
    Map<String, String> props = fastProps(jobs);
    props.put("topic", "it-pause.rows");
    props.put("igscraper.events.topic", "it-pause.events");
    props.put("igscraper.limit.user.submits.per.minute", "100");
    props.put("igscraper.limit.user.submits.per.hour", "10000");
    connect.deploy("paused", props);
    connect.awaitRunning("paused", 1);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> sim.stats().jobsCreatedFor("it-pause-u1") >= 1);
    connect.cluster().pauseConnector("paused");
    connect
        .cluster()
        .assertions()
        .assertConnectorAndExactlyNumTasksArePaused("paused", 1, "paused");
    long atPause = sim.stats().jobsCreatedFor("it-pause-u1");
    // Runs fall due every 10 s; across three periods of pause none may start.
    Thread.sleep(Duration.ofSeconds(30).toMillis());
    assertEquals(
        atPause, sim.stats().jobsCreatedFor("it-pause-u1"), "no job submitted while paused");
    connect.cluster().resumeConnector("paused");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> sim.stats().jobsCreatedFor("it-pause-u1") > atPause);
    connect.cluster().deleteConnector("paused");
  }

  private static final Path LOG = Path.of("target", "test-logs", "tests.log");

  /** What the test log file got since {@code offset} (it is appended to across runs). */
  private static String appendedSince(long offset) throws java.io.IOException {
    byte[] all = Files.readAllBytes(LOG);
    int from = (int) Math.min(offset, all.length);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8);
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
