package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.ClientSettings;
import co.igscraper.kafka.connect.client.IgScraperClient;
import co.igscraper.kafka.connect.client.RateLimits;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.FailurePolicy;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.StallPolicy;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.JobSpecParser;
import co.igscraper.kafka.connect.config.TopicNamer;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.ManualClock;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/** A runner's world on one manual clock: simulator, real client, context, and stepping helpers. */
final class SimulatedRun implements AutoCloseable {
  static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
  static final String EVENTS = "events";
  static final PollSchedule POLLS = new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(15));

  final ManualClock clock = new ManualClock(START);
  final IgScraperSimulator sim;
  final IgScraperClient client;
  final RunnerContext ctx;

  static final String KEY = "simulated-run-key";

  private SimulatedRun(Builder b) {
    String key = KEY;
    sim =
        IgScraperSimulator.start(
            SimulatorConfig.builder()
                .apiKeys(key)
                .clock(clock)
                .queuedFor(Duration.ofSeconds(1))
                .processingFor(b.processingFor)
                .enrichmentFor(b.enrichmentFor)
                .rateLimitsDisabled()
                .build());
    client =
        new IgScraperClient(
            ClientSettings.builder()
                .baseUrl(sim.baseUrl())
                .apiKey(key)
                .rateLimits(new RateLimits(100_000, 1_000_000, 100_000, 1000, 10_000))
                .build());
    TaskMetrics metrics = new TaskMetrics();
    ctx =
        new RunnerContext(
            "simulated",
            client,
            clock,
            new RecordFactory(
                "simulated", new TopicNamer(b.topicTemplate), Optional.of(EVENTS), clock, metrics),
            metrics,
            b.pageSize,
            POLLS,
            b.jobTimeout,
            Duration.ofMillis(100),
            Duration.ofMinutes(15),
            StallPolicy.KEEP_RETRYING,
            FailurePolicy.STOP_SPEC,
            "");
  }

  static Builder builder() {
    return new Builder();
  }

  static SimulatedRun start() {
    return builder().start();
  }

  /** Settings that differ between the tests; the rest is as in {@code JobRunnerTest}. */
  static final class Builder {
    private Duration processingFor = Duration.ofSeconds(10);
    private Duration enrichmentFor = Duration.ofSeconds(5);
    private int pageSize = 100;
    private String topicTemplate = "rows";
    private Duration jobTimeout = Duration.ofHours(1);

    Builder processingFor(Duration d) {
      processingFor = d;
      return this;
    }

    Builder enrichmentFor(Duration d) {
      enrichmentFor = d;
      return this;
    }

    Builder pageSize(int size) {
      pageSize = size;
      return this;
    }

    Builder topicTemplate(String template) {
      topicTemplate = template;
      return this;
    }

    Builder jobTimeout(Duration d) {
      jobTimeout = d;
      return this;
    }

    SimulatedRun start() {
      return new SimulatedRun(this);
    }
  }

  @Override
  public void close() {
    client.close();
    sim.close();
  }

  static JobSpec spec(String json) {
    JobSpecParser.Result result = JobSpecParser.parse("[" + json + "]");
    assertTrue(result.isValid(), result.errors().toString());
    return result.specs().get(0);
  }

  JobRunner runner(JobSpec spec, SourceCursor stored) {
    return new JobRunner(spec, stored, ctx);
  }

  /** Moves the clock to the runner's due time (never back) and performs one step. */
  List<SourceRecord> step(JobRunner runner) {
    Duration wait = Duration.between(clock.instant(), runner.nextDue());
    if (wait.compareTo(Duration.ZERO) > 0) {
      clock.advance(wait);
    }
    return runner.step();
  }

  /** Steps the runner until it rests in one of {@code rest}. */
  List<SourceRecord> runUntil(JobRunner runner, JobRunner.Phase... rest) {
    Set<JobRunner.Phase> stops = Set.of(rest);
    List<SourceRecord> out = stepWhile(runner, () -> !stops.contains(runner.phase()));
    assertTrue(stops.contains(runner.phase()), "runner rests in " + runner.phase());
    return out;
  }

  /** Steps the runner while {@code more} holds, at most 10,000 steps. */
  List<SourceRecord> stepWhile(JobRunner runner, BooleanSupplier more) {
    List<SourceRecord> out = new ArrayList<>();
    for (int i = 0; i < 10_000 && more.getAsBoolean(); i++) {
      out.addAll(step(runner));
    }
    return out;
  }

  static List<SourceRecord> rows(List<SourceRecord> records) {
    return records.stream().filter(r -> !r.topic().equals(EVENTS)).toList();
  }

  static List<Struct> events(List<SourceRecord> records) {
    return records.stream()
        .filter(r -> r.topic().equals(EVENTS))
        .map(r -> (Struct) r.value())
        .toList();
  }

  static List<String> eventTypes(List<SourceRecord> records) {
    return events(records).stream().map(e -> e.getString("event_type")).toList();
  }

  static SourceCursor cursorOf(SourceRecord record) {
    @SuppressWarnings("unchecked")
    Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
    return SourceCursor.fromMap(offset);
  }

  /** The run record of the last record that carries one: where a restart resumes. */
  static SourceCursor lastCursor(List<SourceRecord> records) {
    SourceRecord last = null;
    for (SourceRecord r : records) {
      if (r.sourceOffset() != null) {
        last = r;
      }
    }
    assertNotNull(last, "some record carries an offset");
    return cursorOf(last);
  }

  static String header(SourceRecord record, String name) {
    Header h = record.headers().lastWithName(name);
    return h == null ? null : String.valueOf(h.value());
  }

  /** {@code ctx} with another client: one test's settings, the same world. */
  static RunnerContext withClient(RunnerContext ctx, IgScraperClient client) {
    return new RunnerContext(
        ctx.connectorName(),
        client,
        ctx.clock(),
        ctx.records(),
        ctx.metrics(),
        ctx.pageSize(),
        ctx.pollSchedule(),
        ctx.jobTimeout(),
        ctx.retryBackoffMin(),
        ctx.giveUpAfter(),
        ctx.stallPolicy(),
        ctx.failurePolicy(),
        ctx.idempotencyKeyPrefix());
  }

  /** {@code ctx} with other record routing (a changed topic template, say). */
  static RunnerContext withRecords(RunnerContext ctx, RecordFactory records) {
    return new RunnerContext(
        ctx.connectorName(),
        ctx.client(),
        ctx.clock(),
        records,
        ctx.metrics(),
        ctx.pageSize(),
        ctx.pollSchedule(),
        ctx.jobTimeout(),
        ctx.retryBackoffMin(),
        ctx.giveUpAfter(),
        ctx.stallPolicy(),
        ctx.failurePolicy(),
        ctx.idempotencyKeyPrefix());
  }
}
