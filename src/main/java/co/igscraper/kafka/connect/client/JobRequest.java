package co.igscraper.kafka.connect.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /jobs}: serialized as {@code external_user_id}, {@code tool_type} and
 * {@code params}.
 */
public record JobRequest(String externalUserId, String toolType, Map<String, Object> params) {
  public JobRequest {
    Objects.requireNonNull(externalUserId, "externalUserId");
    Objects.requireNonNull(toolType, "toolType");
    if (externalUserId.isEmpty() || toolType.isEmpty()) {
      throw new IllegalArgumentException("externalUserId and toolType must not be empty");
    }
    // Keeps the caller's key order so the submitted body (and its idempotency) is stable.
    params =
        params == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params)));
  }
}
