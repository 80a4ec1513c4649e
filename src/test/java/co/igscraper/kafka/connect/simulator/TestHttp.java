package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plain {@link HttpClient} calls against a simulator, independent of the connector's client. */
final class TestHttp {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String baseUrl;
  private final String apiKey;

  TestHttp(IgScraperSimulator simulator, String apiKey) {
    this.baseUrl = simulator.baseUrl();
    this.apiKey = apiKey;
  }

  TestHttp(IgScraperSimulator simulator) {
    this(simulator, "test-key");
  }

  TestHttp as(String otherKey) {
    return new TestHttp(baseUrl, otherKey);
  }

  private TestHttp(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** A response with its body parsed as JSON (null when it is not JSON). */
  record Res(int status, JsonNode json, HttpHeaders headers, String raw) {
    String errorCode() {
      return json.path("error").path("code").asText(null);
    }

    String errorField() {
      return json.path("error").path("field").asText(null);
    }
  }

  Res get(String path) {
    return send("GET", path, null, auth());
  }

  Res post(String path, String body) {
    Map<String, String> headers = auth();
    headers.put("Content-Type", "application/json");
    return send("POST", path, body, headers);
  }

  Res submit(String body, String idempotencyKey) {
    Map<String, String> headers = auth();
    headers.put("Content-Type", "application/json");
    headers.put("Idempotency-Key", idempotencyKey);
    return send("POST", "/jobs", body, headers);
  }

  /** Submits a followers job and returns its id. */
  String submitFollowers(String externalUserId, int max, String... usernames) {
    Res res = post("/jobs", followersBody(externalUserId, max, usernames));
    if (res.status() != 201) {
      throw new AssertionError("submit failed: " + res.status() + " " + res.raw());
    }
    return res.json().get("job_id").asText();
  }

  static String followersBody(String externalUserId, int max, String... usernames) {
    return body(
        externalUserId,
        "followers",
        "{\"usernames\": " + jsonArray(usernames) + ", \"max_followers\": " + max + "}");
  }

  static String body(String externalUserId, String toolType, String paramsJson) {
    return "{\"external_user_id\": \""
        + externalUserId
        + "\", \"tool_type\": \""
        + toolType
        + "\", \"params\": "
        + paramsJson
        + "}";
  }

  static String jsonArray(String... items) {
    try {
      return MAPPER.writeValueAsString(items);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, String> auth() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + apiKey);
    return headers;
  }

  Res send(String method, String path, String body, Map<String, String> headers) {
    try {
      return sendOrThrow(method, path, body, headers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Res sendOrThrow(String method, String path, String body, Map<String, String> headers)
      throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
    headers.forEach(b::header);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = r.body().isEmpty() ? MAPPER.missingNode() : MAPPER.readTree(r.body());
      } catch (IOException notJson) {
        json = MAPPER.missingNode();
      }
      return new Res(r.statusCode(), json, r.headers(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
