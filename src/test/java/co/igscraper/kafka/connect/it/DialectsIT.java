package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.ConnectFixture.payload;
import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import co.igscraper.kafka.connect.simulator.Dialect;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The three-specs, two-tasks scenario against the simulator in each response dialect: whatever
 * shape the API's answers take within the docs, every row arrives once, typed, from one job per
 * spec.
 */
class DialectsIT {
  private static final String KEY = "dialects-key-2b7e";
  // Rows per spec: followers of nasa, following of spacex, enriched followers of esa and jaxa.
  private static final Map<String, Integer> ROWS = Map.of("nasa", 200, "spacex", 120, "esa", 260);
  private static final int TOTAL = 580;
  private static final Duration DELIVERY = Duration.ofSeconds(40);
  private static ConnectFixture connect;

  @BeforeAll
  static void start() {
    connect = ConnectFixture.start("dialects", 1, false);
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  void threeSpecsOnTwoTasksDeliverEveryRowOnceTyped(Dialect dialect) {
    String tag = dialect.wireName();
    String name = "dialects-" + tag;
    String rows = "dialects." + tag + ".rows";
    String events = "dialects." + tag + ".events";
    try (IgScraperSimulator sim =
        IgScraperSimulator.start(
            SimulatorConfig.builder()
                .apiKeys(KEY)
                .queuedFor(Duration.ofMillis(50))
                .processingFor(Duration.ofMillis(300))
                .rateLimitsDisabled()
                .dialect(dialect)
                .build())) {
      connect.deploy(name, props(sim, tag, rows, events));
      try {
        awaitDelivery(sim, dialect, name, rows);
        assertRows(dialect, connect.readAll(rows, Duration.ofSeconds(1)));
        for (String user : List.of(user(tag, 1), user(tag, 2), user(tag, 3))) {
          assertEquals(1, sim.stats().jobsCreatedFor(user), dialect + ": one job for " + user);
        }
        assertCompletedEvents(dialect, sim, connect.readAll(events, Duration.ofMillis(500)));
        assertEquals(2, connect.cluster().connectorStatus(name).tasks().size());
      } finally {
        connect.cluster().deleteConnector(name);
      }
    }
  }

  private static String user(String tag, int n) {
    return "dl-" + tag + "-u" + n;
  }

  private static Map<String, String> props(
      IgScraperSimulator sim, String tag, String rows, String events) {
    String jobs =
        "["
            + spec(
                "nasa",
                user(tag, 1),
                "followers",
                "{\"usernames\":[\"nasa\"],\"max_followers\":200}")
            + ","
            + spec(
                "spacex",
                user(tag, 2),
                "following",
                "{\"usernames\":[\"spacex\"],\"max_following\":120}")
            + ","
            + spec(
                "esa",
                user(tag, 3),
                "followers",
                "{\"usernames\":[\"esa\",\"jaxa\"],\"max_followers\":130,\"enrich_profiles\":true,"
                    + "\"enrich_country_date\":true}")
            + "]";
    Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
    props.put("topic", rows);
    props.put("igscraper.events.topic", events);
    // Several pages per job, so every page shape of a dialect is read.
    props.put("igscraper.page.size", "50");
    // A dialect the client cannot read fails the task within seconds, saying why, instead of
    // retrying for the default 15 minutes; retried submits must not wait on the user limit.
    props.put("igscraper.retry.max.attempts", "2");
    props.put("igscraper.retry.give.up.after.ms", "6000");
    props.put("igscraper.stall.policy", "fail_task");
    props.put("igscraper.limit.user.submits.per.minute", "1000");
    props.put("igscraper.limit.user.submits.per.hour", "10000");
    return props;
  }

  /** Waits for every row, failing at once (with the task's trace) if a task fails. */
  private static void awaitDelivery(
      IgScraperSimulator sim, Dialect dialect, String name, String topic) {
    long deadline = System.nanoTime() + DELIVERY.toNanos();
    while (true) {
      String failure = failure(name);
      if (failure != null) {
        fail(dialect + ": " + failure);
      }
      int delivered = connect.awaitRecords(topic, TOTAL, Duration.ofMillis(500)).size();
      if (delivered >= TOTAL) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail(
            dialect
                + ": "
                + delivered
                + " of "
                + TOTAL
                + " rows after "
                + DELIVERY
                + "; "
                + sim.stats());
      }
    }
  }

  private static String failure(String name) {
    ConnectorStateInfo info;
    try {
      info = connect.cluster().connectorStatus(name);
    } catch (RuntimeException notYetKnown) {
      return null;
    }
    if ("FAILED".equals(info.connector().state())) {
      return "connector failed: " + head(info.connector().trace());
    }
    for (ConnectorStateInfo.TaskState task : info.tasks()) {
      if ("FAILED".equals(task.state())) {
        return "task " + task.id() + " failed: " + head(task.trace());
      }
    }
    return null;
  }

  // The trace's first line: the task's exception, which names the spec and the last error.
  private static String head(String trace) {
    String first = trace == null ? "" : trace.split("\n", 2)[0].trim();
    return first.length() > 600 ? first.substring(0, 600) + "..." : first;
  }

  private static void assertRows(Dialect dialect, List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, Integer> perSpec = new HashMap<>();
    Set<String> unique = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String spec = SourceConnectorIT.header(r, "igscraper.spec");
      perSpec.merge(spec, 1, Integer::sum);
      JsonNode key = payload(r.key());
      JsonNode value = payload(r.value());
      assertTrue(
          unique.add(spec + "|" + key.get("source").asText() + "|" + key.get("user_id").asText()),
          dialect + ": duplicate " + key);
      assertTrue(value.get("verified").isBoolean(), dialect + ": " + value);
      assertTrue(value.get("private").isBoolean(), dialect + ": " + value);
      JsonNode extra = value.get("extra_columns");
      assertTrue(extra == null || extra.isNull() || extra.isEmpty(), dialect + ": " + value);
      if (spec.equals("esa")) {
        assertTrue(value.get("follower_count").isIntegralNumber(), dialect + ": " + value);
        assertTrue(value.get("country").isTextual(), dialect + ": " + value);
      } else {
        assertTrue(value.get("follower_count").isNull(), dialect + ": " + value);
      }
    }
    assertEquals(ROWS, perSpec, dialect + ": rows per spec");
    assertEquals(TOTAL, records.size(), dialect + ": every row exactly once");
  }

  private static void assertCompletedEvents(
      Dialect dialect, IgScraperSimulator sim, List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, String> completedJob = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      JsonNode event = payload(r.value());
      if ("COMPLETED".equals(event.get("event_type").asText())) {
        completedJob.put(event.get("spec_name").asText(), event.get("job_id").asText());
        JsonNode cost = event.get("cost_charged");
        if (dialect == Dialect.DECIMAL_NUMBERS) {
          // The dialect charges n + 0.5 credits: the fraction survives into the event exactly.
          assertEquals(
              0,
              new BigDecimal("0.5").compareTo(cost.decimalValue().remainder(BigDecimal.ONE)),
              dialect + ": " + event);
        } else if (dialect != Dialect.SPARSE && dialect != Dialect.ALL) {
          assertTrue(cost.decimalValue().signum() > 0, dialect + ": " + event);
        }
      }
    }
    assertEquals(ROWS.keySet(), completedJob.keySet(), dialect + ": a COMPLETED event per spec");
    assertTrue(
        sim.stats().jobIds().containsAll(completedJob.values()),
        dialect + ": events name the simulator's jobs " + completedJob);
  }
}
