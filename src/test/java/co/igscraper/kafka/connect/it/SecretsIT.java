package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig;
import co.igscraper.kafka.connect.simulator.Faults;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.Test;

/**
 * Self-contained: runs its own scenarios (happy path, 401, 402, faults, a failed job with
 * fail_task, validation errors, bad control records) with distinctive keys, then looks for the keys
 * in every log line, stdout/stderr, status trace, record, header and event they produced.
 */
class SecretsIT {
  private static final String KEY = "sk-live-SECRET-5f0c9a7e41d2";
  private static final String WRONG_KEY = "sk-live-WRONG-83be1c0d77aa";
  private static final Path LOG = Path.of("target/test-logs/tests.log");

  @Test
  void theApiKeyAppearsInNoLogTraceRecordHeaderOrEvent() throws Exception {
    long logStart = Files.exists(LOG) ? Files.size(LOG) : 0;
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(new PrintStream(new TeeStream(out, captured), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new TeeStream(err, captured), true, StandardCharsets.UTF_8));
    List<String> places = new ArrayList<>();
    List<String> connectors = new ArrayList<>();
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ConnectFixture connect = ConnectFixture.start("secrets", 1, false)) {
      // 1. Happy path with events and a control topic that receives bad records.
      Map<String, String> happy =
          props(
              sim,
              KEY,
              "["
                  + spec(
                      "ok",
                      "sec-ok",
                      "followers",
                      "{\"usernames\":[\"nasa\"],\"max_followers\":60}")
                  + "]");
      happy.put("igscraper.control.topic", "sec.control");
      happy.put(
          "igscraper.control.bootstrap.servers", connect.cluster().kafka().bootstrapServers());
      deploy(connect, connectors, "sec-happy", happy);
      connect.awaitRunning("sec-happy", 2);
      connect
          .cluster()
          .kafka()
          .produce("sec.control", "broken", "{\"name\": \"broken\", \"tool_type\": 7");
      connect.cluster().kafka().produce("sec.control", "enrich:nope", "[1,2]");
      connect.awaitRecords("sec.rows", 60, Duration.ofSeconds(60));

      // 2. 401: a wrong key fails the task.
      deploy(
          connect,
          connectors,
          "sec-401",
          props(
              sim,
              WRONG_KEY,
              "[" + spec("nokey", "sec-401", "followers", "{\"usernames\":[\"nasa\"]}") + "]"));
      awaitTaskState(connect, "sec-401", "FAILED");

      // 3. 402 and 4. a FAILED job under fail_task.
      sim.setCredits(KEY, 10);
      deploy(
          connect,
          connectors,
          "sec-402",
          props(
              sim,
              KEY,
              "["
                  + spec(
                      "broke",
                      "sec-402",
                      "followers",
                      "{\"usernames\":[\"nasa\"],\"max_followers\":900}")
                  + "]"));
      connect.awaitRunning("sec-402", 1);
      awaitEvent(connect, "OUT_OF_CREDITS");
      sim.setCredits(KEY, 1_000_000_000L);
      sim.setNextOutcome("sec-fail", Outcome.FAILED);
      Map<String, String> failTask =
          props(
              sim,
              KEY,
              "[" + spec("doomed", "sec-fail", "followers", "{\"usernames\":[\"nasa\"]}") + "]");
      failTask.put("igscraper.job.failure.policy", "fail_task");
      deploy(connect, connectors, "sec-fail", failTask);
      awaitTaskState(connect, "sec-fail", "FAILED");

      // 5. Faults: 500, 503, 429, dropped connections.
      sim.setFaults(
          Faults.builder()
              .error500(0.1)
              .error503(0.1)
              .spurious429(0.1, 1)
              .dropConnection(0.05)
              .seed(3)
              .build());
      deploy(
          connect,
          connectors,
          "sec-faults",
          props(
              sim,
              KEY,
              "["
                  + spec(
                      "stormy",
                      "sec-faults",
                      "followers",
                      "{\"usernames\":[\"esa\"],\"max_followers\":150}")
                  + "]"));
      connect.awaitRecords("sec.rows", 210, Duration.ofSeconds(90));
      sim.setFaults(Faults.none());

      // 6. Validation errors, with the key in the submitted config.
      Map<String, String> invalid =
          props(sim, KEY, "[{\"name\":\"bad name!\",\"tool_type\":\"nope\"}]");
      invalid.put("igscraper.page.size", "5000");
      invalid.put("igscraper.http.proxy", "no-port");
      String body = ConnectFixture.JSON.writeValueAsString(invalid);
      ConnectFixture.RestResponse validation =
          connect.rest(
              "PUT",
              "connector-plugins/"
                  + IgScraperSourceConnector.class.getSimpleName()
                  + "/config/validate",
              body);
      assertEquals(200, validation.status(), validation.body());
      assertTrue(validation.body().contains("\"error_count\""), validation.body());
      places.add("validate response:\n" + validation.body());
      ConnectFixture.RestResponse rejected =
          connect.rest("PUT", "connectors/sec-invalid/config", body);
      places.add("rejected config response:\n" + rejected.body());

      // What the scenarios left behind.
      for (String name : connectors) {
        ConnectorStateInfo status = connect.cluster().connectorStatus(name);
        places.add("status " + name + ": " + status.connector().trace());
        status.tasks().forEach(t -> places.add("task " + name + ": " + t.trace()));
      }
      for (String topic : List.of("sec.rows", "sec.events")) {
        for (ConsumerRecord<byte[], byte[]> r : connect.readAll(topic, Duration.ofSeconds(2))) {
          places.add(topic + " key: " + text(r.key()));
          places.add(topic + " value: " + text(r.value()));
          for (Header h : r.headers()) {
            places.add(topic + " header " + h.key() + ": " + text(h.value()));
          }
        }
      }
      assertTrue(places.stream().anyMatch(p -> p.contains("OUT_OF_CREDITS")), "402 event seen");
      assertTrue(
          places.stream().anyMatch(p -> p.contains("SPEC_INVALID")), "bad control record seen");
      assertTrue(
          places.stream().anyMatch(p -> p.contains("refused the API key")), "401 trace seen");
      places.add("config toString: " + new IgScraperSourceConfig(happy));
      places.add("config values: " + new IgScraperSourceConfig(happy).values());
    } finally {
      System.setOut(out);
      System.setErr(err);
      tee.close();
    }
    places.add("stdout/stderr:\n" + captured.toString(StandardCharsets.UTF_8));
    places.add("log file:\n" + logSince(logStart));
    assertTrue(places.get(places.size() - 1).contains("sec-happy"), "the log file was written");
    for (String place : places) {
      for (String secret : List.of(KEY, WRONG_KEY)) {
        int at = place.indexOf(secret);
        assertFalse(
            at >= 0,
            "secret found in "
                + place.substring(0, Math.min(80, place.length()))
                + " ... "
                + (at >= 0
                    ? place.substring(Math.max(0, at - 200), Math.min(place.length(), at + 50))
                    : ""));
      }
    }
  }

  private static Map<String, String> props(IgScraperSimulator sim, String key, String jobs) {
    Map<String, String> props = new HashMap<>(SimulatorFixture.unlimitedProps(sim, key, jobs));
    props.put("topic", "sec.rows");
    props.put("igscraper.events.topic", "sec.events");
    props.put("igscraper.limit.user.submits.per.minute", "1000");
    props.put("igscraper.limit.user.submits.per.hour", "10000");
    return props;
  }

  private static void deploy(
      ConnectFixture connect, List<String> names, String name, Map<String, String> props) {
    props.put("name", name);
    connect.deploy(name, props);
    names.add(name);
  }

  private static void awaitTaskState(ConnectFixture connect, String name, String state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              var tasks = connect.cluster().connectorStatus(name).tasks();
              return !tasks.isEmpty() && state.equals(tasks.get(0).state());
            });
  }

  private static void awaitEvent(ConnectFixture connect, String type) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                connect.readAll("sec.events", Duration.ofMillis(500)).stream()
                    .anyMatch(r -> text(r.value()).contains(type)));
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
  }

  private static String logSince(long offset) throws java.io.IOException {
    try (RandomAccessFile f = new RandomAccessFile(LOG.toFile(), "r")) {
      f.seek(Math.min(offset, f.length()));
      byte[] bytes = new byte[(int) (f.length() - f.getFilePointer())];
      f.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** Writes to the real stream and to a capture buffer. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
