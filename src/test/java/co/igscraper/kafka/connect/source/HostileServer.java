package co.igscraper.kafka.connect.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A test fixture: an igscraper look-alike on 127.0.0.1 whose every answer is decided by a script,
 * so a test can send exactly the malformed or hostile response it is about.
 */
final class HostileServer implements AutoCloseable {
  /** One request as the script sees it; {@code n} counts earlier requests to the same path. */
  record Request(
      String method, String path, Map<String, String> query, String idempotencyKey, int n) {
    int page() {
      return Integer.parseInt(query.getOrDefault("page", "1"));
    }

    int limit() {
      return Integer.parseInt(query.getOrDefault("limit", "50"));
    }
  }

  /**
   * One answer; {@code drop} closes the connection without a response; {@code streamed} bytes (when
   * positive) follow the body, generated as they are written, chunked with no length.
   */
  record Response(int status, byte[] body, List<String> headers, boolean drop, long streamed) {
    static Response json(int status, String body, String... headers) {
      return new Response(
          status, body.getBytes(StandardCharsets.UTF_8), List.of(headers), false, 0);
    }

    static Response raw(int status, byte[] body, String... headers) {
      return new Response(status, body, List.of(headers), false, 0);
    }

    static Response dropped() {
      return new Response(0, new byte[0], List.of(), true, 0);
    }

    /** A JSON body that starts like a page and then goes on for {@code bytes} bytes. */
    static Response endless(long bytes) {
      return new Response(
          200,
          "{\"data\":[],\"junk\":\"".getBytes(StandardCharsets.UTF_8),
          List.of(),
          false,
          bytes);
    }
  }

  /** Bytes of {@link Response#endless} bodies the server managed to write. */
  final AtomicLong streamedBytes = new AtomicLong();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
  final List<Request> received = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Response> script;

  HostileServer(Function<Request, Response> script) throws IOException {
    this.script = script;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  void script(Function<Request, Response> script) {
    this.script = script;
  }

  long requests(String pathSuffix) {
    return received.stream().filter(r -> r.path().endsWith(pathSuffix)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getPath().replaceFirst("^/api/v1", "");
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    int n = perPath.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
    Request request =
        new Request(
            exchange.getRequestMethod(),
            path,
            query,
            exchange.getRequestHeaders().getFirst("Idempotency-Key"),
            n);
    received.add(request);
    Response response = script.apply(request);
    if (response.drop()) {
      exchange.close();
      return;
    }
    for (int i = 0; i + 1 < response.headers().size(); i += 2) {
      exchange.getResponseHeaders().add(response.headers().get(i), response.headers().get(i + 1));
    }
    if (exchange.getResponseHeaders().getFirst("Content-Type") == null) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    byte[] bytes = response.body();
    if (response.streamed() > 0) {
      exchange.sendResponseHeaders(response.status(), 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (long sent = 0; sent < response.streamed(); sent += chunk.length) {
          out.write(chunk);
          streamedBytes.addAndGet(chunk.length);
        }
      } catch (IOException e) {
        // The client hung up on the endless body: what this test wants.
      }
      return;
    }
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
