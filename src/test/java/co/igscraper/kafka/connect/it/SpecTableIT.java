package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.ConnectFixture.payload;
import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The spec table on a real worker: after a mixed run (one spec done, one stopped on 402, one
 * recurring) its compacted read has one record per spec, each in the spec's true state, and the
 * topic is compacted by Connect's own topic creation, as the README says to set it up.
 */
class SpecTableIT {
  private static final String KEY = "table-key-3f1c";

  @Test
  void aMixedRunLeavesOneTrueRecordPerSpec() throws Exception {
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ConnectFixture connect = ConnectFixture.start("table", 1, false)) {
      // 5 credits a row: the two small specs fit, the large one is refused with 402.
      sim.setCredits(KEY, 1_000);
      String jobs =
          "["
              + spec("once", "tb-1", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":20}")
              + ","
              + spec(
                  "broke", "tb-2", "followers", "{\"usernames\":[\"esa\"],\"max_followers\":1000}")
              + ","
              + spec(
                      "hourly",
                      "tb-3",
                      "followers",
                      "{\"usernames\":[\"jaxa\"],\"max_followers\":10}")
                  .replace("}}", "},\"repeat_every\":\"PT1H\"}")
              + "]";
      Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
      props.put("tasks.max", "1");
      props.put("topic", "table.rows");
      props.put("igscraper.events.topic", "table.events");
      props.put("igscraper.status.topic", "table.status");
      props.put("topic.creation.groups", "table");
      props.put("topic.creation.table.include", "table.status");
      props.put("topic.creation.table.cleanup.policy", "compact");
      props.put("topic.creation.default.replication.factor", "1");
      props.put("topic.creation.default.partitions", "1");
      connect.deploy("table", props);
      connect.awaitRunning("table", 1);
      assertEquals(30, connect.awaitRecords("table.rows", 30, Duration.ofSeconds(60)).size());

      Map<String, JsonNode> table = new TreeMap<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                table.clear();
                for (ConsumerRecord<byte[], byte[]> r :
                    connect.readAll("table.status", Duration.ofMillis(500))) {
                  // A compacted read: the last record of each key.
                  table.put(payload(r.key()).get("spec_name").asText(), payload(r.value()));
                }
                return table.size() == 3
                    && "done".equals(table.get("once").path("phase").asText())
                    && "stopped".equals(table.get("broke").path("phase").asText())
                    && "wait".equals(table.get("hourly").path("phase").asText());
              });
      assertEquals(List.of("broke", "hourly", "once"), List.copyOf(table.keySet()));

      JsonNode once = table.get("once");
      assertEquals("COMPLETED", once.get("job_status").asText());
      assertEquals(20, once.get("rows_emitted_run").asLong());
      assertEquals(20, once.get("rows_emitted_total").asLong());
      assertTrue(once.get("next_run_at").isNull(), once.toString());

      JsonNode broke = table.get("broke");
      assertTrue(broke.get("job_id").isNull(), "nothing was bought: " + broke);
      assertTrue(
          broke.get("last_error").asText().contains("out of credits (HTTP 402)"), broke.toString());
      assertEquals(0, broke.get("rows_emitted_total").asLong());

      JsonNode hourly = table.get("hourly");
      assertEquals(10, hourly.get("rows_emitted_total").asLong());
      assertTrue(
          hourly.get("next_run_at").asLong() > hourly.get("updated_at").asLong(),
          hourly.toString());
      assertEquals(1, hourly.get("run").asLong());
      for (JsonNode row : table.values()) {
        assertEquals("table", row.get("connector").asText());
        assertTrue(!row.get("stalled").asBoolean(), row.toString());
      }

      try (Admin admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  connect.cluster().kafka().bootstrapServers()))) {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "table.status");
        Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
        assertEquals("compact", config.get("cleanup.policy").value(), "created compacted");
      }
      assertEquals("RUNNING", connect.taskState("table"));
    }
  }
}
