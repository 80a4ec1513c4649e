package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.ConnectFixture.payload;
import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Failed jobs, refused keys and empty accounts: clear states, events, and the others go on. */
class JobOutcomesIT {
  private static final String KEY = "outcomes-key-5d2e";
  private static ConnectFixture connect;
  private static IgScraperSimulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatorFixture.fastSimulator(KEY);
    connect = ConnectFixture.start("outcomes", 1, false);
  }

  @AfterAll
  static void stop() {
    connect.close();
    sim.close();
  }

  @Test
  void failedJobStopsItsSpecWithAnEventWhileOthersDeliver() {
    sim.setNextOutcome("out-fail", Outcome.FAILED);
    String jobs =
        "["
            + spec(
                "will-fail",
                "out-fail",
                "followers",
                "{\"usernames\":[\"nasa\"],\"max_followers\":30}")
            + ","
            + spec(
                "will-pass",
                "out-pass",
                "followers",
                "{\"usernames\":[\"nasa\"],\"max_followers\":40}")
            + "]";
    Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
    props.put("topic", "out1.rows");
    props.put("igscraper.events.topic", "out1.events");
    props.put("tasks.max", "1");
    connect.deploy("outcomes-1", props);
    connect.awaitRunning("outcomes-1", 1);

    assertEquals(40, connect.awaitRecords("out1.rows", 40, Duration.ofSeconds(60)).size());
    List<JsonNode> events = awaitEvent("out1.events", "will-fail", "FAILED");
    JsonNode failed = last(events, "will-fail", "FAILED");
    assertEquals("SCRAPE_FAILED", failed.get("error_code").asText());
    assertTrue(failed.get("message").asText().contains("FAILED"), failed.toString());
    JsonNode completed =
        last(awaitEvent("out1.events", "will-pass", "COMPLETED"), "will-pass", "COMPLETED");
    assertEquals(40, completed.get("number_of_results").asLong());
    assertTrue(completed.get("cost_charged").decimalValue().signum() > 0, completed.toString());
    assertTrue(events.stream().anyMatch(e -> "SUBMITTED".equals(e.get("event_type").asText())));
    ConnectorStateInfo status = connect.cluster().connectorStatus("outcomes-1");
    assertEquals("RUNNING", status.tasks().get(0).state(), "the task goes on");
    connect.cluster().deleteConnector("outcomes-1");
  }

  @Test
  void outOfCreditsStopsTheSpecWithAClearState() {
    sim.setCredits(KEY, 10);
    try {
      String jobs =
          "["
              + spec(
                  "broke",
                  "out-broke",
                  "followers",
                  "{\"usernames\":[\"nasa\"],\"max_followers\":500}")
              + "]";
      Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
      props.put("topic", "out2.rows");
      props.put("igscraper.events.topic", "out2.events");
      connect.deploy("outcomes-2", props);
      connect.awaitRunning("outcomes-2", 1);
      awaitEvent("out2.events", "broke", "OUT_OF_CREDITS");
      // A 402 before the first job leaves no offset; the event is keyed by spec.
      assertEquals(
          "RUNNING", connect.cluster().connectorStatus("outcomes-2").tasks().get(0).state());
      connect.cluster().deleteConnector("outcomes-2");
    } finally {
      sim.setCredits(KEY, 1_000_000_000L);
    }
  }

  private static long unauthorized() {
    return sim.stats().requestsByEndpointAndStatus().values().stream()
        .mapToLong(byStatus -> byStatus.getOrDefault(401, 0L))
        .sum();
  }

  @Test
  void refusedKeyFailsTheTaskSayingSoWithoutTheKey() {
    String wrongKey = "wrong-key-never-logged-8e1f";
    String jobs = "[" + spec("nokey", "out-nokey", "followers", "{\"usernames\":[\"nasa\"]}") + "]";
    Map<String, String> props = SimulatorFixture.unlimitedProps(sim, wrongKey, jobs);
    props.put("topic", "out3.rows");
    connect.deploy("outcomes-3", props);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              var tasks = connect.cluster().connectorStatus("outcomes-3").tasks();
              return !tasks.isEmpty() && "FAILED".equals(tasks.get(0).state());
            });
    String trace = connect.cluster().connectorStatus("outcomes-3").tasks().get(0).trace();
    assertTrue(trace.contains("refused the API key (HTTP 401)"), trace);
    assertTrue(!trace.contains(wrongKey), "the key must not appear in the task's trace");
    long firstStart = unauthorized();
    assertTrue(firstStart >= 1, "the refusal came from the API");

    // What Strimzi's autoRestart (and any operator's restart) does: restart the failed task. The
    // README promises each restart fails again the same way, costs what the first start cost and
    // submits no job.
    ConnectFixture.RestResponse restart =
        connect.rest(
            "POST", "connectors/outcomes-3/restart?includeTasks=true&onlyFailed=true", null);
    assertTrue(restart.status() == 202 || restart.status() == 204, restart.toString());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                unauthorized() >= 2 * firstStart
                    && "FAILED".equals(connect.taskState("outcomes-3")));
    assertEquals(2 * firstStart, unauthorized(), "one start's requests per restart");
    String again = connect.cluster().connectorStatus("outcomes-3").tasks().get(0).trace();
    assertTrue(again.contains("refused the API key (HTTP 401)"), again);
    assertEquals(0, sim.stats().jobsCreatedFor("out-nokey"), "no job without a valid key");
    connect.cluster().deleteConnector("outcomes-3");
  }

  @Test
  void aSpecTheApiRefusesStopsWhereUsersLookWhileTheTaskRuns() throws Exception {
    // The docs list no parameters for "following", so validation passes them through; the API
    // refuses the misspelt one with 400.
    String jobs =
        "["
            + spec("typo", "out-typo", "following", "{\"usernames\":[\"nasa\"],\"max_folowing\":5}")
            + ","
            + spec(
                "fine", "out-fine", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":20}")
            + "]";
    Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
    props.put("topic", "out4.rows");
    props.put("igscraper.events.topic", "out4.events");
    props.put("tasks.max", "1");
    connect.deploy("outcomes-4", props);
    connect.awaitRunning("outcomes-4", 1);

    JsonNode rejected = last(awaitEvent("out4.events", "typo", "REJECTED"), "typo", "REJECTED");
    assertTrue(
        rejected.get("message").asText().contains("params.max_folowing"), rejected.toString());
    assertEquals(20, connect.awaitRecords("out4.rows", 20, Duration.ofSeconds(60)).size());
    assertEquals("RUNNING", connect.cluster().connectorStatus("outcomes-4").tasks().get(0).state());
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    ObjectName task = new ObjectName("kafka.connect:type=plugins,connector=outcomes-4,task=0");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jmx.isRegistered(task)
                    && ((Number) jmx.getAttribute(task, "phase-stopped")).longValue() == 1);
    assertEquals(1L, ((Number) jmx.getAttribute(task, "specs-stopped")).longValue());
    connect.cluster().deleteConnector("outcomes-4");
  }

  private List<JsonNode> awaitEvent(String topic, String spec, String type) {
    List<JsonNode> events = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              events.clear();
              for (ConsumerRecord<byte[], byte[]> r :
                  connect.readAll(topic, Duration.ofMillis(500))) {
                events.add(payload(r.value()));
              }
              return last(events, spec, type) != null;
            });
    return events;
  }

  private static JsonNode last(List<JsonNode> events, String spec, String type) {
    JsonNode found = null;
    for (JsonNode e : events) {
      if (spec.equals(e.get("spec_name").asText()) && type.equals(e.get("event_type").asText())) {
        found = e;
      }
    }
    return found;
  }
}
