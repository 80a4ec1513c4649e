package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.ConnectFixture.payload;
import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.Faults;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Under steady faults every row arrives once with one job per spec and the retries show in the
 * metrics; an outage longer than the stall bound is reported while the task keeps RUNNING and heals
 * by itself; with {@code igscraper.stall.policy=fail_task} the task fails within the bound instead.
 */
class ChaosIT {
  private static final String KEY = "chaos2-key-6e0b";

  @Test
  void everyRowArrivesThroughFaultsWithBoundedVisibleRetries() throws Exception {
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ConnectFixture connect = ConnectFixture.start("chaos2", 1, false)) {
      sim.setFaults(
          Faults.builder()
              .error503(0.10)
              .error500(0.03)
              .spurious429(0.05, 1)
              .dropConnection(0.02)
              .latency(Duration.ofMillis(20), Duration.ofMillis(80))
              .seed(7)
              .build());
      int specs = 3;
      int rows = 500;
      StringBuilder jobs = new StringBuilder("[");
      for (int i = 0; i < specs; i++) {
        jobs.append(i == 0 ? "" : ",")
            .append(
                spec(
                    "storm-" + i,
                    "storm-u" + i,
                    "followers",
                    "{\"usernames\":[\"storm" + i + "\"],\"max_followers\":" + rows + "}"));
      }
      jobs.append("]");
      Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs.toString());
      props.put("topic", "storm.rows");
      props.put("igscraper.page.size", "100");
      props.put("igscraper.retry.max.attempts", "6");
      connect.deploy("storm", props);
      connect.awaitRunning("storm", 2);

      List<ConsumerRecord<byte[], byte[]>> all =
          connect.awaitRecords("storm.rows", specs * rows, Duration.ofSeconds(180));
      Set<String> unique = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> r : all) {
        JsonNode key = payload(r.key());
        unique.add(key.get("source").asText() + "|" + key.get("user_id").asText());
      }
      assertEquals(specs * rows, unique.size(), "every row delivered");
      assertEquals(specs * rows, connect.readAll("storm.rows", Duration.ofSeconds(2)).size());
      for (int i = 0; i < specs; i++) {
        assertEquals(1, sim.stats().jobsCreatedFor("storm-u" + i), "one job for spec " + i);
      }

      MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
      long requests = 0;
      long retries = 0;
      long failures = 0;
      long rowsEmitted = 0;
      for (int task = 0; task < 2; task++) {
        ObjectName name = new ObjectName("kafka.connect:type=plugins,connector=storm,task=" + task);
        requests += value(jmx, name, "requests-total");
        retries += value(jmx, name, "client-retries") + value(jmx, name, "runner-retries");
        failures +=
            value(jmx, name, "responses-5xx")
                + value(jmx, name, "responses-429")
                + value(jmx, name, "io-errors");
        rowsEmitted += value(jmx, name, "rows-emitted");
      }
      assertEquals(specs * rows, rowsEmitted);
      assertTrue(failures > 0, "faults reached the client: " + sim.stats());
      assertTrue(retries > 0, "retries are visible in the metrics");
      assertTrue(
          retries <= failures, "one retry per failed attempt at most: " + retries + "/" + failures);
      assertTrue(
          requests < 3L * (sim.stats().totalRequests() + 1),
          "requests bounded: " + requests + " vs " + sim.stats().totalRequests());
    }
  }

  @Test
  void anOutageLongerThanTheStallBoundIsVisibleWhileTheTaskRunsAndHealsWithEveryRow()
      throws Exception {
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ConnectFixture connect = ConnectFixture.start("chaos4", 1, false)) {
      sim.setFaults(Faults.builder().error503(1.0).build());
      String jobs =
          "["
              + spec(
                  "outage",
                  "outage-u",
                  "followers",
                  "{\"usernames\":[\"nasa\"],\"max_followers\":120}")
              + "]";
      Map<String, String> props = outageProps(sim, jobs, "outage.rows");
      props.put("igscraper.events.topic", "outage.events");
      props.put("igscraper.page.size", "50");
      connect.deploy("outage", props);
      connect.awaitRunning("outage", 1);

      JsonNode stalled =
          connect.awaitEvent("outage.events", "outage", "STALLED", Duration.ofSeconds(60));
      assertTrue(stalled.get("message").asText().contains("HTTP 503"), stalled.toString());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> ConnectFixture.taskMetric("outage", 0, "specs-stalled") == 1);
      assertEquals("RUNNING", connect.taskState("outage"), "the stall does not fail the task");
      assertEquals(0, sim.stats().jobsCreatedFor("outage-u"), "the outage let no submit through");

      sim.setFaults(Faults.none()); // the maintenance window ends
      assertEquals(120, connect.awaitRecords("outage.rows", 120, Duration.ofSeconds(60)).size());
      JsonNode recovered =
          connect.awaitEvent("outage.events", "outage", "RECOVERED", Duration.ofSeconds(60));
      assertTrue(
          recovered.get("message").asText().contains("calls succeed again"), recovered.toString());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> ConnectFixture.taskMetric("outage", 0, "specs-stalled") == 0);
      assertEquals(120, connect.readAll("outage.rows", Duration.ofSeconds(2)).size(), "none twice");
      assertEquals(1, sim.stats().jobsCreatedFor("outage-u"), "one job for the spec");
      assertEquals("RUNNING", connect.taskState("outage"));
      List<String> types =
          connect.readAll("outage.events", Duration.ofMillis(500)).stream()
              .map(r -> payload(r.value()).path("event_type").asText())
              .filter(t -> t.equals("STALLED") || t.equals("RECOVERED"))
              .toList();
      assertEquals(List.of("STALLED", "RECOVERED"), types, "one of each per stall, in order");
    }
  }

  /** One task against an API that fails every call: a 3 s stall bound, few retries per call. */
  private static Map<String, String> outageProps(
      IgScraperSimulator sim, String jobs, String topic) {
    Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
    props.put("tasks.max", "1");
    props.put("topic", topic);
    props.put("igscraper.retry.max.attempts", "2");
    props.put("igscraper.retry.give.up.after.ms", "3000");
    // Every attempt takes a submit permit; with the default 5 per user per minute the client's
    // limiter (not a failure) would hold the sixth attempt for a minute.
    props.put("igscraper.limit.user.submits.per.minute", "1000");
    props.put("igscraper.limit.user.submits.per.hour", "10000");
    return props;
  }

  @Test
  void withFailTaskATaskThatMakesNoProgressFailsWithinTheBoundNamingSpecAndError() {
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ConnectFixture connect = ConnectFixture.start("chaos3", 1, false)) {
      sim.setFaults(Faults.builder().error503(1.0).build());
      String jobs =
          "[" + spec("hopeless", "hope-u", "followers", "{\"usernames\":[\"nasa\"]}") + "]";
      Map<String, String> props = outageProps(sim, jobs, "hopeless.rows");
      props.put("igscraper.stall.policy", "fail_task");
      long deployed = System.nanoTime();
      connect.deploy("hopeless", props);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                var tasks = connect.cluster().connectorStatus("hopeless").tasks();
                return !tasks.isEmpty() && "FAILED".equals(tasks.get(0).state());
              });
      Duration took = Duration.ofNanos(System.nanoTime() - deployed);
      // give-up (3 s) + one capped back-off + one call's retries; far below the 15 min default.
      assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "failed after " + took);
      String trace = connect.cluster().connectorStatus("hopeless").tasks().get(0).trace();
      assertTrue(trace.contains("Spec 'hopeless' made no progress"), trace);
      assertTrue(trace.contains("igscraper.retry.give.up.after.ms"), trace);
      assertTrue(trace.contains("last error: POST /jobs failed: HTTP 503"), trace);
      assertTrue(!trace.contains(KEY), "no key in the trace");
    }
  }

  private static long value(MBeanServer jmx, ObjectName name, String attribute) throws Exception {
    return ((Number) jmx.getAttribute(name, attribute)).longValue();
  }
}
