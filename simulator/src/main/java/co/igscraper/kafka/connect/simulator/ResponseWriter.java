package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/** Writes every JSON response, reshaped on the way out by the configured dialects. */
final class ResponseWriter {
  private final Set<Dialect> dialects;
  private final Clock clock;
  private final long seed;

  ResponseWriter(Set<Dialect> dialects, Clock clock, long seed) {
    this.dialects = dialects;
    this.clock = clock;
    this.seed = seed;
  }

  void write(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
      throws IOException {
    boolean standard = dialects.equals(Set.of(Dialect.STANDARD));
    OutgoingResponse r =
        new OutgoingResponse(
            status,
            standard ? body : body.deepCopy(),
            headers,
            clock.instant(),
            exchange.getRequestHeaders().getFirst("Accept-Encoding"),
            seed);
    if (!standard) {
      dialects.forEach(d -> d.apply(r));
    }
    byte[] bytes = Json.MAPPER.writeValueAsBytes(r.body());
    if (r.gzipped()) {
      bytes = gzip(bytes);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    r.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.sendResponseHeaders(status, bytes.length);
      out.write(bytes);
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
