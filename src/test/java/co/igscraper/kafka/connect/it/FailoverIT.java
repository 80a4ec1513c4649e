package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.ConnectFixture.payload;
import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
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
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two workers; the one running a task leaves mid-results. Its specs move to the other worker and
 * resume from their offsets. Run with and without exactly-once source support.
 */
class FailoverIT {
  private static final String KEY = "failover-key-77c1";

  @ParameterizedTest(name = "exactly once = {0}")
  @ValueSource(booleans = {false, true})
  void specsMoveToTheSurvivingWorkerAndResume(boolean exactlyOnce) {
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ConnectFixture connect = ConnectFixture.start("failover-" + exactlyOnce, 2, exactlyOnce)) {
      sim.setFaults(Faults.builder().slowResultsPage(1.0, Duration.ofMillis(120)).seed(3).build());
      String jobs =
          "["
              + spec(
                  "f1",
                  "fo-u1",
                  "followers",
                  "{\"usernames\":[\"nasa\",\"esa\"],\"max_followers\":1500}")
              + ","
              + spec(
                  "f2",
                  "fo-u2",
                  "following",
                  "{\"usernames\":[\"spacex\",\"isro\"],\"max_following\":1500}")
              + "]";
      Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
      props.put("topic", "fo.rows");
      props.put("igscraper.page.size", "50");
      connect.deploy("failover", props);
      connect.awaitRunning("failover", 2);

      List<ConsumerRecord<byte[], byte[]>> early =
          connect.awaitRecords("fo.rows", 800, Duration.ofSeconds(60));
      assertTrue(early.size() >= 800 && early.size() < 6000, "mid-results: " + early.size());
      // The worker id is host:port of the worker's REST listener.
      String workerId = connect.cluster().connectorStatus("failover").tasks().get(0).workerId();
      int port = Integer.parseInt(workerId.substring(workerId.lastIndexOf(':') + 1));
      WorkerHandle leaving =
          connect.cluster().workers().stream()
              .filter(w -> w.url().getPort() == port)
              .findFirst()
              .orElseThrow();
      connect.cluster().removeWorker(leaving);
      connect.awaitRunning("failover", 2);

      List<ConsumerRecord<byte[], byte[]>> all =
          connect.awaitRecords("fo.rows", 6000, Duration.ofSeconds(120));
      Set<String> unique = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> r : all) {
        JsonNode key = payload(r.key());
        unique.add(key.get("source").asText() + "|" + key.get("user_id").asText());
      }
      assertEquals(6000, unique.size(), "every row delivered");
      assertEquals(6000, connect.readAll("fo.rows", Duration.ofSeconds(2)).size(), "no duplicates");
      assertEquals(1, sim.stats().jobsCreatedFor("fo-u1"));
      assertEquals(1, sim.stats().jobsCreatedFor("fo-u2"));
    }
  }
}
