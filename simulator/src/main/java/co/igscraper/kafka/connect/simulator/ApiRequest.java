package co.igscraper.kafka.connect.simulator;

import java.time.Instant;
import java.util.Map;

/** An authenticated request, as the handlers see it. */
record ApiRequest(
    String apiKey,
    String jobId,
    Map<String, String> query,
    Map<String, String> headers,
    byte[] body,
    Instant now) {

  String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
