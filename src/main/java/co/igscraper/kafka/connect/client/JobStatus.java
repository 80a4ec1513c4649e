package co.igscraper.kafka.connect.client;

import java.util.Locale;

/** The lifecycle state of an igscraper job; statuses this client does not know map to UNKNOWN. */
public enum JobStatus {
  QUEUED,
  PROCESSING,
  COMPLETED,
  FAILED,
  CANCELLED,
  UNKNOWN;

  /** Returns true when the job will not change state again. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /**
   * Maps the API's status string, ignoring case, spaces and hyphens, with the common spellings of
   * the same states ({@code CANCELED}, {@code IN_PROGRESS}); null or unknown strings give UNKNOWN.
   */
  public static JobStatus fromApi(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    return switch (name) {
      case "QUEUED", "PENDING", "SUBMITTED" -> QUEUED;
      case "PROCESSING", "RUNNING", "IN_PROGRESS", "STARTED" -> PROCESSING;
      case "COMPLETED", "COMPLETE", "SUCCEEDED", "SUCCESS", "DONE", "FINISHED" -> COMPLETED;
      case "FAILED", "ERROR", "ERRORED" -> FAILED;
      case "CANCELLED", "CANCELED" -> CANCELLED;
      default -> UNKNOWN;
    };
  }
}
