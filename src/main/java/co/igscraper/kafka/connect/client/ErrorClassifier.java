package co.igscraper.kafka.connect.client;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The one place that decides whether a failure is permanent, not ready yet, or transient. */
public final class ErrorClassifier {
  static final String SUBMIT = "POST /jobs";
  static final String RESULTS = "GET /jobs/{id}/results";

  private ErrorClassifier() {}

  /** Classifies an HTTP error status; 409 is decided by endpoint first and by code second. */
  public static ErrorKind classify(String endpoint, int httpStatus, String code) {
    if (httpStatus == 0 || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500) {
      return ErrorKind.TRANSIENT;
    }
    if (httpStatus == 409) {
      if (SUBMIT.equals(endpoint)) {
        return ErrorKind.PERMANENT; // idempotency key reused with another body
      }
      if (RESULTS.equals(endpoint)
          || "JOB_NOT_COMPLETED".equals(code)
          || "ENRICHMENT_IN_PROGRESS".equals(code)) {
        return ErrorKind.NOT_READY;
      }
    }
    // Other 4xx, and 1xx/3xx which only a misconfigured base URL produces (redirects are off).
    return ErrorKind.PERMANENT;
  }

  /**
   * Classifies a throwable by walking its cause chain: our own exceptions keep their kind, a failed
   * certificate check is permanent (retrying will not fix a trust store), other I/O is transient.
   */
  public static ErrorKind classify(Throwable t) {
    boolean sawIo = false;
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
      if (c instanceof IgScraperException e) {
        return e.kind();
      }
      if (c instanceof SSLPeerUnverifiedException || c instanceof GeneralSecurityException) {
        return ErrorKind.PERMANENT;
      }
      if (c instanceof IOException || c instanceof InterruptedException) {
        sawIo = true;
      }
    }
    return sawIo ? ErrorKind.TRANSIENT : ErrorKind.PERMANENT;
  }
}
