package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.ErrorKind;
import co.igscraper.kafka.connect.client.IgScraperException;
import co.igscraper.kafka.connect.client.Job;
import co.igscraper.kafka.connect.client.JobRequest;
import co.igscraper.kafka.connect.client.ResultsPage;
import co.igscraper.kafka.connect.client.SubmittedJob;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.FailurePolicy;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.schema.JobEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one spec through submit, poll and paging, one API call per {@link #step}.
 *
 * <p>It never sleeps: each step returns the records it produced and sets {@link #nextDue()}, and
 * the {@link SpecScheduler} decides when to call it again. Every record carries the cursor of the
 * next row to emit, so whatever Kafka has acknowledged is exactly where a restart resumes.
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  private static final Duration MAX_TRANSIENT_BACKOFF = Duration.ofMinutes(5);

  /** Where the runner is in a run. */
  enum Phase {
    SUBMIT,
    POLL,
    FETCH,
    DONE,
    STOPPED
  }

  private final JobSpec spec;
  private final RunnerContext ctx;
  private Phase phase;
  private SourceCursor cursor;
  private long run;
  private Instant nextDue;
  private Instant jobStartedAt;
  private Job lastJob;
  private Instant failingSince;
  private int consecutiveFailures;
  private long rowsEmitted;

  JobRunner(JobSpec spec, SourceCursor stored, RunnerContext ctx) {
    this.spec = spec;
    this.ctx = ctx;
    this.nextDue = ctx.clock().instant();
    if (stored == null) {
      run = 1;
      phase = Phase.SUBMIT;
    } else if (!stored.done()) {
      // An unfinished job is finished first, even if the spec changed: its rows are already
      // deduplicated away from any later job, so abandoning it would lose them.
      cursor = stored;
      run = stored.run();
      phase = Phase.FETCH;
      jobStartedAt = nextDue;
      log.info(
          "Spec '{}' resumes job {} (run {}) at page {}, row {}",
          spec.name(),
          stored.jobId(),
          run,
          stored.page(),
          stored.row());
    } else if (!stored.specHash().equals(spec.contentHash())) {
      cursor = stored;
      run = stored.run() + 1;
      phase = Phase.SUBMIT;
      log.info("Spec '{}' changed since run {}; starting run {}", spec.name(), stored.run(), run);
    } else {
      cursor = stored;
      run = stored.run();
      phase = Phase.DONE;
      log.info("Spec '{}' already delivered run {} (job {})", spec.name(), run, stored.jobId());
    }
  }

  JobSpec spec() {
    return spec;
  }

  Phase phase() {
    return phase;
  }

  boolean isActive() {
    return phase != Phase.DONE && phase != Phase.STOPPED;
  }

  Instant nextDue() {
    return nextDue;
  }

  long rowsEmitted() {
    return rowsEmitted;
  }

  /**
   * Performs the one API call that is due and returns the records it produced.
   *
   * @throws FatalTaskException when the task must fail (refused key, policy, or no progress for too
   *     long)
   */
  List<SourceRecord> step() {
    Instant now = ctx.clock().instant();
    try {
      List<SourceRecord> records =
          switch (phase) {
            case SUBMIT -> submit(now);
            case POLL -> poll(now);
            case FETCH -> fetch(now);
            case DONE, STOPPED -> List.of();
          };
      failingSince = null;
      consecutiveFailures = 0;
      return records;
    } catch (IgScraperException e) {
      return handleError(e, now);
    }
  }

  private List<SourceRecord> submit(Instant now) {
    String key = IdempotencyKeys.forRun(ctx.connectorName(), spec, run);
    SubmittedJob job =
        ctx.client()
            .submitJob(new JobRequest(spec.externalUserId(), spec.toolType(), spec.params()), key);
    cursor = SourceCursor.submitted(run, spec.contentHash(), job.jobId(), ctx.pageSize());
    jobStartedAt = now;
    phase = Phase.POLL;
    nextDue = now.plus(ctx.pollSchedule().min());
    log.info(
        "Spec '{}' run {}: job {} {} ({})",
        spec.name(),
        run,
        job.jobId(),
        job.replayed() ? "replayed" : "submitted",
        job.status());
    return event(JobEventType.SUBMITTED, null, job.replayed() ? "replayed" : null);
  }

  private List<SourceRecord> poll(Instant now) {
    Job job = ctx.client().getJob(cursor.jobId());
    Job previous = lastJob;
    lastJob = job;
    switch (job.status()) {
      case COMPLETED -> {
        phase = Phase.FETCH;
        nextDue = now;
        log.info(
            "Spec '{}' run {}: job {} completed with {} results, {} credits",
            spec.name(),
            run,
            job.jobId(),
            job.numberOfResults(),
            job.costCharged());
        return event(JobEventType.COMPLETED, job, null);
      }
      case FAILED, CANCELLED -> {
        String message = job.error() == null ? "no details given" : job.error().message();
        String code = job.error() == null ? null : job.error().code();
        return stop(
            job.status() == co.igscraper.kafka.connect.client.JobStatus.FAILED
                ? JobEventType.FAILED
                : JobEventType.CANCELLED,
            job,
            "job "
                + job.jobId()
                + " "
                + job.status()
                + (code == null ? "" : " [" + code + "]")
                + ": "
                + message);
      }
      default -> {
        Duration age = Duration.between(jobStartedAt, now);
        if (age.compareTo(ctx.jobTimeout()) > 0) {
          return stop(
              JobEventType.TIMED_OUT,
              job,
              "job "
                  + job.jobId()
                  + " still "
                  + job.status()
                  + " after "
                  + age.toSeconds()
                  + " s (igscraper.job.timeout.ms)");
        }
        nextDue = now.plus(ctx.pollSchedule().nextDelay(age));
        boolean changed =
            previous == null
                || previous.status() != job.status()
                || !java.util.Objects.equals(previous.progressPercent(), job.progressPercent());
        return changed ? event(JobEventType.PROGRESS, job, null) : List.of();
      }
    }
  }

  private List<SourceRecord> fetch(Instant now) {
    long page = cursor.page();
    ResultsPage results = ctx.client().getResults(cursor.jobId(), (int) page, cursor.pageSize());
    List<Map<String, String>> rows = results.data() == null ? List.of() : results.data();
    boolean hasNext = results.pagination().hasNext() && !rows.isEmpty();
    List<SourceRecord> out = new ArrayList<>(rows.size());
    for (int i = (int) Math.min(cursor.row(), rows.size()); i < rows.size(); i++) {
      SourceCursor next;
      if (i + 1 < rows.size()) {
        next = cursor.at(page, i + 1);
      } else if (hasNext) {
        next = cursor.at(page + 1, 0);
      } else {
        next = cursor.at(page, i + 1).finished();
      }
      out.add(ctx.records().row(spec, cursor, next, rows.get(i), page, i, run));
      rowsEmitted++;
    }
    ctx.metrics().pageFetched(rows.size());
    if (hasNext) {
      cursor = cursor.at(page + 1, 0);
      nextDue = now;
    } else {
      boolean hadRows = !out.isEmpty();
      cursor = cursor.at(page, rows.size()).finished();
      phase = Phase.DONE;
      log.info(
          "Spec '{}' run {}: all rows of job {} emitted ({} this session)",
          spec.name(),
          run,
          cursor.jobId(),
          rowsEmitted);
      if (!hadRows) {
        // No row carries the "done" cursor, so an event does (when events are enabled).
        out.addAll(event(JobEventType.EMITTED, lastJob, null));
      }
    }
    return out;
  }

  private List<SourceRecord> handleError(IgScraperException e, Instant now) {
    if (e.kind() == ErrorKind.NOT_READY) {
      // Results are not readable yet (job or an enrichment upgrade still running): poll again.
      phase = Phase.POLL;
      if (jobStartedAt == null) {
        jobStartedAt = now;
      }
      nextDue = now.plus(ctx.pollSchedule().min());
      return List.of();
    }
    if (e.kind() == ErrorKind.TRANSIENT && IgScraperException.CLIENT_RATE_LIMITED.equals(e.code())) {
      // Our own limiter says the quota (e.g. 12 submits per user per hour) is used up: not a
      // failure, just a wait until the permit frees.
      nextDue = now.plus(e.retryAfter().orElse(ctx.pollSchedule().max()));
      log.info(
          "Spec '{}' waits {} s for the rate limit ({})",
          spec.name(),
          Duration.between(now, nextDue).toSeconds(),
          e.serverMessage());
      return List.of();
    }
    if (e.kind() == ErrorKind.TRANSIENT) {
      if (failingSince == null) {
        failingSince = now;
      }
      consecutiveFailures++;
      Duration failing = Duration.between(failingSince, now);
      if (failing.compareTo(ctx.giveUpAfter()) > 0) {
        throw new FatalTaskException(
            "Spec '"
                + spec.name()
                + "' made no progress for "
                + failing.toSeconds()
                + " s (igscraper.retry.give.up.after.ms); last error: "
                + e.getMessage(),
            e);
      }
      Duration backoff =
          ctx.retryBackoffMin().multipliedBy(1L << Math.min(consecutiveFailures + 3, 16));
      if (backoff.compareTo(MAX_TRANSIENT_BACKOFF) > 0) {
        backoff = MAX_TRANSIENT_BACKOFF;
      }
      if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(backoff) > 0) {
        backoff = e.retryAfter().get();
      }
      nextDue = now.plus(backoff);
      log.warn(
          "Spec '{}' {} failed after the client's retries ({}); trying again in {} ms",
          spec.name(),
          phase,
          e.getMessage(),
          backoff.toMillis());
      return List.of();
    }
    int status = e.httpStatus();
    if (status == 401) {
      throw new FatalTaskException(
          "igscraper refused the API key (HTTP 401). Check igscraper.api.key; the key is not"
              + " shown here.",
          e);
    }
    if (status == 402) {
      return stop(
          JobEventType.OUT_OF_CREDITS,
          lastJob,
          "out of credits (HTTP 402): top up the account or lower the max_* params, then restart"
              + " the connector. "
              + e.serverMessage());
    }
    return stop(JobEventType.REJECTED, lastJob, e.getMessage());
  }

  private List<SourceRecord> stop(JobEventType type, Job job, String message) {
    log.error("Spec '{}' run {} stopped: {}", spec.name(), run, message);
    ctx.metrics().specStopped();
    if (ctx.failurePolicy() == FailurePolicy.FAIL_TASK) {
      throw new FatalTaskException("Spec '" + spec.name() + "' stopped: " + message, null);
    }
    phase = Phase.STOPPED;
    if (cursor != null && (type == JobEventType.FAILED || type == JobEventType.CANCELLED)) {
      // A failed job has no rows to wait for; a changed spec may then start a new run.
      cursor = cursor.finished();
    }
    return event(type, job, message);
  }

  private List<SourceRecord> event(JobEventType type, Job job, String message) {
    return ctx.records().event(spec, cursor, run, type, job, rowsEmitted, message);
  }
}
