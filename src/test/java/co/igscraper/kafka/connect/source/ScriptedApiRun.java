package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.ClientSettings;
import co.igscraper.kafka.connect.client.IgScraperClient;
import co.igscraper.kafka.connect.client.RateLimits;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.FailurePolicy;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.StallPolicy;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.JobSpecParser;
import co.igscraper.kafka.connect.config.TopicNamer;
import co.igscraper.kafka.connect.simulator.ManualClock;
import co.igscraper.kafka.connect.source.HostileServer.Request;
import co.igscraper.kafka.connect.source.HostileServer.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A test fixture: one spec's {@link JobRunner} with the real client against a {@link HostileServer}
 * script, driven on a manual clock until it comes to rest. The default script is a well-behaved API
 * with one 25-row job in pages of 10; each test perturbs it.
 */
final class ScriptedApiRun implements AutoCloseable {
  static final String KEY = "hostile-key-0c3a";
  static final String JOB = "job-h1";
  static final int TOTAL = 25;
  static final int LIMIT = 10;
  static final Duration GIVE_UP = Duration.ofMinutes(10);
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

  final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T08:00:00Z"));
  HostileServer server;
  IgScraperClient client;
  TaskMetrics metrics;
  // The hostile cases check the bound by the task failing; StallTest runs the default.
  StallPolicy stallPolicy = StallPolicy.FAIL_TASK;
  // SpecTableTest turns the spec table on.
  Optional<String> statusTopic = Optional.empty();

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  // ---- the well-behaved API that each case perturbs ----

  static Response good(Request r) {
    if (r.method().equals("POST") && r.path().equals("/jobs")) {
      return Response.json(
          201, "{\"job_id\":\"" + JOB + "\",\"status\":\"QUEUED\",\"replayed\":false}");
    }
    if (r.path().equals("/jobs/" + JOB)) {
      return Response.json(200, job("COMPLETED"));
    }
    if (r.path().equals("/jobs/" + JOB + "/results")) {
      return Response.json(200, page(r.page(), r.limit(), TOTAL, null, null));
    }
    return Response.json(404, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no route\"}}");
  }

  static String job(String status) {
    return "{\"job_id\":\""
        + JOB
        + "\",\"status\":\""
        + status
        + "\",\"progress_percent\":100,\"number_of_results\":"
        + TOTAL
        + ",\"cost_charged\":125,\"tool_type\":\"followers\"}";
  }

  static String row(int i) {
    return "{\"source\":\"nasa\",\"type\":\"follower\",\"user_id\":\""
        + i
        + "\",\"username\":\"user"
        + i
        + "\",\"full_name\":\"N "
        + i
        + "\",\"verified\":\"false\",\"private\":\"false\",\"profile_pic_url\":\"https://x/"
        + i
        + "\"}";
  }

  /** A results page; {@code hasNext} / {@code totalPages} null means the truthful value. */
  static String page(int page, int limit, int total, Boolean hasNext, Integer totalPages) {
    int from = (page - 1) * limit;
    int to = Math.min(total, from + limit);
    List<String> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(row(i));
    }
    return results(page, limit, total, rows, hasNext, totalPages);
  }

  static String results(
      int page, int limit, int total, List<String> rows, Boolean hasNext, Integer totalPages) {
    int pages = (total + limit - 1) / limit;
    return "{\"job_id\":\""
        + JOB
        + "\",\"status\":\"COMPLETED\",\"columns\":[\"source\",\"type\",\"user_id\",\"username\","
        + "\"full_name\",\"verified\",\"private\",\"profile_pic_url\"],\"data\":["
        + String.join(",", rows)
        + "],\"messages\":[],\"pagination\":{\"page\":"
        + page
        + ",\"limit\":"
        + limit
        + ",\"total\":"
        + total
        + ",\"total_pages\":"
        + (totalPages == null ? pages : totalPages)
        + ",\"has_next\":"
        + (hasNext == null ? page < pages : hasNext)
        + ",\"has_prev\":"
        + (page > 1)
        + "}}";
  }

  static boolean results(Request r, int page) {
    return r.path().endsWith("/results") && r.page() == page;
  }

  // ---- driving the runner ----

  record Outcome(
      JobRunner runner, List<SourceRecord> records, FatalTaskException failure, long requests) {
    List<String> rowIds() {
      return records.stream()
          .filter(r -> r.topic().equals("rows"))
          .map(r -> ((Struct) r.key()).getString("user_id"))
          .toList();
    }

    List<String> events() {
      return records.stream()
          .filter(r -> r.topic().equals("events"))
          .map(r -> ((Struct) r.value()).getString("event_type"))
          .toList();
    }

    String lastEventMessage() {
      String message = null;
      for (SourceRecord r : records) {
        if (r.topic().equals("events")) {
          message = ((Struct) r.value()).getString("message");
        }
      }
      return message;
    }
  }

  RunnerContext context(Function<Request, Response> script) throws Exception {
    return context(script, b -> b);
  }

  /** The context with client settings of the test's own on top of the fixture's. */
  RunnerContext context(
      Function<Request, Response> script, UnaryOperator<ClientSettings.Builder> settings)
      throws Exception {
    server = new HostileServer(script);
    client =
        new IgScraperClient(
            settings
                .apply(
                    ClientSettings.builder()
                        .baseUrl(server.baseUrl())
                        .apiKey(KEY)
                        .maxRetries(2)
                        .initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(2))
                        .maxRetryDuration(Duration.ofSeconds(5))
                        .rateLimits(new RateLimits(100_000, 1_000_000, 100_000, 1000, 10_000)))
                .build());
    metrics = new TaskMetrics();
    return ctxOf();
  }

  static JobSpec spec() {
    JobSpecParser.Result result =
        JobSpecParser.parse(
            "[{\"name\":\"hostile\",\"external_user_id\":\"u-h\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":"
                + TOTAL
                + "}}]");
    assertTrue(result.isValid(), result.errors().toString());
    return result.specs().get(0);
  }

  /** A fresh runner of {@link #spec()} against {@code script}. */
  JobRunner runner(Function<Request, Response> script) throws Exception {
    return new JobRunner(spec(), null, context(script));
  }

  /**
   * Steps {@code runner} until it rests or {@code maxSteps}, moving the clock to each due time;
   * {@code afterStep} sees the runner after every step. A FatalTaskException escapes.
   */
  List<SourceRecord> drive(JobRunner runner, int maxSteps, Consumer<JobRunner> afterStep) {
    List<SourceRecord> out = new ArrayList<>();
    for (int i = 0; i < maxSteps && runner.isActive(); i++) {
      Duration wait = Duration.between(clock.instant(), runner.nextDue());
      if (wait.compareTo(Duration.ZERO) > 0) {
        clock.advance(wait);
      }
      out.addAll(runner.step());
      afterStep.accept(runner);
    }
    return out;
  }

  Outcome run(Function<Request, Response> script) throws Exception {
    return run(new JobRunner(spec(), null, context(script)));
  }

  Outcome run(JobRunner runner) {
    List<SourceRecord> out = new ArrayList<>();
    FatalTaskException failure = null;
    for (int i = 0; i < 2_000 && runner.isActive(); i++) {
      Duration wait = Duration.between(clock.instant(), runner.nextDue());
      if (wait.compareTo(Duration.ZERO) > 0) {
        clock.advance(wait);
      }
      try {
        out.addAll(runner.step());
      } catch (FatalTaskException e) {
        failure = e;
        break;
      }
    }
    assertTrue(failure != null || !runner.isActive(), "the runner came to rest");
    return new Outcome(runner, out, failure, server.received.size());
  }

  static List<String> ids(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }

  static void assertFirstPageIntact(Outcome o) {
    assertEquals(ids(0, LIMIT), o.rowIds(), "the rows emitted before the fault are intact");
  }

  RunnerContext ctxOf() {
    return new RunnerContext(
        "hostile",
        client,
        clock,
        new RecordFactory(
            "hostile",
            new TopicNamer("rows"),
            Optional.of("events"),
            statusTopic,
            clock,
            metrics,
            new OwnerStamp(0, 1)),
        metrics,
        LIMIT,
        new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(15)),
        JOB_TIMEOUT,
        Duration.ofMillis(100),
        GIVE_UP,
        stallPolicy,
        FailurePolicy.STOP_SPEC,
        "");
  }
}
