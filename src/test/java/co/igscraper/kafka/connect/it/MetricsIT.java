package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The connector's metrics as an operator sees them: read over JMX from a running worker, under the
 * names the worker gives plugin metrics ({@code kafka.connect:type=plugins,connector=,task=}).
 */
class MetricsIT {
  private static final String KEY = "metrics-key-77c1";
  private static final long CREDITS = 1_000_000L;
  private static final int ROWS = 430;

  @Test
  void aJobsWorkIsVisibleInTheTaskAndConnectorMetrics() throws Exception {
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ConnectFixture connect = ConnectFixture.start("metrics", 1, false)) {
      sim.setCredits(KEY, CREDITS);
      String jobs =
          "["
              + spec(
                  "counted",
                  "metrics-u1",
                  "followers",
                  "{\"usernames\":[\"nasa\"],\"max_followers\":" + ROWS + "}")
              + "]";
      Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
      props.put("tasks.max", "1");
      props.put("topic", "metrics.rows");
      props.put("igscraper.page.size", "100");
      connect.deploy("metrics-it", props);
      connect.awaitRunning("metrics-it", 1);
      assertEquals(ROWS, connect.awaitRecords("metrics.rows", ROWS, Duration.ofSeconds(60)).size());

      MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
      ObjectName task = new ObjectName("kafka.connect:type=plugins,connector=metrics-it,task=0");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> jmx.isRegistered(task) && value(jmx, task, "jobs-running") == 0);
      assertEquals(ROWS, value(jmx, task, "rows-emitted"));
      assertEquals(ROWS, value(jmx, task, "rows-fetched"));
      assertEquals(5, value(jmx, task, "pages-fetched"));
      assertEquals(1, value(jmx, task, "jobs-submitted"));
      assertEquals(1, value(jmx, task, "jobs-completed"));
      assertEquals(0, value(jmx, task, "jobs-failed"));
      long requests = value(jmx, task, "requests-total");
      assertTrue(requests >= 7, "submit, at least one poll, five pages: " + requests);
      assertEquals(requests, value(jmx, task, "responses-2xx"), "no faults injected");
      assertEquals(0, value(jmx, task, "responses-5xx") + value(jmx, task, "io-errors"));
      assertEquals(
          CREDITS - sim.credits(KEY),
          value(jmx, task, "credits-charged"),
          "credits charged == what the simulator took");
      assertTrue(value(jmx, task, "credits-charged") > 0);
      // Windowed, in fractional ms: a local simulator answers well under a millisecond.
      double avg = ((Number) jmx.getAttribute(task, "api-latency-avg-ms")).doubleValue();
      double p50 = ((Number) jmx.getAttribute(task, "api-latency-p50-ms")).doubleValue();
      double p99 = ((Number) jmx.getAttribute(task, "api-latency-p99-ms")).doubleValue();
      assertTrue(avg > 0 && p50 >= 0 && p99 >= p50, "latency: " + avg + ", " + p50 + " / " + p99);
      assertTrue(value(jmx, task, "job-duration-p50-ms") > 0);
      assertTrue(
          value(jmx, task, "job-duration-max-ms") >= value(jmx, task, "job-duration-avg-ms"));
      assertTrue(
          ((Number) jmx.getAttribute(task, "rows-emitted-rate")).doubleValue() > 0,
          "a windowed rate of the rows just emitted");
      // The one spec is counted as done.
      await().atMost(Duration.ofSeconds(10)).until(() -> value(jmx, task, "phase-done") == 1);
      assertEquals(0, value(jmx, task, "buffer-records"), "Connect took every record");
      assertEquals(0, value(jmx, task, "next-permit-ms"), "limits raised: a permit is free now");
      assertEquals(0, value(jmx, task, "parse-failures"));
      assertEquals(0, value(jmx, task, "client-retries") + value(jmx, task, "runner-retries"));

      ObjectName connector = new ObjectName("kafka.connect:type=plugins,connector=metrics-it");
      assertEquals(1, value(jmx, connector, "specs-configured"));
      assertEquals(1, value(jmx, connector, "tasks-configured"));

      connect.cluster().deleteConnector("metrics-it");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !jmx.isRegistered(task) || !hasAttribute(jmx, task, "rows-emitted"));
    }
  }

  private static long value(MBeanServer jmx, ObjectName name, String attribute) throws Exception {
    return ((Number) jmx.getAttribute(name, attribute)).longValue();
  }

  private static boolean hasAttribute(MBeanServer jmx, ObjectName name, String attribute) {
    try {
      jmx.getAttribute(name, attribute);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
