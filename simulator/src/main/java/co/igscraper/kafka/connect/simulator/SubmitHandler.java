package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code POST /jobs}: validate, apply submit limits, then create or replay a job. */
final class SubmitHandler {
  private static final int MAX_IDEMPOTENCY_KEY = 255;

  private final JobStore store;
  private final RequestValidator validator;
  private final RateLimiter limiter;
  private final RateLimits limits;

  SubmitHandler(
      JobStore store, RequestValidator validator, RateLimiter limiter, RateLimits limits) {
    this.store = store;
    this.validator = validator;
    this.limiter = limiter;
    this.limits = limits;
  }

  Reply handle(ApiRequest req) {
    String idempotencyKey = req.header("Idempotency-Key");
    if (idempotencyKey != null
        && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
      throw ApiError.validation("Idempotency-Key", "Idempotency-Key must be 1-255 characters.");
    }
    JsonNode payload = parse(req.body());
    JobRequest request = validator.validate(payload);
    checkSubmitLimits(req.apiKey(), request.externalUserId(), req.now().toEpochMilli());
    JobStore.SubmitResult result =
        store.submit(req.apiKey(), idempotencyKey, payload, request, req.now());
    ObjectNode body = Json.object();
    body.put("job_id", result.job().id);
    synchronized (store) {
      body.put("status", result.job().status(req.now()));
    }
    body.put("replayed", result.replayed());
    return new Reply(result.replayed() ? 200 : 201, body, Map.of());
  }

  static JsonNode parse(byte[] body) {
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiError.validation(null, "Request body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiError.validation(null, "Malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.validation(null, "Unreadable body.");
    }
  }

  // Replays count too: the README says every POST /jobs counts against the submit limits.
  private void checkSubmitLimits(String apiKey, String externalUserId, long nowMillis) {
    if (!limits.enabled()) {
      return;
    }
    String user = apiKey + "\u0000" + externalUserId;
    long waitMillis =
        limiter.tryAcquire(
            List.of(
                new RateLimiter.Limit(
                    "submits/h:" + apiKey, limits.submitsPerHour(), Duration.ofHours(1)),
                new RateLimiter.Limit(
                    "user-submits/min:" + user,
                    limits.submitsPerUserPerMinute(),
                    Duration.ofMinutes(1)),
                new RateLimiter.Limit(
                    "user-submits/h:" + user, limits.submitsPerUserPerHour(), Duration.ofHours(1))),
            nowMillis);
    if (waitMillis > 0) {
      throw ApiError.rateLimited(
          RateLimiter.retryAfterSeconds(waitMillis),
          "Job submission limit exceeded for this API key or external_user_id.");
    }
  }
}
