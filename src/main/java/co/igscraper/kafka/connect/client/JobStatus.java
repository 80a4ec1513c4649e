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

  /** Maps the API's status string, case-insensitively; null or unknown strings give UNKNOWN. */
  public static JobStatus fromApi(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    try {
      JobStatus status = valueOf(value.trim().toUpperCase(Locale.ROOT));
      return status;
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
