package co.igscraper.kafka.connect.simulator;

import java.util.Map;

/** An error answer: HTTP status plus the README's {@code {"error": {code, message, field}}}. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String field;
  private final Map<String, String> headers;

  ApiError(int status, String code, String message, String field, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.headers = headers;
  }

  static ApiError of(int status, String code, String message) {
    return new ApiError(status, code, message, null, Map.of());
  }

  static ApiError validation(String field, String message) {
    return new ApiError(400, "VALIDATION_ERROR", message, field, Map.of());
  }

  static ApiError rateLimited(long retryAfterSeconds, String message) {
    return new ApiError(
        429,
        "RATE_LIMITED",
        message,
        null,
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  static ApiError jobNotFound() {
    return of(404, "JOB_NOT_FOUND", "Job ID does not exist in your namespace.");
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  String field() {
    return field;
  }

  Map<String, String> headers() {
    return headers;
  }
}
