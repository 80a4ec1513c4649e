package co.igscraper.kafka.connect.source;

/** A condition that must fail the task, with a message that says what to fix. */
final class FatalTaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FatalTaskException(String message, Throwable cause) {
    super(message, cause);
  }
}
