package co.igscraper.kafka.connect.client;

/**
 * A response that could not be read (HTML, truncated or mis-shaped JSON); a malformed 2xx is
 * transient, other statuses classify by status.
 */
public final class MalformedResponseException extends IgScraperException {
  private static final long serialVersionUID = 1L;

  MalformedResponseException(
      String endpoint, int httpStatus, String code, String reason, String snippet) {
    this(endpoint, httpStatus, code, reason, snippet, null);
  }

  MalformedResponseException(
      String endpoint,
      int httpStatus,
      String code,
      String reason,
      String snippet,
      java.time.Duration retryAfter) {
    super(
        endpoint,
        httpStatus >= 200 && httpStatus < 300
            ? ErrorKind.TRANSIENT
            : ErrorClassifier.classify(endpoint, httpStatus, code),
        httpStatus,
        code,
        snippet,
        null,
        retryAfter,
        null,
        endpoint
            + " failed: malformed response (HTTP "
            + httpStatus
            + "): "
            + reason
            + "; body: "
            + snippet);
  }
}
