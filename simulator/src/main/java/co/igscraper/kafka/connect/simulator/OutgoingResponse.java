package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** One response on its way out: what dialects may reshape before it is written. */
final class OutgoingResponse {
  private final int status;
  private final JsonNode body;
  private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Instant now;
  private final String acceptEncoding;
  private final long seed;
  private Integer contentHash;
  private boolean gzip;

  OutgoingResponse(
      int status,
      JsonNode body,
      Map<String, String> headers,
      Instant now,
      String acceptEncoding,
      long seed) {
    this.status = status;
    this.body = body;
    this.headers.putAll(headers);
    this.now = now;
    this.acceptEncoding = acceptEncoding;
    this.seed = seed;
  }

  int status() {
    return status;
  }

  /** The body tree, which dialects edit in place. */
  JsonNode body() {
    return body;
  }

  /** Response headers by case-insensitive name, which dialects edit in place. */
  Map<String, String> headers() {
    return headers;
  }

  Instant now() {
    return now;
  }

  /** The request's {@code Accept-Encoding}, or null. */
  String acceptEncoding() {
    return acceptEncoding;
  }

  long seed() {
    return seed;
  }

  void gzip() {
    gzip = true;
  }

  boolean gzipped() {
    return gzip;
  }

  /**
   * Draws that depend on the seed and the response's content, taken before any dialect changed it,
   * not on the order in which concurrent requests arrive: the same answer keeps the same shape.
   */
  Random random(Dialect dialect) {
    if (contentHash == null) {
      contentHash = body.toString().hashCode();
    }
    return new Random(
        seed * 0x9E3779B97F4A7C15L + (dialect.ordinal() + 1) * 0xBF58476D1CE4E5B9L + contentHash);
  }
}
