package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS is verified by default and a custom trust store makes a private CA work; an HTTP proxy set in
 * the settings carries every request.
 */
class TlsAndProxyTest {
  private static final String JOB =
      "{\"job_id\":\"j1\",\"status\":\"QUEUED\",\"progress_percent\":0,\"number_of_results\":0,"
          + "\"cost_charged\":0}";
  private static final String STORE_PASSWORD = "store-secret-9f1d";
  private static final String TRUST_PASSWORD = "trust-secret-4a7e";

  @TempDir Path dir;

  private void keytool(String... args) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    List<String> command = new java.util.ArrayList<>(List.of(keytool));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool finished");
    assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ": " + output);
  }

  /** A self-signed certificate for 127.0.0.1 and a trust store that holds just it. */
  private Path[] certificates() throws Exception {
    Path server = dir.resolve("server.p12");
    Path cert = dir.resolve("server.cer");
    Path trust = dir.resolve("trust.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "api",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-storetype",
        "PKCS12",
        "-keystore",
        server.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-keypass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-alias",
        "api",
        "-keystore",
        server.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        cert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "api",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trust.toString(),
        "-storepass",
        TRUST_PASSWORD);
    return new Path[] {server, trust};
  }

  private HttpsServer httpsServer(Path keyStore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, STORE_PASSWORD.toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.createContext("/", exchange -> answer(exchange, 200, JOB));
    server.start();
    return server;
  }

  private static void answer(HttpExchange exchange, int status, String body)
      throws java.io.IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static ClientSettings.Builder settings(String baseUrl) {
    return ClientSettings.builder()
        .baseUrl(baseUrl)
        .apiKey("tls-key")
        .maxRetries(3)
        .initialBackoff(java.time.Duration.ofMillis(1))
        .maxBackoff(java.time.Duration.ofMillis(2));
  }

  @Test
  void anUntrustedCertificateIsAPermanentErrorNotRetried() throws Exception {
    Path[] stores = certificates();
    HttpsServer server = httpsServer(stores[0]);
    String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    try (IgScraperClient client = new IgScraperClient(settings(url).build())) {
      IgScraperException e = assertThrows(IgScraperException.class, () -> client.getJob("j1"));
      assertEquals(ErrorKind.PERMANENT, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
      assertEquals(0, client.metrics().retries(), "a trust problem is not retried");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aCustomTrustStoreMakesTheSameEndpointWork() throws Exception {
    Path[] stores = certificates();
    HttpsServer server = httpsServer(stores[0]);
    String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    ClientSettings s = settings(url).trustStore(stores[1], TRUST_PASSWORD, "PKCS12").build();
    assertFalse(s.toString().contains(TRUST_PASSWORD), s.toString());
    try (IgScraperClient client = new IgScraperClient(s)) {
      assertEquals("j1", client.getJob("j1").jobId());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aWrongTrustStorePasswordSaysSoWithoutThePassword() throws Exception {
    Path[] stores = certificates();
    ClientSettings s =
        settings("https://127.0.0.1:1/api/v1")
            .trustStore(stores[1], "not-" + TRUST_PASSWORD, "PKCS12")
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new IgScraperClient(s));
    assertTrue(e.getMessage().contains("cannot load trust store"), e.getMessage());
    assertFalse(e.getMessage().contains(TRUST_PASSWORD), e.getMessage());
  }

  /** A plain HTTP forward proxy: takes absolute-URI requests and forwards them, counting. */
  private static final class ForwardProxy implements AutoCloseable {
    final List<String> forwarded = new CopyOnWriteArrayList<>();
    final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    ForwardProxy() throws java.io.IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            String target = exchange.getRequestURI().toString();
            forwarded.add(exchange.getRequestMethod() + " " + target);
            try {
              HttpRequest.Builder request =
                  HttpRequest.newBuilder(java.net.URI.create(target))
                      .method(
                          exchange.getRequestMethod(),
                          HttpRequest.BodyPublishers.ofByteArray(
                              exchange.getRequestBody().readAllBytes()));
              for (String h : List.of("Authorization", "Content-Type", "Idempotency-Key")) {
                String v = exchange.getRequestHeaders().getFirst(h);
                if (v != null) {
                  request.header(h, v);
                }
              }
              HttpResponse<String> response =
                  http.send(request.build(), HttpResponse.BodyHandlers.ofString());
              answer(exchange, response.statusCode(), response.body());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              exchange.close();
            }
          });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void theConfiguredProxyCarriesEveryRequest() throws Exception {
    try (ScriptedServer api = new ScriptedServer();
        ForwardProxy proxy = new ForwardProxy()) {
      api.reply(200, JOB).reply(200, JOB);
      ClientSettings s =
          settings(api.baseUrl())
              .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())))
              .build();
      try (IgScraperClient client = new IgScraperClient(s)) {
        client.getJob("j1");
        client.getJob("j1");
      }
      assertEquals(2, proxy.forwarded.size(), proxy.forwarded.toString());
      assertTrue(proxy.forwarded.get(0).startsWith("GET " + api.baseUrl() + "/jobs/j1"));
      assertEquals(2, api.received.size(), "the API saw the proxied requests");
      assertEquals("Bearer tls-key", api.received.get(0).headers().getFirst("Authorization"));
    }
  }
}
