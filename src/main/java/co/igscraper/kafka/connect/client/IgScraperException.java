package co.igscraper.kafka.connect.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed igscraper call, classified by {@link ErrorKind}; its message never contains the API key.
 */
public class IgScraperException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Code of a call aborted because the client was closed. */
  public static final String CLIENT_CLOSED = "CLIENT_CLOSED";

  /** Code of a call aborted because the calling thread was interrupted. */
  public static final String INTERRUPTED = "INTERRUPTED";

  /**
   * Code of a call not sent because the client-side rate limiter would have made it wait longer
   * than the retry budget; {@link #retryAfter()} says when a permit frees up.
   */
  public static final String CLIENT_RATE_LIMITED = "CLIENT_RATE_LIMITED";

  private final String endpoint;
  private final ErrorKind kind;
  private final int httpStatus;
  private final String code;
  private final String serverMessage;
  private final String field;
  private final Duration retryAfter;

  /** Creates an exception; {@code httpStatus} is 0 when no HTTP response was received. */
  public IgScraperException(
      String endpoint,
      ErrorKind kind,
      int httpStatus,
      String code,
      String serverMessage,
      String field,
      Duration retryAfter,
      Throwable cause) {
    this(
        endpoint,
        kind,
        httpStatus,
        code,
        serverMessage,
        field,
        retryAfter,
        cause,
        describe(endpoint, httpStatus, code, serverMessage, field));
  }

  IgScraperException(
      String endpoint,
      ErrorKind kind,
      int httpStatus,
      String code,
      String serverMessage,
      String field,
      Duration retryAfter,
      Throwable cause,
      String message) {
    super(message, cause);
    this.endpoint = endpoint;
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.code = code;
    this.serverMessage = serverMessage;
    this.field = field;
    this.retryAfter = retryAfter;
  }

  static IgScraperException aborted(String endpoint, String code, Throwable cause) {
    String why = CLIENT_CLOSED.equals(code) ? "client closed" : "thread interrupted";
    return new IgScraperException(
        endpoint,
        ErrorKind.TRANSIENT,
        0,
        code,
        why,
        null,
        null,
        cause,
        endpoint + " aborted: " + why);
  }

  boolean isAborted() {
    return httpStatus == 0 && (CLIENT_CLOSED.equals(code) || INTERRUPTED.equals(code));
  }

  private static String describe(
      String endpoint, int httpStatus, String code, String serverMessage, String field) {
    StringBuilder sb = new StringBuilder(endpoint).append(" failed: ");
    sb.append(httpStatus == 0 ? "no HTTP response" : "HTTP " + httpStatus);
    if (code != null) {
      sb.append(' ').append(code);
    }
    if (serverMessage != null && !serverMessage.isEmpty()) {
      sb.append(": ").append(serverMessage);
    }
    if (field != null) {
      sb.append(" (field ").append(field).append(')');
    }
    return sb.toString();
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The HTTP status, or 0 for I/O errors and client-side aborts. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The API's error code (e.g. {@code INSUFFICIENT_CREDITS}), or null. */
  public String code() {
    return code;
  }

  /** The server's (or I/O layer's) explanation, sanitized and short. */
  public String serverMessage() {
    return serverMessage;
  }

  /** The offending request field named by a validation error, or null. */
  public String field() {
    return field;
  }

  /** How long the server (or the client-side limiter) asked to wait, when it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The endpoint template, e.g. {@code GET /jobs/{id}/results}; never contains ids. */
  public String endpoint() {
    return endpoint;
  }
}
