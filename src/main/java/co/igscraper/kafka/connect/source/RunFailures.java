package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.IgScraperException;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.StallPolicy;
import co.igscraper.kafka.connect.schema.JobEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what {@link ErrorPolicy} decides for a runner's failed call, and keeps the bounds:
 * how long a spec has failed, waited for results, or waited for a running upgrade.
 */
final class RunFailures {
  private static final Logger log = LoggerFactory.getLogger(RunFailures.class);

  private final JobRunner r;
  private Instant failingSince;
  private int consecutiveFailures;
  // Past the stall bound with keep_retrying: reported once, until a call succeeds.
  private boolean stalled;
  private Instant notReadySince;
  private Instant enrichBusySince;

  RunFailures(JobRunner runner) {
    this.r = runner;
  }

  /**
   * The spec stopped, was released or starts over: a stall in progress ends without a RECOVERED
   * event (the stop or the handover says what happened), and the next failure counts afresh.
   */
  void reset() {
    stalled = false;
    failingSince = null;
    consecutiveFailures = 0;
  }

  /** When the current run of transient failures began; null when the last call succeeded. */
  Instant failingSince() {
    return failingSince;
  }

  /** Whether the spec is stalled now: failing transiently for longer than the bound. */
  boolean stalled() {
    return stalled;
  }

  /**
   * A call succeeded: the failure bounds start again, and a stall ends with a RECOVERED event
   * (returned, to follow the step's own records: it carries the run record as it is after them).
   */
  List<SourceRecord> succeeded(Instant now) {
    List<SourceRecord> out = List.of();
    if (stalled) {
      stalled = false;
      String message =
          "calls succeed again after "
              + Duration.between(failingSince, now).toSeconds()
              + " s of transient failures";
      log.info("Spec '{}' recovered: {}", r.spec.name(), message);
      out = r.event(JobEventType.RECOVERED, r.lastJob, message);
    }
    failingSince = null;
    consecutiveFailures = 0;
    notReadySince = null;
    if (r.phase != JobRunner.Phase.ENRICH) {
      enrichBusySince = null;
    }
    return out;
  }

  List<SourceRecord> handle(IgScraperException e, Instant now) {
    // The run record knows: a re-emission starts from a completed job too.
    boolean completed = r.cursor != null && r.cursor.completed();
    ErrorPolicy.Action action = ErrorPolicy.decide(e, r.phase, completed);
    if (r.recheckStopped && action != ErrorPolicy.Action.IGNORE) {
      // The one look at a stopped job failed: it stays stopped, and says nothing new.
      r.recheckStopped = false;
      r.stayStopped();
      return List.of();
    }
    return switch (action) {
      case IGNORE -> {
        // The task is stopping and aborted the call: nothing failed, nothing to report.
        log.debug("Spec '{}': {} aborted by the task stopping", r.spec.name(), r.phase);
        yield List.of();
      }
      case ENRICH_BUSY -> enrichBusy(e, now);
      case WAIT_RESULTS -> waitResults(now);
      case BACK_TO_POLL -> {
        r.phase = JobRunner.Phase.POLL;
        r.nextDue = now.plus(r.ctx.pollSchedule().min());
        yield List.of();
      }
      case WAIT_FOR_PERMIT -> {
        // Our own limiter says a quota (e.g. 12 submits per user per hour) is used up: not a
        // failure, just a wait until the permit frees.
        r.nextDue = now.plus(e.retryAfter().orElse(r.ctx.pollSchedule().max()));
        Duration wait = Duration.between(now, r.nextDue);
        // Waits of a second or so happen on every request at the limit: not worth a line each.
        if (wait.compareTo(Duration.ofSeconds(10)) >= 0) {
          log.info(
              "Spec '{}' waits {} s for the client-side rate limit",
              r.spec.name(),
              wait.toSeconds());
        } else {
          log.debug(
              "Spec '{}' waits {} ms for a rate-limit permit", r.spec.name(), wait.toMillis());
        }
        yield List.of();
      }
      case RETRY_LATER -> retryLater(e, now);
      case FAIL_TASK ->
          throw new FatalTaskException(
              "igscraper refused the API key (HTTP 401). Check igscraper.api.key; the key is not"
                  + " shown here.",
              e);
      case ENRICH_REFUSED -> EnrichStep.drop(r, now, e.getMessage());
      case OUT_OF_CREDITS ->
          r.stop(
              JobEventType.OUT_OF_CREDITS,
              r.lastJob,
              "out of credits (HTTP 402): top up the account or lower the max_* params, then"
                  + " restart the connector. "
                  + e.serverMessage());
      case JOB_VANISHED ->
          // No retry can bring the rows back, and marking the job done would hide that.
          r.stop(
              JobEventType.REJECTED,
              r.lastJob,
              "job "
                  + r.cursor.jobId()
                  + " vanished (HTTP 404) while reading page "
                  + r.cursor.page()
                  + " after "
                  + r.rowsEmitted
                  + " row(s) this session; rows not yet read cannot be fetched. "
                  + e.getMessage());
      case REJECTED -> r.stop(JobEventType.REJECTED, r.lastJob, e.getMessage());
    };
  }

  /** Another upgrade of the job is running: ask again later, up to the job timeout. */
  private List<SourceRecord> enrichBusy(IgScraperException e, Instant now) {
    if (enrichBusySince == null) {
      enrichBusySince = now;
    }
    Duration waited = Duration.between(enrichBusySince, now);
    if (waited.compareTo(r.ctx.jobTimeout()) > 0) {
      enrichBusySince = null;
      return EnrichStep.drop(
          r,
          now,
          "another enrichment of the job was still in progress after "
              + waited.toSeconds()
              + " s (igscraper.job.timeout.ms): "
              + e.getMessage());
    }
    r.nextDue = now.plus(r.ctx.pollSchedule().min());
    return List.of();
  }

  /** Results of a completed job (or of a running upgrade) not ready: wait, within the timeout. */
  private List<SourceRecord> waitResults(Instant now) {
    if (notReadySince == null) {
      notReadySince = r.cursor.reemitting() ? Instant.ofEpochMilli(r.cursor.reemitAt()) : now;
    }
    Duration waited = Duration.between(notReadySince, now);
    if (waited.compareTo(r.ctx.jobTimeout()) > 0) {
      r.ctx.metrics().jobFailed();
      return r.stop(
          JobEventType.TIMED_OUT,
          r.lastJob,
          "results of job "
              + r.cursor.jobId()
              + " still not ready (HTTP 409) after "
              + waited.toSeconds()
              + " s at page "
              + r.cursor.page()
              + " (igscraper.job.timeout.ms); the rows emitted so far stand");
    }
    r.nextDue = now.plus(r.ctx.pollSchedule().min());
    return List.of();
  }

  private List<SourceRecord> retryLater(IgScraperException e, Instant now) {
    if (failingSince == null) {
      failingSince = now;
    }
    consecutiveFailures++;
    r.totals = r.totals.failed(e.getMessage(), now.toEpochMilli(), false);
    Duration failing = Duration.between(failingSince, now);
    List<SourceRecord> out = List.of();
    boolean pastBound = failing.compareTo(r.ctx.giveUpAfter()) > 0;
    if (pastBound && r.ctx.stallPolicy() == StallPolicy.KEEP_RETRYING && !stalled) {
      stalled = true;
      String message =
          "no progress for "
              + failing.toSeconds()
              + " s (igscraper.retry.give.up.after.ms), failing since "
              + failingSince
              + " in "
              + r.phase
              + "; still trying, at least every "
              + Backoff.stalledCap(r.ctx.giveUpAfter()).toSeconds()
              + " s. Last error: "
              + e.getMessage();
      log.warn("Spec '{}' stalled: {}", r.spec.name(), message);
      out = r.event(JobEventType.STALLED, r.lastJob, message);
    } else if (pastBound && r.ctx.stallPolicy() == StallPolicy.FAIL_TASK) {
      throw new FatalTaskException(
          "Spec '"
              + r.spec.name()
              + "' made no progress for "
              + failing.toSeconds()
              + " s (igscraper.retry.give.up.after.ms); last error: "
              + e.getMessage(),
          e);
    }
    Duration backoff =
        Backoff.next(
            r.ctx.retryBackoffMin(),
            consecutiveFailures,
            e.retryAfter(),
            failing,
            r.ctx.giveUpAfter());
    r.nextDue = now.plus(backoff);
    r.ctx.metrics().runnerRetry();
    log.warn(
        "Spec '{}' {} failed after the client's retries ({}); trying again in {} ms",
        r.spec.name(),
        r.phase,
        e.getMessage(),
        backoff.toMillis());
    return out;
  }
}
