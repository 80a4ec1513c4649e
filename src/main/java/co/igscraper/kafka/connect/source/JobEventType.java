package co.igscraper.kafka.connect.source;

/** The job state changes published on the job-events topic. */
public enum JobEventType {
  SUBMITTED,
  PROGRESS,
  COMPLETED,
  DELIVERED,
  FAILED,
  CANCELLED,
  TIMED_OUT,
  OUT_OF_CREDITS,
  REJECTED
}
