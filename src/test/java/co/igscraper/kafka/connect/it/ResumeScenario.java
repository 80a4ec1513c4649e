package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.ConnectFixture.payload;
import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.Faults;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Stops and resumes the connector, restarts its task and restarts the worker, each mid-results, and
 * checks that every row arrives exactly once from one job. Shared by the plain and exactly-once
 * runs.
 */
final class ResumeScenario {
  private static final int ROWS = 6000;

  private ResumeScenario() {}

  static void run(ConnectFixture connect, IgScraperSimulator sim, String apiKey, String name) {
    String user = name + "-u1";
    String topic = name + ".rows";
    sim.setFaults(Faults.builder().slowResultsPage(1.0, Duration.ofMillis(150)).seed(7).build());
    try {
      String jobs =
          "["
              + spec(
                  name,
                  user,
                  "followers",
                  "{\"usernames\":[\"nasa\",\"esa\",\"isro\"],\"max_followers\":2000}")
              + "]";
      Map<String, String> props = SimulatorFixture.unlimitedProps(sim, apiKey, jobs);
      props.put("topic", topic);
      props.put("igscraper.page.size", "50");
      props.put("tasks.max", "1");
      connect.deploy(name, props);
      connect.awaitRunning(name, 1);

      awaitAtLeast(connect, topic, 600);
      connect.cluster().stopConnector(name);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> "STOPPED".equals(connect.cluster().connectorStatus(name).connector().state()));
      int atStop = connect.readAll(topic, Duration.ofMillis(500)).size();
      assertTrue(atStop < ROWS, "stopped mid-results, had " + atStop);
      connect.cluster().resumeConnector(name);
      connect.awaitRunning(name, 1);

      awaitAtLeast(connect, topic, atStop + 1500);
      connect.cluster().restartTask(name, 0);
      connect.awaitRunning(name, 1);

      awaitAtLeast(connect, topic, atStop + 3000);
      var worker = connect.cluster().workers().iterator().next();
      connect.cluster().removeWorker(worker);
      connect.cluster().addWorker();
      connect.awaitRunning(name, 1);

      List<ConsumerRecord<byte[], byte[]>> all =
          connect.awaitRecords(topic, ROWS, Duration.ofSeconds(120));
      Set<String> unique = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> r : all) {
        JsonNode key = payload(r.key());
        unique.add(key.get("source").asText() + "|" + key.get("user_id").asText());
      }
      assertEquals(ROWS, unique.size(), "every row delivered");
      assertEquals(ROWS, connect.readAll(topic, Duration.ofSeconds(2)).size(), "no duplicates");
      assertEquals(1, sim.stats().jobsCreatedFor(user), "one job for the spec");
      connect.cluster().deleteConnector(name);
    } finally {
      sim.setFaults(Faults.none());
    }
  }

  private static void awaitAtLeast(ConnectFixture connect, String topic, int count) {
    List<ConsumerRecord<byte[], byte[]>> got =
        connect.awaitRecords(topic, count, Duration.ofSeconds(60));
    assertTrue(got.size() >= count, "expected at least " + count + " records, got " + got.size());
  }
}
