package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The dialects that change headers and encoding, seen on the wire. */
class DialectWireTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String IMF_FIXDATE =
      "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

  private final ManualClock clock = new ManualClock();

  private IgScraperSimulator start(UnaryOperator<SimulatorConfig.Builder> config) {
    return IgScraperSimulator.start(config.apply(SimulatorFixture.config(clock)).build());
  }

  private static HttpResponse<byte[]> get(
      IgScraperSimulator sim, String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .header("Authorization", "Bearer test-key");
    headers.forEach(b::header);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void gzipCompressesBodiesOnlyWhenTheRequestAcceptsIt() throws Exception {
    try (IgScraperSimulator sim = start(b -> b.dialect(Dialect.GZIP))) {
      String id = new TestHttp(sim).submitFollowers("gz", 30, "nasa");
      HttpResponse<byte[]> zipped = get(sim, "/jobs/" + id, Map.of("Accept-Encoding", "gzip"));
      assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null));
      assertEquals(0x1f, zipped.body()[0] & 0xff);
      assertEquals(0x8b, zipped.body()[1] & 0xff);
      JsonNode job = TestHttp.MAPPER.readTree(gunzip(zipped.body()));
      assertEquals(id, job.get("job_id").asText());

      HttpResponse<byte[]> plain = get(sim, "/jobs/" + id, Map.of());
      assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
      assertEquals(job, TestHttp.MAPPER.readTree(plain.body()));
      HttpResponse<byte[]> refused =
          get(sim, "/jobs/" + id, Map.of("Accept-Encoding", "gzip;q=0, identity"));
      assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());

      HttpResponse<byte[]> error = get(sim, "/jobs/nope", Map.of("Accept-Encoding", "br, gzip"));
      assertEquals(404, error.statusCode());
      assertEquals(
          "JOB_NOT_FOUND",
          TestHttp.MAPPER.readTree(gunzip(error.body())).at("/error/code").asText());
    }
    try (IgScraperSimulator sim = start(b -> b)) {
      HttpResponse<byte[]> standard = get(sim, "/jobs/nope", Map.of("Accept-Encoding", "gzip"));
      assertTrue(standard.headers().firstValue("Content-Encoding").isEmpty());
      assertEquals(
          "JOB_NOT_FOUND", TestHttp.MAPPER.readTree(standard.body()).at("/error/code").asText());
    }
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  @Test
  void retryAfterDateWritesAnHttpDateOn429And503() {
    String standardWait;
    try (IgScraperSimulator sim = start(b -> b.rateLimits(1, 1000, 120, 5, 12))) {
      TestHttp http = new TestHttp(sim);
      http.get("/jobs/x");
      standardWait = http.get("/jobs/x").headers().firstValue("Retry-After").orElseThrow();
      assertTrue(standardWait.matches("\\d+"), standardWait);
      sim.setFaults(Faults.builder().error503(1.0).build());
      assertTrue(http.get("/jobs/x").headers().firstValue("Retry-After").isEmpty());
    }
    try (IgScraperSimulator sim =
        start(b -> b.rateLimits(1, 1000, 120, 5, 12).dialect(Dialect.RETRY_AFTER_DATE))) {
      TestHttp http = new TestHttp(sim);
      assertEquals(404, http.get("/jobs/x").status());
      TestHttp.Res limited = http.get("/jobs/x");
      assertEquals(429, limited.status());
      String date = limited.headers().firstValue("Retry-After").orElseThrow();
      assertTrue(date.matches(IMF_FIXDATE), date);
      assertEquals(clock.instant().plusSeconds(Long.parseLong(standardWait)), parse(date));

      sim.setFaults(Faults.builder().error503(1.0).build());
      clock.advance(Duration.ofMillis(1_250));
      TestHttp.Res unavailable = http.get("/jobs/x");
      assertEquals(503, unavailable.status());
      // now + 1 s, rounded up to the whole second an HTTP date can say.
      assertEquals(
          Instant.parse("2026-03-17T17:30:03Z"),
          parse(unavailable.headers().firstValue("Retry-After").orElseThrow()));
      assertTrue(http.get("/jobs/x").headers().firstValue("Retry-After").isPresent());
    }
  }

  private static Instant parse(String httpDate) {
    return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }

  @Test
  void connectionCloseEndsTheConnectionAfterEachResponse() throws Exception {
    try (IgScraperSimulator sim = start(b -> b.dialect(Dialect.CONNECTION_CLOSE))) {
      assertEquals(
          "close", new TestHttp(sim).get("/jobs/x").headers().firstValue("Connection").orElse(""));
      String response = exchangeAndReadToEnd(sim);
      assertTrue(response.startsWith("HTTP/1.1 404"), response);
      assertTrue(response.toLowerCase().contains("\r\nconnection: close\r\n"), response);
    }
    try (IgScraperSimulator sim = start(b -> b)) {
      // The standard dialect keeps the connection open: reading to its end times out.
      assertThrows(SocketTimeoutException.class, () -> exchangeAndReadToEnd(sim));
    }
  }

  /** One keep-alive request on a raw socket, read until the server closes the connection. */
  private static String exchangeAndReadToEnd(IgScraperSimulator sim) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), sim.port())) {
      socket.setSoTimeout(1_500);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/v1/jobs/x HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer test-key\r\n"
                  + "Connection: keep-alive\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(read);
      return read.toString(StandardCharsets.US_ASCII);
    }
  }

  @Test
  void headerDialectsLeaveTheBodyAlone() throws Exception {
    byte[] expected;
    try (IgScraperSimulator sim = start(b -> b)) {
      expected = get(sim, "/jobs/nope", Map.of()).body();
    }
    try (IgScraperSimulator sim =
        start(b -> b.dialect(Dialect.RETRY_AFTER_DATE, Dialect.CONNECTION_CLOSE, Dialect.GZIP))) {
      HttpResponse<byte[]> r = get(sim, "/jobs/nope", Map.of());
      assertEquals(
          new String(expected, StandardCharsets.UTF_8),
          new String(r.body(), StandardCharsets.UTF_8));
      assertFalse(r.headers().firstValue("Content-Encoding").isPresent());
    }
  }
}
