package co.igscraper.kafka.connect.schema;

/** What happened to a job; written as its name into the job event's {@code event_type} string. */
public enum JobEventType {
  /** The job was submitted (or an idempotent replay returned it). */
  SUBMITTED,
  /** The job reported progress while queued or processing. */
  PROGRESS,
  /** The job completed; its rows are about to be emitted. */
  COMPLETED,
  /** Every result row of the run has been emitted. */
  EMITTED,
  /** The job failed on the vendor's side. */
  FAILED,
  /** The job was cancelled. */
  CANCELLED,
  /** The job did not finish within the configured timeout. */
  TIMED_OUT,
  /** The submit or enrichment was refused for lack of credits (402). */
  OUT_OF_CREDITS,
  /** The submit was refused for another permanent reason (400, 403, 409). */
  REJECTED,
  /**
   * The API returned the same rows for the next page as for the page before (it ignores {@code
   * page}); the spec stopped, the rows emitted before stand.
   */
  PAGE_REPEATED,
  /** A retroactive enrichment upgrade was started. */
  ENRICHMENT_STARTED,
  /** A retroactive enrichment upgrade finished. */
  ENRICHMENT_COMPLETED,
  /**
   * The spec has failed transiently (I/O errors, 429, 5xx) for longer than {@code
   * igscraper.retry.give.up.after.ms}; it keeps trying, and the message says since when and why.
   */
  STALLED,
  /** A stalled spec's call succeeded again; the message says how long the stall lasted. */
  RECOVERED,
  /** The job spec in the connector configuration is invalid; nothing was submitted. */
  SPEC_INVALID,
  /**
   * The spec now belongs to another task (its {@code external_user_id} changed, or it was removed):
   * this task finished the run in flight and wrote its last record for the spec.
   */
  HANDED_OVER
}
