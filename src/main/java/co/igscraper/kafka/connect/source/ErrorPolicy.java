package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.ErrorKind;
import co.igscraper.kafka.connect.client.IgScraperException;
import co.igscraper.kafka.connect.source.JobRunner.Phase;

/**
 * What a runner does about a failed call: one pure table from (error, phase) to an action, read top
 * to bottom, the first matching row wins.
 *
 * <pre>
 * call aborted by the task stopping        any phase          IGNORE
 * 409 (or NOT_READY)                       ENRICH             ENRICH_BUSY
 * NOT_READY                                FETCH, job done    WAIT_RESULTS
 * NOT_READY                                other              BACK_TO_POLL
 * client-side rate limit                   any                WAIT_FOR_PERMIT
 * other transient (I/O, 429, 5xx, malformed 2xx) any          RETRY_LATER
 * 401                                      any                FAIL_TASK
 * other permanent                          ENRICH             ENRICH_REFUSED
 * 402                                      any                OUT_OF_CREDITS
 * 404                                      FETCH              JOB_VANISHED
 * other permanent                          any                REJECTED
 * </pre>
 */
final class ErrorPolicy {
  /** What to do. */
  enum Action {
    /** Nothing failed: the task is stopping. */
    IGNORE,
    /** An enrichment upgrade is already running: ask again later, within the job timeout. */
    ENRICH_BUSY,
    /** The results are not ready although the job completed (an upgrade runs): wait on them. */
    WAIT_RESULTS,
    /** The results are not ready because the job is not: poll the job. */
    BACK_TO_POLL,
    /** Our own limiter has no permit yet: wait until it frees, no failure. */
    WAIT_FOR_PERMIT,
    /** A transient failure outlived the call's retries: back off, fail the task after the bound. */
    RETRY_LATER,
    /** The API key is refused: every spec would fail, so the task does. */
    FAIL_TASK,
    /** The enrichment request is refused; the spec carries on. */
    ENRICH_REFUSED,
    /** Not enough credits: the spec stops with OUT_OF_CREDITS. */
    OUT_OF_CREDITS,
    /** The job being paged is gone: the spec stops, the rows read stand. */
    JOB_VANISHED,
    /** The API refused the request: the spec stops with REJECTED. */
    REJECTED
  }

  private ErrorPolicy() {}

  static Action decide(IgScraperException e, Phase phase, boolean jobCompleted) {
    if (IgScraperException.CLIENT_CLOSED.equals(e.code())
        || IgScraperException.INTERRUPTED.equals(e.code())) {
      return Action.IGNORE;
    }
    if (phase == Phase.ENRICH && (e.kind() == ErrorKind.NOT_READY || e.httpStatus() == 409)) {
      return Action.ENRICH_BUSY;
    }
    if (e.kind() == ErrorKind.NOT_READY) {
      return phase == Phase.FETCH && jobCompleted ? Action.WAIT_RESULTS : Action.BACK_TO_POLL;
    }
    if (e.kind() == ErrorKind.TRANSIENT) {
      return IgScraperException.CLIENT_RATE_LIMITED.equals(e.code())
          ? Action.WAIT_FOR_PERMIT
          : Action.RETRY_LATER;
    }
    if (e.httpStatus() == 401) {
      return Action.FAIL_TASK;
    }
    if (phase == Phase.ENRICH) {
      return Action.ENRICH_REFUSED;
    }
    if (e.httpStatus() == 402) {
      return Action.OUT_OF_CREDITS;
    }
    if (e.httpStatus() == 404 && phase == Phase.FETCH) {
      return Action.JOB_VANISHED;
    }
    return Action.REJECTED;
  }
}
