package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Front door for every request, in the order a real gateway would apply them: injected faults,
 * authentication, routing, request rate limits, content type and size, then the endpoint handler.
 */
final class ApiRouter implements HttpHandler {
  static final String PREFIX = "/api/v1";
  static final int MAX_BODY_BYTES = 16 * 1024;

  private final Clock clock;
  private final JobStore store;
  private final SimulatorStats stats;
  private final RateLimiter limiter;
  private final RateLimits limits;
  private final AtomicReference<Faults> faults;
  private final SubmitHandler submit;
  private final JobStatusHandler status;
  private final ResultsHandler results;
  private final EnrichHandler enrich;
  private final ResponseWriter writer;

  ApiRouter(
      Clock clock,
      JobStore store,
      SimulatorStats stats,
      RateLimiter limiter,
      RateLimits limits,
      AtomicReference<Faults> faults,
      SubmitHandler submit,
      JobStatusHandler status,
      ResultsHandler results,
      EnrichHandler enrich,
      ResponseWriter writer) {
    this.clock = clock;
    this.store = store;
    this.stats = stats;
    this.limiter = limiter;
    this.limits = limits;
    this.faults = faults;
    this.submit = submit;
    this.status = status;
    this.results = results;
    this.enrich = enrich;
    this.writer = writer;
  }

  /** Which endpoint a request hit: its template and, for job endpoints, the job id. */
  private record Route(String template, String jobId) {}

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Instant arrival = clock.instant();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    Route route = route(method, exchange.getRequestURI().getRawPath());
    Faults.Decision fault = faults.get().decide();
    try {
      sleep(fault.latency());
      switch (fault.kind()) {
        case DROP -> {
          drop(exchange, route, arrival);
          return;
        }
        case ERROR_500 -> throw ApiError.of(500, "INTERNAL_ERROR", "Injected internal error.");
        case ERROR_503 ->
            throw ApiError.of(503, "SERVICE_UNAVAILABLE", "Injected temporary unavailability.");
        case SPURIOUS_429 -> throw ApiError.rateLimited(fault.retryAfter(), "Injected rate limit.");
        case NONE -> {}
      }
      Reply reply = dispatch(exchange, method, route, arrival);
      if (route.template().equals("POST /jobs")
          && reply.status() == 201
          && fault.dropAfterCommit()) {
        drop(exchange, route, arrival);
        return;
      }
      if (route.template().equals("GET /jobs/{id}/results") && fault.slowResults()) {
        sleep(faults.get().slowResultsDelay());
      }
      send(exchange, route, reply.status(), reply.body(), reply.headers(), arrival);
    } catch (ApiError e) {
      send(
          exchange,
          route,
          e.status(),
          Json.errorBody(e.code(), e.getMessage(), e.field()),
          e.headers(),
          arrival);
    } catch (RuntimeException e) {
      send(
          exchange,
          route,
          500,
          Json.errorBody("INTERNAL_ERROR", "Simulator bug: " + e, null),
          Map.of(),
          arrival);
    }
  }

  private Reply dispatch(HttpExchange exchange, String method, Route route, Instant arrival)
      throws IOException {
    String apiKey = bearerKey(exchange.getRequestHeaders().getFirst("Authorization"));
    if (apiKey == null || !store.isApiKey(apiKey)) {
      throw new ApiError(
          401,
          "UNAUTHORIZED",
          "Missing or invalid API key.",
          null,
          Map.of("WWW-Authenticate", "Bearer"));
    }
    if (route.template().startsWith("UNKNOWN")) {
      throw ApiError.of(404, "NOT_FOUND", "No such endpoint.");
    }
    if (route.template().startsWith("METHOD")) {
      throw ApiError.of(405, "METHOD_NOT_ALLOWED", "Method not allowed on this endpoint.");
    }
    checkRequestLimits(apiKey, arrival.toEpochMilli());
    byte[] body = new byte[0];
    if (method.equals("POST")) {
      checkContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
      body = readBody(exchange);
    }
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    ApiRequest req =
        new ApiRequest(
            apiKey,
            route.jobId(),
            query(exchange.getRequestURI().getRawQuery()),
            headers,
            body,
            arrival);
    return switch (route.template()) {
      case "POST /jobs" -> submit.handle(req);
      case "GET /jobs/{id}" -> status.handle(req);
      case "GET /jobs/{id}/results" -> results.handle(req);
      case "GET /jobs/{id}/enrich" -> enrich.preflight(req);
      case "POST /jobs/{id}/enrich" -> enrich.start(req);
      default -> throw ApiError.of(404, "NOT_FOUND", "No such endpoint.");
    };
  }

  private static Route route(String method, String path) {
    if (path == null || !path.startsWith(PREFIX + "/")) {
      return new Route("UNKNOWN " + method, null);
    }
    String[] parts = path.substring(PREFIX.length() + 1).split("/", -1);
    if (parts.length == 0 || !parts[0].equals("jobs")) {
      return new Route("UNKNOWN " + method, null);
    }
    String template;
    String jobId = parts.length > 1 ? parts[1] : null;
    if (parts.length == 1) {
      template = "/jobs";
    } else if (parts.length == 2 && !jobId.isEmpty()) {
      template = "/jobs/{id}";
    } else if (parts.length == 3
        && !jobId.isEmpty()
        && List.of("results", "enrich").contains(parts[2])) {
      template = "/jobs/{id}/" + parts[2];
    } else {
      return new Route("UNKNOWN " + method, null);
    }
    boolean allowed =
        switch (template) {
          case "/jobs" -> method.equals("POST");
          case "/jobs/{id}/enrich" -> method.equals("GET") || method.equals("POST");
          default -> method.equals("GET");
        };
    return new Route(
        allowed ? method + " " + template : "METHOD " + method + " " + template, jobId);
  }

  private static String bearerKey(String authorization) {
    if (authorization == null) {
      return null;
    }
    String[] parts = authorization.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
      return null;
    }
    return parts[1];
  }

  // 401s are answered before this point, so they never count against the limits.
  private void checkRequestLimits(String apiKey, long nowMillis) {
    if (!limits.enabled()) {
      return;
    }
    long waitMillis =
        limiter.tryAcquire(
            List.of(
                new RateLimiter.Limit(
                    "requests/min:" + apiKey, limits.requestsPerMinute(), Duration.ofMinutes(1)),
                new RateLimiter.Limit(
                    "requests/h:" + apiKey, limits.requestsPerHour(), Duration.ofHours(1))),
            nowMillis);
    if (waitMillis > 0) {
      throw ApiError.rateLimited(
          RateLimiter.retryAfterSeconds(waitMillis), "Request rate limit exceeded.");
    }
  }

  private static void checkContentType(String contentType) {
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw ApiError.of(
          415, "UNSUPPORTED_MEDIA_TYPE", "Send Content-Type: application/json for POST requests.");
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw ApiError.of(
            413, "PAYLOAD_TOO_LARGE", "Request body exceeds " + MAX_BODY_BYTES + " bytes.");
      }
      return body;
    }
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private void send(
      HttpExchange exchange,
      Route route,
      int status,
      JsonNode body,
      Map<String, String> headers,
      Instant arrival)
      throws IOException {
    stats.recordRequest(route.template(), status, arrival.toEpochMilli());
    writer.write(exchange, status, body, headers);
  }

  // Closing an exchange before its response headers are sent makes HttpServer close the TCP
  // connection, so the client sees the connection end with no response: an I/O error.
  private void drop(HttpExchange exchange, Route route, Instant arrival) {
    stats.recordRequest(route.template(), 0, arrival.toEpochMilli());
    exchange.close();
  }

  private static void sleep(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
