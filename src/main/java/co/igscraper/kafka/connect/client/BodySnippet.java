package co.igscraper.kafka.connect.client;

/** Makes a short, single-line, key-free excerpt of a response body for messages and logs. */
final class BodySnippet {
  static final int MAX_CHARS = 200;

  private BodySnippet() {}

  static String of(String body, String secret) {
    if (body == null || body.isEmpty()) {
      return "(empty body)";
    }
    // Redact before cutting: a cut through an echoed key would leave part of it behind.
    String text = redact(body, secret);
    text = text.length() > 4 * MAX_CHARS ? text.substring(0, 4 * MAX_CHARS) : text;
    text = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS - 3) + "..." : text;
  }

  /** Removes the secret (a server may echo the Authorization header back). */
  static String redact(String text, String secret) {
    if (text == null || secret == null || secret.isEmpty()) {
      return text;
    }
    return text.replace(secret, "[redacted]");
  }
}
