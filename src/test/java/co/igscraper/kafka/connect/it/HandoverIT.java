package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.Faults;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import co.igscraper.kafka.connect.source.TaskAssignment;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * A control-topic spec whose end user moves it to the other task while its job is being paged, with
 * exactly-once on: every row once, one job per end user, and the offsets topic shows the partition
 * written by one task, then (after its released record) only by the other.
 */
class HandoverIT {
  private static final String KEY = "handover-key-5e1b";
  private static final String OFFSETS = "handover-offsets";
  private static final int ROWS = 1500;

  private static String userOf(int task) {
    for (int i = 0; ; i++) {
      String user = "mover-" + i;
      if (TaskAssignment.ownerOf(user, 2) == task) {
        return user;
      }
    }
  }

  @Test
  void aSpecMovedToAnotherTaskWhileItsJobPagesHasOneWriterAndEveryRowOnce() throws Exception {
    String user0 = userOf(0);
    String user1 = userOf(1);
    try (IgScraperSimulator sim =
            IgScraperSimulator.start(
                SimulatorConfig.builder()
                    .apiKeys(KEY)
                    .queuedFor(Duration.ofMillis(50))
                    .processingFor(Duration.ofMillis(300))
                    .rateLimitsDisabled()
                    // Slow pages, so the move lands while the job is being read.
                    .faults(
                        Faults.builder()
                            .latency(Duration.ofMillis(20), Duration.ofMillis(40))
                            .build())
                    .build());
        ConnectFixture connect =
            ConnectFixture.start("handover", 1, true, Map.of("offset.storage.topic", OFFSETS))) {
      Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, "[]");
      props.put("topic", "ho.rows");
      props.put("igscraper.events.topic", "ho.events");
      props.put("igscraper.control.topic", "ho.control");
      props.put(
          "igscraper.control.bootstrap.servers", connect.cluster().kafka().bootstrapServers());
      props.put("igscraper.page.size", "20");
      props.put("exactly.once.support", "required");
      props.put("tasks.max", "2");
      connect.deploy("ho", props);
      connect.awaitRunning("ho", 2);

      connect.cluster().kafka().produce("ho.control", "mover", moverSpec(user0, ROWS));
      assertTrue(
          connect.awaitRecords("ho.rows", 100, Duration.ofSeconds(60)).size() >= 100,
          "the job pages");
      connect.cluster().kafka().produce("ho.control", "mover", moverSpec(user1, 60));

      List<ConsumerRecord<byte[], byte[]>> rows =
          connect.awaitRecords("ho.rows", ROWS + 60, Duration.ofSeconds(120));
      rows = connect.readAll("ho.rows", Duration.ofSeconds(2));
      Set<String> ids = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> row : rows) {
        String id =
            header(row, "igscraper.job_id")
                + "/"
                + header(row, "igscraper.page")
                + "/"
                + header(row, "igscraper.row");
        assertTrue(ids.add(id), "row " + id + " delivered twice");
      }
      assertEquals(ROWS + 60, ids.size(), "every row of both jobs, once");
      assertEquals(1, sim.stats().jobsCreatedFor(user0), "the job in flight was finished, once");
      assertEquals(1, sim.stats().jobsCreatedFor(user1));

      List<String> writers = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record :
          connect.readAll(OFFSETS, Duration.ofSeconds(2))) {
        JsonNode key = ConnectFixture.JSON.readTree(record.key());
        if (record.value() == null
            || !key.get(0).asText().equals("ho")
            || !key.get(1).get("spec").asText().equals("mover")) {
          continue;
        }
        JsonNode offset = ConnectFixture.JSON.readTree(record.value());
        writers.add(
            offset.get("owner").asText() + (offset.get("released").asBoolean() ? "+released" : ""));
      }
      int released = writers.indexOf("0/2+released");
      assertTrue(released > 0, "task 0 released the partition: " + writers);
      assertTrue(
          writers.subList(0, released).stream().allMatch("0/2"::equals),
          "only task 0 before the release: " + writers);
      List<String> after = writers.subList(released + 1, writers.size());
      assertTrue(
          !after.isEmpty() && after.stream().allMatch("1/2"::equals),
          "only task 1 after it: " + writers);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  connect.readAll("ho.events", Duration.ofSeconds(1)).stream()
                      .map(r -> ConnectFixture.payload(r.value()).get("event_type").asText())
                      .anyMatch("HANDED_OVER"::equals));
      connect.cluster().deleteConnector("ho");
    }
  }

  private static String moverSpec(String user, int rows) {
    return spec(
        "mover",
        user,
        "followers",
        "{\"usernames\":[\"nasa\",\"esa\",\"isro\"],\"max_followers\":" + rows / 3 + "}");
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
