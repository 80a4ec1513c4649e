package co.igscraper.kafka.connect.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/** A test fixture: an HTTP server on 127.0.0.1 that answers scripted replies in order. */
final class ScriptedServer implements AutoCloseable {
  record Reply(int status, String body, List<String> headers, long delayMillis) {}

  record Received(String method, String uri, Headers headers, String body) {}

  static {
    // Read once by the JDK's first HttpServer: without it the simulator, started later in the same
    // JVM, answers every request ~40 ms late (Nagle plus delayed ACK).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  final List<Received> received = new CopyOnWriteArrayList<>();

  ScriptedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  /** Queues a reply; {@code headers} are name, value pairs. */
  ScriptedServer reply(int status, String body, String... headers) {
    replies.add(new Reply(status, body, List.of(headers), 0));
    return this;
  }

  /** Queues a reply that is sent only after a long pause, to simulate a hung server. */
  ScriptedServer hang() {
    replies.add(new Reply(200, "{}", List.of(), 60_000));
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            exchange.getRequestHeaders(),
            body));
    Reply reply = replies.poll();
    if (reply == null) {
      reply = new Reply(500, "{\"error\":\"no scripted reply\"}", List.of(), 0);
    }
    try {
      Thread.sleep(reply.delayMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
      return;
    }
    for (int i = 0; i + 1 < reply.headers().size(); i += 2) {
      exchange.getResponseHeaders().add(reply.headers().get(i), reply.headers().get(i + 1));
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
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
