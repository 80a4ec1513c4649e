package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.client.EnrichmentStatus;
import co.igscraper.kafka.connect.client.ErrorKind;
import co.igscraper.kafka.connect.client.IgScraperException;
import co.igscraper.kafka.connect.client.Job;
import co.igscraper.kafka.connect.client.JobRequest;
import co.igscraper.kafka.connect.client.JobStatus;
import co.igscraper.kafka.connect.client.ResultsPage;
import co.igscraper.kafka.connect.client.SubmittedJob;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.FailurePolicy;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.schema.JobEventType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    /** Submit the next run's job. */
    SUBMIT,
    /** Poll the job until it completes. */
    POLL,
    /** Read result pages and emit rows. */
    FETCH,
    /** Start a retroactive enrichment of the last completed job. */
    ENRICH,
    /** A recurring spec waits for its next run. */
    WAIT,
    /** All rows of the last run are emitted and nothing recurs. */
    DONE,
    /** The spec stopped on an error; see the log and the job events. */
    STOPPED
  }

  /** A retroactive-enrichment request from the control topic. */
  record EnrichRequest(String id, Addons addons) {}

  private JobSpec spec;
  // The spec the job in flight was submitted for; rows of that job are mapped and routed by it even
  // when a newer version of the spec has arrived meanwhile.
  private JobSpec jobSpec;
  private final RunnerContext ctx;
  private Phase phase;
  private SourceCursor cursor;
  private long run;
  private Instant nextDue;
  private Instant pollingSince;
  private Job lastJob;
  private Instant failingSince;
  private int consecutiveFailures;
  private long rowsEmitted;
  private EnrichRequest pendingEnrich;
  private boolean submitAttempted;
  private boolean reemitting;
  private boolean inFlight;
  private Instant notReadySince;
  private String oversizeWarnedJob;

  JobRunner(JobSpec spec, SourceCursor stored, RunnerContext ctx) {
    this.spec = spec;
    this.jobSpec = spec;
    this.ctx = ctx;
    this.nextDue = ctx.clock().instant();
    this.cursor = stored;
    if (stored == null) {
      run = 1;
      phase = Phase.SUBMIT;
    } else if (!stored.done()) {
      // An unfinished job is finished first, even if the spec changed: its rows are already
      // deduplicated away from any later job, so abandoning it would lose them.
      run = stored.run();
      phase = Phase.FETCH;
      started();
      log.info(
          "Spec '{}' resumes job {} (run {}) at page {}, row {}",
          spec.name(),
          stored.jobId(),
          run,
          stored.page(),
          stored.row());
    } else {
      run = stored.run();
      afterRun(nextDue);
    }
  }

  JobSpec spec() {
    return spec;
  }

  Phase phase() {
    return phase;
  }

  long run() {
    return run;
  }

  boolean isActive() {
    return phase != Phase.DONE && phase != Phase.STOPPED;
  }

  Instant nextDue() {
    return nextDue;
  }

  /**
   * Takes a changed spec. A job in flight is finished first; a finished or waiting spec starts a
   * new run at once when what it asks for changed, or re-times its schedule when only that changed.
   */
  void update(JobSpec changed) {
    JobSpec previous = spec;
    spec = changed;
    boolean contentChanged = !previous.contentHash().equals(changed.contentHash());
    if (phase == Phase.STOPPED || phase == Phase.DONE || phase == Phase.WAIT) {
      if (contentChanged) {
        run = cursor == null ? run : cursor.run() + 1;
        phase = Phase.SUBMIT;
        nextDue = ctx.clock().instant();
        log.info("Spec '{}' changed; starting run {}", spec.name(), run);
      } else if (phase != Phase.STOPPED) {
        afterRun(ctx.clock().instant());
      }
    }
  }

  /** Queues a retroactive enrichment of the last completed job, unless it was taken on before. */
  void requestEnrichment(EnrichRequest request) {
    if (cursor != null && request.id().equals(cursor.enrichRequest())) {
      return;
    }
    pendingEnrich = request;
    if (phase == Phase.DONE || phase == Phase.WAIT) {
      phase = Phase.ENRICH;
      nextDue = ctx.clock().instant();
    }
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
            case ENRICH -> enrich(now);
            case WAIT -> startNextRun(now);
            case DONE, STOPPED -> List.of();
          };
      failingSince = null;
      consecutiveFailures = 0;
      notReadySince = null;
      return records;
    } catch (IgScraperException e) {
      return handleError(e, now);
    }
  }

  private List<SourceRecord> startNextRun(Instant now) {
    // Move to SUBMIT first: if the submit fails and is retried, it must reuse this run's number
    // (and so its Idempotency-Key), or a job the API did create would be orphaned.
    run = run + 1;
    phase = Phase.SUBMIT;
    return submit(now);
  }

  private List<SourceRecord> submit(Instant now) {
    if (!submitAttempted) {
      // The spec is fixed for this run at its first attempt; a change arriving while a failed
      // attempt waits to be retried becomes the next run, so the key and body never change.
      jobSpec = spec;
      submitAttempted = true;
    }
    String key = IdempotencyKeys.forRun(ctx.connectorName(), jobSpec, run);
    SubmittedJob job =
        ctx.client()
            .submitJob(
                new JobRequest(jobSpec.externalUserId(), jobSpec.toolType(), jobSpec.params()),
                key);
    submitAttempted = false;
    String handledEnrich = cursor == null ? null : cursor.enrichRequest();
    cursor =
        SourceCursor.submitted(
            run,
            jobSpec.contentHash(),
            job.jobId(),
            ctx.pageSize(),
            now.toEpochMilli(),
            handledEnrich);
    pollingSince = now;
    lastJob = null;
    rowsEmitted = 0;
    phase = Phase.POLL;
    nextDue = now.plus(ctx.pollSchedule().min());
    ctx.metrics().jobSubmitted();
    started();
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
    if (pollingSince == null) {
      pollingSince = now;
    }
    switch (job.status()) {
      case COMPLETED -> {
        phase = Phase.FETCH;
        nextDue = now;
        if (previous != null && previous.status() == JobStatus.COMPLETED) {
          return List.of();
        }
        ctx.metrics().jobCompleted(job.costCharged());
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
        ctx.metrics().jobFailed();
        return stop(
            job.status() == JobStatus.FAILED ? JobEventType.FAILED : JobEventType.CANCELLED,
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
        Duration age = Duration.between(pollingSince, now);
        if (age.compareTo(ctx.jobTimeout()) > 0) {
          ctx.metrics().jobFailed();
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
                || !Objects.equals(previous.progressPercent(), job.progressPercent());
        return changed ? event(JobEventType.PROGRESS, job, null) : List.of();
      }
    }
  }

  private List<SourceRecord> fetch(Instant now) {
    long page = cursor.page();
    ResultsPage results = ctx.client().getResults(cursor.jobId(), (int) page, cursor.pageSize());
    List<Map<String, String>> rows = results.data() == null ? List.of() : results.data();
    // has_next, else total_pages, else a full page; an empty page ends the job whatever it says.
    boolean hasNext =
        results.pagination().nextPageFollows((int) page, cursor.pageSize(), rows.size());
    String digest = rows.isEmpty() ? null : PageDigest.of(rows);
    if (digest != null && digest.equals(cursor.prevDigest())) {
      ctx.metrics().pageFetched(rows.size(), 0);
      return stop(
          JobEventType.PAGE_REPEATED,
          lastJob,
          "page "
              + page
              + " of job "
              + cursor.jobId()
              + " holds the same rows as page "
              + (page - 1)
              + ": the API ignores the page parameter. Nothing of the repeat was emitted; the rows"
              + " of the earlier pages stand");
    }
    List<SourceRecord> out = new ArrayList<>(rows.size() + 1);
    for (int i = (int) Math.min(cursor.row(), rows.size()); i < rows.size(); i++) {
      SourceCursor next;
      if (i + 1 < rows.size()) {
        next = cursor.at(page, i + 1);
      } else if (hasNext) {
        next = cursor.nextPage(digest);
      } else {
        next = cursor.at(page, i + 1).finished();
      }
      out.add(ctx.records().row(jobSpec, cursor, next, rows.get(i), page, i, run));
      rowsEmitted++;
    }
    ctx.metrics().pageFetched(rows.size(), out.size());
    if (rows.size() > cursor.pageSize() && !cursor.jobId().equals(oversizeWarnedJob)) {
      oversizeWarnedJob = cursor.jobId();
      // Never dropped: the rows are real, and the row key tells a repeat on the next page apart.
      log.warn(
          "Spec '{}': job {} page {} has {} rows, more than the {} asked for; all are emitted",
          spec.name(),
          cursor.jobId(),
          page,
          rows.size(),
          cursor.pageSize());
    }
    if (hasNext) {
      cursor = cursor.nextPage(digest);
      nextDue = now;
      return out;
    }
    boolean hadRows = !out.isEmpty();
    cursor = cursor.at(page, rows.size()).finished();
    pollingSince = null;
    log.info(
        "Spec '{}' run {}: all rows of job {} emitted ({} this session)",
        spec.name(),
        run,
        cursor.jobId(),
        rowsEmitted);
    if (!reemitting) {
      ctx.metrics().jobDelivered(Duration.between(Instant.ofEpochMilli(cursor.startedAt()), now));
    }
    ended();
    JobEventType type = reemitting ? JobEventType.ENRICHMENT_COMPLETED : JobEventType.EMITTED;
    reemitting = false;
    if (!hadRows || type == JobEventType.ENRICHMENT_COMPLETED || spec.repeatEvery().isPresent()) {
      // The event carries the "done" cursor when no row did, and marks the end of a re-emission.
      out.addAll(event(type, lastJob, null));
    }
    afterRun(now);
    return out;
  }

  /** After a run: enrichment waiting, a changed spec, the next scheduled run, or done. */
  private void afterRun(Instant now) {
    if (pendingEnrich != null) {
      phase = Phase.ENRICH;
      nextDue = now;
    } else if (cursor != null && !cursor.specHash().equals(spec.contentHash())) {
      run = cursor.run() + 1;
      phase = Phase.SUBMIT;
      nextDue = now;
      log.info("Spec '{}' changed since run {}; starting run {}", spec.name(), run - 1, run);
    } else if (spec.repeatEvery().isPresent()) {
      phase = Phase.WAIT;
      Instant lastStart = Instant.ofEpochMilli(cursor.startedAt());
      Instant due = lastStart.plus(spec.repeatEvery().get());
      // After downtime longer than several periods this is in the past: one run now, not one per
      // missed period.
      nextDue = due.isBefore(now) ? now : due;
    } else {
      phase = Phase.DONE;
    }
  }

  private List<SourceRecord> enrich(Instant now) {
    EnrichRequest request = pendingEnrich;
    if (cursor == null || cursor.jobId() == null) {
      pendingEnrich = null;
      afterRun(now);
      return event(JobEventType.REJECTED, null, "no completed job to enrich yet");
    }
    EnrichmentStatus preflight = ctx.client().enrichmentPreflight(cursor.jobId(), request.addons());
    EnrichmentStatus started = ctx.client().startEnrichment(cursor.jobId(), request.addons());
    pendingEnrich = null;
    cursor = cursor.reemitFor(request.id());
    reemitting = true;
    rowsEmitted = 0;
    started();
    phase = Phase.FETCH;
    // Results answer 409 while the upgrade runs; fetch() waits that out.
    nextDue = now.plus(ctx.pollSchedule().min());
    BigDecimal estimate =
        preflight.estimatedCost() != null ? preflight.estimatedCost() : started.estimatedCost();
    String message =
        "add-ons "
            + started.selectedAddons()
            + " on job "
            + cursor.jobId()
            + (started.replayed() ? " (replayed)" : "")
            + ", estimated cost "
            + (estimate == null ? "unknown" : estimate.toPlainString() + " credits")
            + "; fields added "
            + started.fieldsAdded();
    log.info("Spec '{}' run {}: enrichment started: {}", spec.name(), run, message);
    return ctx.records()
        .event(
            jobSpec,
            cursor,
            run,
            JobEventType.ENRICHMENT_STARTED,
            null,
            rowsEmitted,
            message,
            estimate);
  }

  private List<SourceRecord> handleError(IgScraperException e, Instant now) {
    if (IgScraperException.CLIENT_CLOSED.equals(e.code())
        || IgScraperException.INTERRUPTED.equals(e.code())) {
      // The task is stopping and aborted the call: nothing failed, nothing to report.
      log.debug("Spec '{}': {} aborted by the task stopping", spec.name(), phase);
      return List.of();
    }
    if (e.kind() == ErrorKind.NOT_READY) {
      if (phase == Phase.FETCH && (reemitting || isCompleted(lastJob))) {
        // An enrichment upgrade is running (or a completed job went back to work): wait it out
        // on the results endpoint itself, but no longer than a job may take.
        if (notReadySince == null) {
          notReadySince = now;
        }
        Duration waited = Duration.between(notReadySince, now);
        if (waited.compareTo(ctx.jobTimeout()) > 0) {
          ctx.metrics().jobFailed();
          return stop(
              JobEventType.TIMED_OUT,
              lastJob,
              "results of job "
                  + cursor.jobId()
                  + " still not ready (HTTP 409) after "
                  + waited.toSeconds()
                  + " s at page "
                  + cursor.page()
                  + " (igscraper.job.timeout.ms); the rows emitted so far stand");
        }
        nextDue = now.plus(ctx.pollSchedule().min());
      } else {
        phase = Phase.POLL;
        nextDue = now.plus(ctx.pollSchedule().min());
      }
      return List.of();
    }
    if (e.kind() == ErrorKind.TRANSIENT
        && IgScraperException.CLIENT_RATE_LIMITED.equals(e.code())) {
      // Our own limiter says a quota (e.g. 12 submits per user per hour) is used up: not a
      // failure, just a wait until the permit frees.
      nextDue = now.plus(e.retryAfter().orElse(ctx.pollSchedule().max()));
      log.info(
          "Spec '{}' waits {} s for the client-side rate limit",
          spec.name(),
          Duration.between(now, nextDue).toSeconds());
      return List.of();
    }
    if (e.kind() == ErrorKind.TRANSIENT) {
      return retryLater(e, now);
    }
    if (e.httpStatus() == 401) {
      throw new FatalTaskException(
          "igscraper refused the API key (HTTP 401). Check igscraper.api.key; the key is not"
              + " shown here.",
          e);
    }
    if (phase == Phase.ENRICH) {
      EnrichRequest request = pendingEnrich;
      pendingEnrich = null;
      afterRun(now);
      log.error(
          "Spec '{}': enrichment request {} refused: {}",
          spec.name(),
          request.id(),
          e.getMessage());
      return event(JobEventType.REJECTED, null, "enrichment refused: " + e.getMessage());
    }
    if (e.httpStatus() == 402) {
      return stop(
          JobEventType.OUT_OF_CREDITS,
          lastJob,
          "out of credits (HTTP 402): top up the account or lower the max_* params, then restart"
              + " the connector. "
              + e.serverMessage());
    }
    if (e.httpStatus() == 404 && phase == Phase.FETCH && cursor != null) {
      // The job we were paging is gone on the API side: no retry can bring its rows back, and
      // marking it done would hide that. The spec stops; a changed spec starts a new run.
      return stop(
          JobEventType.REJECTED,
          lastJob,
          "job "
              + cursor.jobId()
              + " vanished (HTTP 404) while reading page "
              + cursor.page()
              + " after "
              + rowsEmitted
              + " row(s) this session; rows not yet read cannot be fetched. "
              + e.getMessage());
    }
    return stop(JobEventType.REJECTED, lastJob, e.getMessage());
  }

  private List<SourceRecord> retryLater(IgScraperException e, Instant now) {
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
    // A huge Retry-After must not park the spec past its give-up bound without a word: wake up in
    // time to fail the task with the reason.
    Duration untilGiveUp = ctx.giveUpAfter().minus(failing).plusMillis(1);
    if (backoff.compareTo(MAX_TRANSIENT_BACKOFF) > 0) {
      backoff = MAX_TRANSIENT_BACKOFF;
    }
    if (backoff.compareTo(untilGiveUp) > 0) {
      backoff = untilGiveUp;
    }
    nextDue = now.plus(backoff);
    ctx.metrics().runnerRetry();
    log.warn(
        "Spec '{}' {} failed after the client's retries ({}); trying again in {} ms",
        spec.name(),
        phase,
        e.getMessage(),
        backoff.toMillis());
    return List.of();
  }

  private static boolean isCompleted(Job job) {
    return job != null && job.status() == JobStatus.COMPLETED;
  }

  private void started() {
    if (!inFlight) {
      inFlight = true;
      ctx.metrics().jobStarted();
    }
  }

  private void ended() {
    if (inFlight) {
      inFlight = false;
      ctx.metrics().jobEnded();
    }
  }

  private List<SourceRecord> stop(JobEventType type, Job job, String message) {
    log.error("Spec '{}' run {} stopped: {}", spec.name(), run, message);
    ctx.metrics().specStopped();
    ended();
    submitAttempted = false;
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
    return ctx.records().event(jobSpec, cursor, run, type, job, rowsEmitted, message, null);
  }
}
