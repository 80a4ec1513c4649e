package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.JobStatus;
import java.time.Duration;

/**
 * What a polled job status means for its run, as a pure function of the status, the job's age
 * (since the submit, from the run record) and whether the spec recurs.
 *
 * <p>A FAILED or CANCELLED job has no rows to wait for, so a recurring spec skips that run and
 * carries on with the next one, with or without a restart in between; a one-off spec stops. A job
 * past the timeout stops either kind of spec: it may still complete, and a later run would leave
 * its rows deduplicated away, so only the operator may give up on it.
 */
enum JobOutcome {
  /** COMPLETED: read the results. */
  READY,
  /** FAILED or CANCELLED, spec recurs: the next run follows on schedule. */
  FAILED_NEXT_RUN,
  /** FAILED or CANCELLED, one-off spec: it stops. */
  FAILED_STOP,
  /** Not terminal after the job timeout: the spec stops. */
  TIMED_OUT,
  /** Not terminal yet: poll again. */
  KEEP_POLLING;

  static JobOutcome of(JobStatus status, Duration age, Duration timeout, boolean recurring) {
    return switch (status) {
      case COMPLETED -> READY;
      case FAILED, CANCELLED -> recurring ? FAILED_NEXT_RUN : FAILED_STOP;
      default -> age.compareTo(timeout) > 0 ? TIMED_OUT : KEEP_POLLING;
    };
  }
}
