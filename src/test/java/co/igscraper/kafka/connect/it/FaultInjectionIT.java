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
import org.junit.jupiter.api.Test;

/** With 20 % of requests failing (500, 503, 429, dropped), everything still arrives, once. */
class FaultInjectionIT {
  private static final String KEY = "faults-key-19be";

  @Test
  void twentyPercentFaultsDeliverEverythingWithOneJobPerSpec() {
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ConnectFixture connect = ConnectFixture.start("faults", 1, false)) {
      sim.setFaults(
          Faults.builder()
              .error500(0.05)
              .error503(0.05)
              .spurious429(0.05, 1)
              .dropConnection(0.03)
              .faultAfterCommit(0.02)
              .latency(Duration.ofMillis(1), Duration.ofMillis(20))
              .seed(42)
              .build());
      StringBuilder jobs = new StringBuilder("[");
      int specs = 4;
      for (int i = 0; i < specs; i++) {
        jobs.append(i == 0 ? "" : ",")
            .append(
                spec(
                    "chaos-" + i,
                    "chaos-u" + i,
                    "followers",
                    "{\"usernames\":[\"src" + i + "\"],\"max_followers\":700}"));
      }
      jobs.append("]");
      Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs.toString());
      props.put("topic", "chaos.rows");
      props.put("igscraper.page.size", "100");
      props.put("igscraper.retry.max.attempts", "8");
      connect.deploy("chaos", props);
      connect.awaitRunning("chaos", 2);

      List<ConsumerRecord<byte[], byte[]>> all =
          connect.awaitRecords("chaos.rows", specs * 700, Duration.ofSeconds(120));
      Set<String> unique = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> r : all) {
        JsonNode key = payload(r.key());
        unique.add(key.get("source").asText() + "|" + key.get("user_id").asText());
      }
      assertEquals(specs * 700, unique.size(), "every row delivered");
      assertEquals(specs * 700, connect.readAll("chaos.rows", Duration.ofSeconds(2)).size());
      for (int i = 0; i < specs; i++) {
        assertEquals(1, sim.stats().jobsCreatedFor("chaos-u" + i), "one job for spec " + i);
      }
      long faulted =
          sim.stats().requestsByEndpointAndStatus().values().stream()
              .flatMap(m -> m.entrySet().stream())
              .filter(e -> e.getKey() >= 429)
              .mapToLong(Map.Entry::getValue)
              .sum();
      assertTrue(faulted > 0, "faults were injected: " + sim.stats());
    }
  }
}
