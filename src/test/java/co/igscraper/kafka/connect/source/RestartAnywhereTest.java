package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "A restart between any two steps changes nothing", generated rather than hand-picked: each
 * scenario runs once without a restart, then once per step with a restart right after that step,
 * the new runner built from nothing but the last record's offset and the replayed control topic.
 * Rows, events and API calls must be the same.
 */
class RestartAnywhereTest {
  private static final String ONE_OFF =
      "{\"name\":\"once\",\"external_user_id\":\"u-once\",\"tool_type\":\"followers\","
          + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":250}}";
  private static final String HOURLY =
      "{\"name\":\"hourly\",\"external_user_id\":\"u-hourly\",\"tool_type\":\"followers\","
          + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":150},\"repeat_every\":\"PT1H\"}";
  private static final JobRunner.EnrichRequest ENRICH =
      new JobRunner.EnrichRequest("control:0:7", new Addons(false, true));

  /** A spec, the control command it gets once it first rests (if any), and when it is done. */
  private record Scenario(
      String name,
      String spec,
      JobRunner.EnrichRequest command,
      Predicate<JobRunner> done,
      Predicate<JobRunner> issueCommand) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Scenario ENRICHED_ONCE =
      new Scenario(
          "one-off job, then an enrichment request",
          ONE_OFF,
          ENRICH,
          r -> r.phase() == JobRunner.Phase.DONE,
          r -> r.phase() == JobRunner.Phase.DONE);
  private static final Scenario TWO_HOURLY_RUNS =
      new Scenario(
          "recurring spec, two runs",
          HOURLY,
          null,
          r -> r.phase() == JobRunner.Phase.WAIT && r.run() == 2,
          r -> false);

  /** What a run produced, as Kafka and the API saw it. */
  private record Trace(
      List<String> rows, List<String> events, Map<String, Long> calls, int steps) {}

  private static Trace run(Scenario scenario, int restartAfter, Duration downtime) {
    try (SimulatedRun world = SimulatedRun.start()) {
      JobSpec spec = SimulatedRun.spec(scenario.spec());
      List<SourceRecord> delivered = new ArrayList<>();
      JobRunner runner = world.runner(spec, null);
      boolean issued = false;
      int step = 0;
      for (; step < 500; step++) {
        if ((issued || scenario.command() == null) && scenario.done().test(runner)) {
          break;
        }
        if (step == restartAfter) {
          // The worker is down a while (the job goes on at the API); the new task knows only what
          // Kafka holds, and reads the control topic from the start.
          world.clock.advance(downtime);
          runner = world.runner(spec, lastOffset(delivered));
          if (issued) {
            runner.requestEnrichment(scenario.command());
          }
        }
        delivered.addAll(world.step(runner));
        if (!issued && scenario.command() != null && scenario.issueCommand().test(runner)) {
          runner.requestEnrichment(scenario.command());
          issued = true;
        }
      }
      assertTrue(scenario.done().test(runner), scenario + ": came to rest in " + runner.phase());
      return new Trace(rows(delivered), events(delivered), calls(world.sim), step);
    }
  }

  private static SourceCursor lastOffset(List<SourceRecord> delivered) {
    for (int i = delivered.size() - 1; i >= 0; i--) {
      if (delivered.get(i).sourceOffset() != null) {
        @SuppressWarnings("unchecked")
        Map<String, Object> offset = (Map<String, Object>) delivered.get(i).sourceOffset();
        return SourceCursor.fromMap(offset);
      }
    }
    return null;
  }

  private static List<String> rows(List<SourceRecord> records) {
    return records.stream()
        .filter(r -> r.topic().equals("rows"))
        .map(
            r ->
                r.headers().lastWithName(RecordFactory.HEADER_RUN).value()
                    + "|"
                    + ((Struct) r.key()).getString("source")
                    + "|"
                    + ((Struct) r.key()).getString("user_id"))
        .sorted()
        .toList();
  }

  // PROGRESS is informational: a restarted runner reports the job's progress again.
  private static List<String> events(List<SourceRecord> records) {
    return records.stream()
        .filter(r -> r.topic().equals("events"))
        .map(r -> ((Struct) r.value()).getString("event_type"))
        .filter(type -> !type.equals("PROGRESS"))
        .toList();
  }

  private static Map<String, Long> calls(IgScraperSimulator sim) {
    Map<String, Long> calls = new TreeMap<>();
    sim.stats()
        .requestsByEndpointAndStatus()
        .forEach(
            (endpoint, statuses) -> {
              if (endpoint.startsWith("POST")) {
                calls.put(endpoint, statuses.values().stream().mapToLong(Long::longValue).sum());
              }
            });
    calls.put("jobs created", sim.stats().jobsCreated());
    return calls;
  }

  private static final Map<String, Trace> BASELINE = new ConcurrentHashMap<>();

  private static Trace baseline(Scenario s) {
    return BASELINE.computeIfAbsent(s.name(), n -> run(s, -1, Duration.ZERO));
  }

  /** Every step of each scenario's run without a restart is a restart point. */
  static Stream<Arguments> restartPoints() {
    return Stream.of(ENRICHED_ONCE, TWO_HOURLY_RUNS)
        .flatMap(
            s ->
                Stream.of(Duration.ZERO, Duration.ofSeconds(90))
                    .flatMap(
                        down ->
                            IntStream.rangeClosed(1, baseline(s).steps() - 1)
                                .mapToObj(k -> Arguments.of(s, k, down))));
  }

  @ParameterizedTest(name = "{0}: restart after step {1}, down for {2}")
  @MethodSource("restartPoints")
  void aRestartAfterAnyStepChangesNoRowEventOrApiCall(
      Scenario scenario, int restartAfter, Duration downtime) {
    Trace expected = baseline(scenario);
    assertTrue(expected.rows().size() > 0, "the scenario emits rows");
    Trace actual = run(scenario, restartAfter, downtime);
    assertEquals(expected.calls(), actual.calls(), "API calls that create or buy something");
    assertEquals(expected.rows(), actual.rows(), "every row exactly once");
    assertEquals(expected.events(), actual.events(), "the same events in the same order");
  }
}
