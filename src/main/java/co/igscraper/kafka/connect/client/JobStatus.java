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
   * Maps the API's status string, ignoring case, spaces and hyphens, with the unambiguous other
   * spellings of the same states ({@code CANCELED}, {@code COMPLETE}, {@code SUCCEEDED}, {@code
   * IN_PROGRESS}, {@code RUNNING}, {@code PENDING}); null or anything else gives UNKNOWN, which is
   * polled until the job timeout rather than guessed final.
   */
  public static JobStatus fromApi(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    return switch (name) {
      case "QUEUED", "PENDING" -> QUEUED;
      case "PROCESSING", "RUNNING", "IN_PROGRESS" -> PROCESSING;
      case "COMPLETED", "COMPLETE", "SUCCEEDED" -> COMPLETED;
      case "FAILED" -> FAILED;
      case "CANCELLED", "CANCELED" -> CANCELLED;
      default -> UNKNOWN;
    };
  }
}
