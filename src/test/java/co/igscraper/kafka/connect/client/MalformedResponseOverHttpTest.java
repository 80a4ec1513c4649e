package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Malformed answers the simulator never produces, over real HTTP; complements the parser table in
 * {@link ResponseParserTest} and the HTML 404 / truncated JSON cases in {@link
 * IgScraperClientTest}.
 */
class MalformedResponseOverHttpTest {
  private static final String KEY = "sk_test_0123456789abcdef";
  private static final String JOB = "{\"job_id\":\"j1\",\"status\":\"QUEUED\"}";

  private static IgScraperClient client(String baseUrl) {
    return new IgScraperClient(
        ClientSettings.builder()
            .baseUrl(baseUrl)
            .apiKey(KEY)
            .maxRetries(2)
            .initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(20))
            .build(),
        new RateLimiterRegistry(),
        System::nanoTime);
  }

  @Test
  void anHtmlGatewayPageIsATransientMalformedResponseThatIsRetried() throws IOException {
    try (ScriptedServer server = new ScriptedServer();
        IgScraperClient c = client(server.baseUrl())) {
      server
          .reply(
              502,
              "<html><body><h1>502 Bad Gateway</h1></body></html>",
              "Content-Type",
              "text/html")
          .reply(200, JOB);
      assertEquals("j1", c.getJob("j1").jobId());
      assertEquals(2, server.received.size());
      assertEquals(1, c.metrics().retries());
    }
  }

  @Test
  void anHtmlPageAnswered200IsMalformedNamesTheBodyAndIsRetriedWithinBounds() throws IOException {
    try (ScriptedServer server = new ScriptedServer();
        IgScraperClient c = client(server.baseUrl())) {
      for (int i = 0; i < 3; i++) {
        server.reply(200, "<html><body>Please log in</body></html>", "Content-Type", "text/html");
      }
      MalformedResponseException e =
          assertThrows(MalformedResponseException.class, () -> c.getJob("j1"));
      assertEquals(ErrorKind.TRANSIENT, e.kind());
      assertEquals(200, e.httpStatus());
      assertTrue(e.serverMessage().contains("Please log in"), e.serverMessage());
      assertEquals(3, server.received.size());
    }
  }

  @Test
  void aBodyCutShortByTheServerIsATypedTransientIoError() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    readHeaders(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    // Promises 500 bytes, sends 20, then closes the connection.
                    out.write(
                        ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 500\r\n\r\n{\"job_id\":\"j1\",\"st")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      server.setDaemon(true);
      server.start();
      try (IgScraperClient c = client("http://127.0.0.1:" + socket.getLocalPort() + "/api/v1")) {
        IgScraperException e = assertThrows(IgScraperException.class, () -> c.getJob("j1"));
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertEquals(0, e.httpStatus());
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals(3, c.metrics().requests());
      }
    }
  }

  private static void readHeaders(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) != -1) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }
}
