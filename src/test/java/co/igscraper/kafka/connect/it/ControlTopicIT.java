package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.ConnectFixture.payload;
import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Specs managed at runtime through the control topic: add, change, remove, schedule, enrich. */
class ControlTopicIT {
  private static final String KEY = "control-key-6b0d";
  private static ConnectFixture connect;
  private static IgScraperSimulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatorFixture.fastSimulator(KEY);
    connect = ConnectFixture.start("control", 1, false);
  }

  @AfterAll
  static void stop() {
    connect.close();
    sim.close();
  }

  private static Map<String, String> props(String name, String staticJobs) {
    Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, staticJobs);
    props.put("topic", name + ".rows");
    props.put("igscraper.events.topic", name + ".events");
    props.put("igscraper.control.topic", name + ".control");
    props.put("igscraper.control.bootstrap.servers", connect.cluster().kafka().bootstrapServers());
    props.put("igscraper.limit.user.submits.per.hour", "100000");
    props.put("igscraper.limit.user.submits.per.minute", "10000");
    props.put("tasks.max", "2");
    return props;
  }

  private void control(String topic, String key, String value) {
    connect.cluster().kafka().produce(topic, key, value);
  }

  @Test
  void specsAreAddedChangedAndRemovedWithoutARestart() {
    String staticJob =
        "["
            + spec(
                "static-1",
                "ct-static",
                "followers",
                "{\"usernames\":[\"esa\"],\"max_followers\":20}")
            + "]";
    connect.deploy("ct1", props("ct1", staticJob));
    connect.awaitRunning("ct1", 2);
    assertEquals(20, connect.awaitRecords("ct1.rows", 20, Duration.ofSeconds(60)).size());

    long produced = System.nanoTime();
    control(
        "ct1.control",
        "dyn-a",
        spec("dyn-a", "ct-a", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":30}"));
    control(
        "ct1.control",
        "dyn-b",
        spec("dyn-b", "ct-b", "following", "{\"usernames\":[\"spacex\"],\"max_following\":40}"));
    List<ConsumerRecord<byte[], byte[]>> rows =
        connect.awaitRecords("ct1.rows", 90, Duration.ofSeconds(60));
    long latencyMs = (System.nanoTime() - produced) / 1_000_000;
    System.out.println(
        "FIGURE control-topic spec to rows in Kafka (both specs complete): " + latencyMs + " ms");
    assertEquals(90, rows.size());

    // A malformed record: reported, and dyn-a's valid version keeps running (no new job).
    control("ct1.control", "dyn-a", "{\"name\": \"dyn-a\", \"tool_type\": 7");
    control(
        "ct1.control",
        "dyn-c",
        spec("dyn-c", "ct-c", "followers", "{\"usernames\":[\"bad name\"]}"));
    // A topic spec reusing a static spec's name is refused even when its end user hashes to
    // another task than the static spec's ("ct-clash" -> task 1, "ct-static" -> task 0).
    control(
        "ct1.control",
        "static-1",
        spec(
            "static-1", "ct-clash", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":5}"));
    List<JsonNode> invalid = awaitEvents("ct1.events", "SPEC_INVALID", 3);
    assertTrue(
        invalid.stream()
            .anyMatch(
                e ->
                    e.get("message")
                        .asText()
                        .contains("name is already used by a spec in igscraper.jobs")));
    assertTrue(
        invalid.stream().anyMatch(e -> e.get("message").asText().contains("not valid JSON")));
    assertTrue(
        invalid.stream().anyMatch(e -> e.get("message").asText().contains("params.usernames[0]")));

    // Change dyn-b: run 2 with another source; only its new rows arrive.
    control(
        "ct1.control",
        "dyn-b",
        spec(
            "dyn-b",
            "ct-b",
            "following",
            "{\"usernames\":[\"spacex\",\"isro\"],\"max_following\":40}"));
    rows = connect.awaitRecords("ct1.rows", 130, Duration.ofSeconds(60));
    assertEquals(130, rows.size());
    assertEquals(2, sim.stats().jobsCreatedFor("ct-b"));

    // Remove dyn-a, then change it back in: it resumes from its offsets (its run 1 is done).
    control("ct1.control", "dyn-a", null);
    control(
        "ct1.control",
        "dyn-a",
        spec("dyn-a", "ct-a", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":30}"));
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
    assertEquals(1, sim.stats().jobsCreatedFor("ct-a"), "no second job for an unchanged spec");
    assertEquals(1, sim.stats().jobsCreatedFor("ct-static"));
    assertEquals(0, sim.stats().jobsCreatedFor("ct-clash"), "the clashing topic spec never ran");
    assertEquals(130, connect.readAll("ct1.rows", Duration.ofSeconds(1)).size());
    connect.cluster().deleteConnector("ct1");
  }

  @Test
  void recurringRunsStreamOnlyNewRowsAndAWorkerRestartNeitherSkipsNorRepeats() {
    connect.deploy("ct2", props("ct2", "[]"));
    connect.awaitRunning("ct2", 2);
    control(
        "ct2.control",
        "every-2s",
        spec("every-2s", "ct-rec", "followers", "{\"usernames\":[\"hubble\"],\"max_followers\":25}")
            .replace("}}", "},\"repeat_every\":\"PT2S\"}"));
    assertEquals(25, connect.awaitRecords("ct2.rows", 25, Duration.ofSeconds(60)).size());
    int expected = 25;
    for (int i = 0; i < 2; i++) {
      sim.addFollowers("hubble", 3);
      expected += 3;
      assertEquals(
          expected, connect.awaitRecords("ct2.rows", expected, Duration.ofSeconds(30)).size());
    }
    var worker = connect.cluster().workers().iterator().next();
    connect.cluster().removeWorker(worker);
    long jobsWhileDown = sim.stats().jobsCreatedFor("ct-rec");
    connect.cluster().addWorker();
    connect.awaitRunning("ct2", 2);
    sim.addFollowers("hubble", 4);
    expected += 4;
    List<ConsumerRecord<byte[], byte[]>> rows =
        connect.awaitRecords("ct2.rows", expected, Duration.ofSeconds(60));
    assertEquals(expected, rows.size());
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
    assertEquals(expected, connect.readAll("ct2.rows", Duration.ofSeconds(1)).size(), "no repeats");

    // Every run number from 1 to the last appears in the events once as SUBMITTED (replays aside),
    // and the API created exactly one job per run.
    Set<Long> runs = new TreeSet<>();
    for (JsonNode e : events("ct2.events")) {
      if (e.get("event_type").asText().equals("SUBMITTED")) {
        runs.add(e.get("run").asLong());
      }
    }
    long lastRun = ((TreeSet<Long>) runs).last();
    assertEquals(lastRun, runs.size(), "no run skipped: " + runs);
    long jobs = sim.stats().jobsCreatedFor("ct-rec");
    assertTrue(jobs == lastRun || jobs == lastRun + 1, "one job per run: " + jobs + " vs " + runs);
    assertTrue(jobs > jobsWhileDown, "runs continue after the restart");
    Set<String> keys = new HashSet<>();
    rows.forEach(r -> keys.add(payload(r.key()).toString()));
    assertEquals(expected, keys.size());
    connect.cluster().deleteConnector("ct2");
  }

  @Test
  void retroactiveEnrichmentReemitsRowsWithTheNewColumnsUnderTheSameKeys() {
    connect.deploy("ct3", props("ct3", "[]"));
    connect.awaitRunning("ct3", 2);
    control(
        "ct3.control",
        "to-enrich",
        spec(
            "to-enrich", "ct-enr", "followers", "{\"usernames\":[\"webb\"],\"max_followers\":60}"));
    List<ConsumerRecord<byte[], byte[]>> before =
        connect.awaitRecords("ct3.rows", 60, Duration.ofSeconds(60));
    assertTrue(payload(before.get(0).value()).get("biography").isNull());

    control(
        "ct3.control",
        "enrich:to-enrich",
        "{\"enrich_profiles\":true,\"enrich_country_date\":true}");
    List<ConsumerRecord<byte[], byte[]>> all =
        connect.awaitRecords("ct3.rows", 120, Duration.ofSeconds(60));
    assertEquals(120, all.size());
    List<ConsumerRecord<byte[], byte[]>> after = all.subList(60, 120);
    Set<String> keysBefore = new HashSet<>();
    before.forEach(r -> keysBefore.add(payload(r.key()).toString()));
    Set<String> keysAfter = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : after) {
      keysAfter.add(payload(r.key()).toString());
      JsonNode value = payload(r.value());
      assertFalse(value.get("biography").isNull(), value.toString());
      assertTrue(value.get("follower_count").isIntegralNumber(), value.toString());
    }
    assertEquals(keysBefore, keysAfter, "same keys, so upsert sinks update in place");
    assertEquals(
        ConnectFixture.schema(before.get(0).value()),
        ConnectFixture.schema(after.get(0).value()),
        "the value schema does not change");
    List<JsonNode> started = awaitEvents("ct3.events", "ENRICHMENT_STARTED", 1);
    assertTrue(started.get(0).get("message").asText().contains("estimated cost"));
    awaitEvents("ct3.events", "ENRICHMENT_COMPLETED", 1);
    assertEquals(1, sim.stats().jobsCreatedFor("ct-enr"));
    connect.cluster().deleteConnector("ct3");
  }

  @Test
  void guardsRefuseControlSpecsThatMaySpendTooMuchLikeAnyInvalidSpec() {
    Map<String, String> props = props("ct5", "[]");
    props.put("igscraper.control.allowed.tool.types", "followers");
    props.put("igscraper.control.max.results", "50");
    props.put("igscraper.control.allowed.external.user.ids", "guarded-[0-9]+");
    connect.deploy("ct5", props);
    connect.awaitRunning("ct5", 2);
    control(
        "ct5.control",
        "big",
        spec("big", "guarded-1", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":5000}"));
    control(
        "ct5.control",
        "other-tool",
        spec("other-tool", "guarded-2", "following", "{\"usernames\":[\"nasa\"]}"));
    control(
        "ct5.control",
        "stranger",
        spec(
            "stranger", "mallory", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":10}"));
    control(
        "ct5.control",
        "fine",
        spec("fine", "guarded-3", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":25}"));

    assertEquals(25, connect.awaitRecords("ct5.rows", 25, Duration.ofSeconds(60)).size());
    List<String> refusals =
        awaitEvents("ct5.events", "SPEC_INVALID", 3).stream()
            .map(e -> e.get("message").asText())
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "spec \"big\": params.max_followers is 5000, above igscraper.control.max.results"
                + " (50).",
            "spec \"other-tool\": tool_type \"following\" is not allowed on the control topic"
                + " (igscraper.control.allowed.tool.types is followers).",
            "spec \"stranger\": external_user_id \"mallory\" matches none of"
                + " igscraper.control.allowed.external.user.ids (guarded-[0-9]+)."),
        refusals);
    for (String user : List.of("guarded-1", "guarded-2", "mallory")) {
      assertEquals(0, sim.stats().jobsCreatedFor(user), "nothing bought for " + user);
    }
    assertEquals(1, sim.stats().jobsCreatedFor("guarded-3"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ConnectFixture.taskMetric("ct5", 0, "control-records-rejected") == 3);
    connect
        .cluster()
        .connectorStatus("ct5")
        .tasks()
        .forEach(t -> assertEquals("RUNNING", t.state(), "a refusal never fails a task"));
    connect.cluster().deleteConnector("ct5");
  }

  @Test
  void aMissingControlTopicThatMayNotBeCreatedFailsTheTaskSayingWhatToDo() {
    Map<String, String> props = props("ct4", "[]");
    props.put("igscraper.control.topic.create", "false");
    connect.deploy("ct4", props);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              var tasks = connect.cluster().connectorStatus("ct4").tasks();
              return !tasks.isEmpty() && "FAILED".equals(tasks.get(0).state());
            });
    String trace = connect.cluster().connectorStatus("ct4").tasks().get(0).trace();
    assertTrue(trace.contains("Control topic 'ct4.control' does not exist"), trace);
    assertTrue(trace.contains("cleanup.policy=compact"), trace);
    connect.cluster().deleteConnector("ct4");
  }

  private List<JsonNode> events(String topic) {
    List<JsonNode> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : connect.readAll(topic, Duration.ofMillis(500))) {
      out.add(payload(r.value()));
    }
    return out;
  }

  private List<JsonNode> awaitEvents(String topic, String type, int atLeast) {
    List<JsonNode> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              found.clear();
              events(topic).stream()
                  .filter(e -> type.equals(e.get("event_type").asText()))
                  .forEach(found::add);
              return found.size() >= Math.max(1, atLeast);
            });
    return found;
  }
}
