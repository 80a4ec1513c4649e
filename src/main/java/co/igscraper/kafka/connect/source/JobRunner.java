package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.client.IgScraperException;
import co.igscraper.kafka.connect.client.Job;
import co.igscraper.kafka.connect.client.JobRequest;
import co.igscraper.kafka.connect.client.SubmittedJob;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.FailurePolicy;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.schema.JobEventType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one spec through submit, poll and paging, one API call per {@link #step}.
 *
 * <p>It never sleeps: each step returns the records it produced and sets {@link #nextDue()}, and
 * the {@link SpecScheduler} decides when to call it again. Every record carries the run record
 * ({@link SourceCursor}) as it is after that record, so whatever Kafka has acknowledged is exactly
 * where a restart resumes; what is kept only in memory (back-off, the last job seen) changes when
 * the next call happens, never what it emits. Failures go through {@link ErrorPolicy}; polling,
 * paging and enrichment are {@link PollStep}, {@link PageStep} and {@link EnrichStep}.
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

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
    STOPPED,
    /** The spec now belongs to another task: write the released run record, then nothing more. */
    RELEASE
  }

  /** A retroactive-enrichment request; {@code id} is its control-topic position. */
  record EnrichRequest(String id, Addons addons) {}

  final RunnerContext ctx;
  JobSpec spec;
  // The spec the job in flight was submitted for: its rows are mapped, routed and labelled by it.
  RunSpec origin;
  private JobSpec submitSpec;
  Phase phase;
  SourceCursor cursor;
  long run;
  Instant nextDue;
  Job lastJob;
  long rowsEmitted;
  String oversizeWarnedJob;
  final EnrichRequests enrichments = new EnrichRequests();
  private boolean submitAttempted;
  private boolean inFlight;
  // The spec moved to another task: finish the run in flight, then release the partition.
  private boolean handingOver;
  private boolean released;
  // Released because the spec was removed (not moved): its row leaves the spec table.
  private boolean removed;
  private long releaseAt = -1;
  // Stamped on every offset this runner writes: this task, and the release its turn waited for, so
  // a restart can tell which of a flapping spec's turns the stored offset belongs to.
  OwnerStamp stamp;
  // The submit was answered with an existing job: its age counts from when the API created it.
  boolean replayedSubmit;
  // A stopped job is polled once after a restart; anything but COMPLETED leaves it stopped.
  boolean recheckStopped;
  // Only for records of format 1 without started_at: when this task first polled the job.
  private Instant firstPolled;
  private final RunFailures failures;
  // Rows, credits, last error: written beside the run record in every offset, for the spec table.
  SpecLedger totals;
  private final SpecTable table = new SpecTable();

  JobRunner(JobSpec spec, SourceCursor stored, RunnerContext ctx) {
    this(spec, stored, SpecLedger.ZERO, ctx);
  }

  /** A runner resuming from {@code stored}, with the totals stored beside it. */
  JobRunner(JobSpec spec, SourceCursor stored, SpecLedger totals, RunnerContext ctx) {
    this.spec = spec;
    this.totals = totals;
    this.submitSpec = spec;
    this.ctx = ctx;
    this.stamp = ctx.records().owner();
    this.failures = new RunFailures(this);
    this.nextDue = ctx.clock().instant();
    this.cursor = stored;
    if (stored != null) {
      // Format-1 records do not say which spec version their job was for: the spec as it is now,
      // written into every record from here on, so a later edit cannot move the job again.
      origin = stored.origin() != null ? stored.origin() : ctx.records().runSpecFor(spec);
      this.cursor = stored.withOrigin(origin);
    }
    if (stored == null) {
      run = 1;
      phase = Phase.SUBMIT;
    } else if (!stored.done() && stored.stopped()) {
      // The spec stopped with this job in flight: as without a restart, a changed spec starts the
      // next run. Unchanged, the job is looked at once more, quietly: one that has completed
      // since (a timed-out job may) delivers its rows; otherwise the spec stays stopped.
      run = stored.run();
      if (!stored.specHash().equals(spec.contentHash())) {
        run = stored.run() + 1;
        phase = Phase.SUBMIT;
      } else {
        phase = Phase.POLL;
        recheckStopped = true;
        started();
      }
    } else if (!stored.done()) {
      // An unfinished job is finished first, as it was started, even if the spec changed: its
      // rows are already deduplicated away from any later job, so abandoning it would lose them.
      // Not yet seen COMPLETED, it is polled first, so its COMPLETED event and credits count once.
      run = stored.run();
      phase = stored.completed() || stored.reemitting() ? Phase.FETCH : Phase.POLL;
      started();
      log.info(
          "Spec '{}' resumes {}job {} (run {}) at page {}, row {}",
          spec.name(),
          stored.reemitting() ? "the re-emission of " : "",
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

  /** Whether the spec has failed transiently for longer than the stall bound, and still does. */
  boolean stalled() {
    return failures.stalled();
  }

  /** Whether this task writes the spec table (the same for all its runners). */
  boolean writesTable() {
    return ctx.records().statusOn();
  }

  /** The spec's row of the spec table, if it changed since last written (empty when off). */
  List<SourceRecord> tableRow() {
    return table.changed(this, List.of());
  }

  /** Since when the spec has been stalled; null when it is not. */
  Instant stalledSince() {
    return failures.stalled() ? failures.failingSince() : null;
  }

  boolean isActive() {
    return phase != Phase.DONE && phase != Phase.STOPPED;
  }

  /** This runner's turn waited for the release at {@code since} (see {@link OwnershipChain}). */
  void inTurnSince(long since) {
    stamp = ctx.records().owner().inTurnSince(since);
  }

  /**
   * The spec's version for this task was refused (its schedule): the runner holds the partition for
   * its turn and starts nothing until a version that is taken.
   */
  void refuse() {
    if (phase == Phase.SUBMIT || phase == Phase.WAIT) {
      phase = Phase.STOPPED;
      submitAttempted = false;
    }
  }

  /** Whether this task has written the spec's last record and must drop the runner. */
  boolean released() {
    return released;
  }

  boolean handingOver() {
    return handingOver;
  }

  /**
   * The spec now hashes to another task, since control-topic offset {@code at}. A job being polled
   * or paged (or a submit being retried, which the API may already have taken) is finished as it
   * was submitted, so no row of it is lost; then (or at once, between runs) the runner writes the
   * run record stamped released at {@code at}, which is what the new owner waits for, and starts
   * nothing more. Later moves do not change the offset it releases at: the task that waits for a
   * later one gets it from the task in between.
   */
  void handOver(long at) {
    if (handingOver) {
      return;
    }
    handingOver = true;
    releaseAt = at;
    boolean submitting = phase == Phase.SUBMIT && submitAttempted;
    if (phase != Phase.POLL && phase != Phase.FETCH && !submitting) {
      phase = Phase.RELEASE;
      nextDue = ctx.clock().instant();
    }
  }

  /**
   * The spec was removed (control-topic offset {@code at}): the released run record now, the job in
   * flight (if any) left as it is, so a spec added again under the same name, on whichever task,
   * resumes it.
   */
  List<SourceRecord> releaseNow(String why, long at) {
    if (released) {
      return List.of();
    }
    removed = true;
    handingOver = true;
    releaseAt = at;
    phase = Phase.RELEASE;
    return release(why);
  }

  private List<SourceRecord> release(String why) {
    released = true;
    ended();
    failures.reset();
    phase = Phase.DONE;
    // Also without a run record: the task that takes the spec over waits for this release.
    log.info("Spec '{}': {}; its partition is released at run {}", spec.name(), why, run);
    ctx.metrics().specHandedOver();
    RunSpec labels = origin != null ? origin : ctx.records().runSpecFor(spec);
    List<SourceRecord> out =
        new ArrayList<>(ctx.records().released(labels, cursor, run, why, releaseAt, stamp, totals));
    if (removed) {
      out.addAll(ctx.records().statusRemoved(spec.name()));
    }
    return out;
  }

  Instant nextDue() {
    return nextDue;
  }

  /** Whether the next step submits a job or buys an upgrade: not while the task is paused. */
  boolean startsSomething() {
    return phase == Phase.SUBMIT || phase == Phase.WAIT || phase == Phase.ENRICH;
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
    if (handingOver) {
      return; // the new owner reads the same request from the control topic
    }
    if (!enrichments.offer(request, cursor == null ? null : cursor.enrichRequest())) {
      log.debug("Spec '{}': enrichment request {} was taken on before", spec.name(), request.id());
      return;
    }
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
    Phase stepped = phase;
    try {
      List<SourceRecord> records =
          switch (phase) {
            case SUBMIT -> submit(now);
            case POLL -> PollStep.poll(this, now);
            case FETCH -> PageStep.fetch(this, now);
            case ENRICH -> EnrichStep.enrich(this, now);
            case WAIT -> startNextRun(now);
            case RELEASE -> release("the spec now belongs to another task");
            case DONE, STOPPED -> List.of();
          };
      if (stepped == Phase.RELEASE || stepped == Phase.DONE || stepped == Phase.STOPPED) {
        return records; // no API call was made: nothing succeeded, and nothing may follow a release
      }
      List<SourceRecord> out = new ArrayList<>(records);
      out.addAll(failures.succeeded(now));
      return table.changed(this, out);
    } catch (IgScraperException e) {
      List<SourceRecord> out = new ArrayList<>(failures.handle(e, now));
      return released ? out : table.changed(this, out);
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
      submitSpec = spec;
      submitAttempted = true;
    }
    String key =
        IdempotencyKeys.forRun(ctx.idempotencyKeyPrefix(), ctx.connectorName(), submitSpec, run);
    SubmittedJob job =
        ctx.client()
            .submitJob(
                new JobRequest(
                    submitSpec.externalUserId(), submitSpec.toolType(), submitSpec.params()),
                key);
    submitAttempted = false;
    replayedSubmit = job.replayed();
    totals = totals.newRun();
    origin = ctx.records().runSpecFor(submitSpec);
    String mark = cursor == null ? null : cursor.enrichRequest();
    cursor =
        SourceCursor.submitted(
            run,
            submitSpec.contentHash(),
            job.jobId(),
            ctx.pageSize(),
            now.toEpochMilli(),
            mark,
            origin);
    firstPolled = null;
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

  /** Since the submit, as stored in the run record, so a restart does not reset the timeout. */
  Duration jobAge(Instant now) {
    if (cursor != null && cursor.startedAt() > 0) {
      return Duration.between(Instant.ofEpochMilli(cursor.startedAt()), now);
    }
    if (firstPolled == null) {
      firstPolled = now;
    }
    return Duration.between(firstPolled, now);
  }

  boolean recurs() {
    return spec.repeatEvery().isPresent();
  }

  /** After a run: enrichment waiting, a changed spec, the next scheduled run, or done. */
  void afterRun(Instant now) {
    if (handingOver) {
      phase = Phase.RELEASE;
      nextDue = now;
    } else if (!enrichments.isEmpty()) {
      phase = Phase.ENRICH;
      nextDue = now;
    } else if (cursor != null && !cursor.specHash().equals(spec.contentHash())) {
      run = cursor.run() + 1;
      phase = Phase.SUBMIT;
      nextDue = now;
      log.info("Spec '{}' changed since run {}; starting run {}", spec.name(), run - 1, run);
    } else if (recurs()) {
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

  /** The one look at a stopped job found nothing new: it stays stopped (or is handed over). */
  void stayStopped() {
    stoppedOrReleasing();
    ended();
    failures.reset();
  }

  private void stoppedOrReleasing() {
    if (handingOver) {
      phase = Phase.RELEASE;
      nextDue = ctx.clock().instant();
    } else {
      phase = Phase.STOPPED;
    }
  }

  void started() {
    if (!inFlight) {
      inFlight = true;
      ctx.metrics().jobStarted();
    }
  }

  void ended() {
    if (inFlight) {
      inFlight = false;
      ctx.metrics().jobEnded();
    }
  }

  /**
   * Ends a run that has no more rows to give (FAILED, CANCELLED, a page repeated): a recurring spec
   * carries on with its next run, a one-off spec stops; the same after a restart, because the
   * finished run record says so.
   */
  List<SourceRecord> endRun(JobEventType type, Job job, String message) {
    if (!recurs() || ctx.failurePolicy() == FailurePolicy.FAIL_TASK) {
      return stop(type, job, message);
    }
    cursor = cursor.finished();
    ended();
    afterRun(ctx.clock().instant());
    String next = message + "; the spec recurs: run " + (run + 1) + " is due at " + nextDue;
    log.warn("Spec '{}' run {}: {}", spec.name(), run, next);
    return event(type, job, next);
  }

  List<SourceRecord> stop(JobEventType type, Job job, String message) {
    log.error("Spec '{}' run {} stopped: {}", spec.name(), run, message);
    totals = totals.failed(message, ctx.clock().millis(), true);
    ctx.metrics().specStopped();
    ended();
    failures.reset();
    submitAttempted = false;
    if (ctx.failurePolicy() == FailurePolicy.FAIL_TASK) {
      throw new FatalTaskException("Spec '" + spec.name() + "' stopped: " + message, null);
    }
    // A spec being handed over still writes its released record after the stop.
    stoppedOrReleasing();
    if (cursor != null
        && (type == JobEventType.FAILED
            || type == JobEventType.CANCELLED
            || type == JobEventType.PAGE_REPEATED)) {
      // No more rows to wait for; a changed spec may then start a new run.
      cursor = cursor.finished();
    } else if (cursor != null && !cursor.done()) {
      // A job in flight stays as it is, marked, so a restart does not try it again on its own.
      cursor = cursor.stoppedHere();
    }
    return event(type, job, message);
  }

  List<SourceRecord> event(JobEventType type, Job job, String message) {
    return event(type, job, message, null);
  }

  List<SourceRecord> event(JobEventType type, Job job, String message, BigDecimal estimate) {
    RunSpec labels = origin != null ? origin : ctx.records().runSpecFor(spec);
    return ctx.records()
        .event(labels, cursor, run, type, job, rowsEmitted, message, estimate, stamp, totals);
  }
}
