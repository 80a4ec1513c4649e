package co.igscraper.kafka.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One job the connector runs: a named, validated igscraper job request.
 *
 * <p>The {@code name} is the spec's identity for offsets; {@link #contentHash()} fingerprints what
 * is sent to the API so a changed spec is recognised as a new logical job.
 */
public final class JobSpec {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final String name;
  private final String externalUserId;
  private final String toolType;
  private final ObjectNode params;
  private final Duration repeatEvery;
  private final String contentHash;

  JobSpec(
      String name,
      String externalUserId,
      String toolType,
      ObjectNode params,
      Duration repeatEvery) {
    this.name = Objects.requireNonNull(name);
    this.externalUserId = Objects.requireNonNull(externalUserId);
    this.toolType = Objects.requireNonNull(toolType);
    // Sorted keys: the body sent under an Idempotency-Key must not change when only the order of
    // the user's JSON fields does (the key ignores that order).
    this.params = (ObjectNode) sorted(params);
    this.repeatEvery = repeatEvery;
    this.contentHash = hash(externalUserId, toolType, this.params);
  }

  public String name() {
    return name;
  }

  public String externalUserId() {
    return externalUserId;
  }

  /** The API's tool type name, for example {@code followers}. */
  public String toolType() {
    return toolType;
  }

  /** The request parameters as sent to the API (a copy, in the spec's own field order). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> params() {
    return CANONICAL.convertValue(params, Map.class);
  }

  /**
   * How often the spec runs again, if it recurs. Each run is a new job; the API's per-user dedup
   * makes it return only rows not delivered before.
   */
  public Optional<Duration> repeatEvery() {
    return Optional.ofNullable(repeatEvery);
  }

  /** SHA-256 (hex, first 16 bytes) of the canonical JSON of user id, tool type and params. */
  public String contentHash() {
    return contentHash;
  }

  /** This spec as the JSON object users write in {@code igscraper.jobs}. */
  public ObjectNode toJson() {
    ObjectNode node = CANONICAL.createObjectNode();
    node.put("name", name);
    node.put("external_user_id", externalUserId);
    node.put("tool_type", toolType);
    node.set("params", params.deepCopy());
    if (repeatEvery != null) {
      node.put("repeat_every", repeatEvery.toString());
    }
    return node;
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = CANONICAL.createObjectNode();
      java.util.List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      names.forEach(n -> out.set(n, sorted(node.get(n))));
      return out;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = CANONICAL.createArrayNode();
      node.forEach(e -> out.add(sorted(e)));
      return out;
    }
    return node.deepCopy();
  }

  private static String hash(String externalUserId, String toolType, JsonNode params) {
    try {
      ObjectNode identity = CANONICAL.createObjectNode();
      identity.put("external_user_id", externalUserId);
      identity.put("tool_type", toolType);
      identity.set("params", params);
      // Canonical form: sorted keys, so field order in the user's JSON does not change the hash.
      Object tree = CANONICAL.treeToValue(identity, Object.class);
      byte[] bytes = CANONICAL.writeValueAsBytes(tree);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException | java.io.IOException e) {
      throw new IllegalStateException("cannot fingerprint job spec " + externalUserId, e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobSpec other
        && name.equals(other.name)
        && contentHash.equals(other.contentHash)
        && Objects.equals(repeatEvery, other.repeatEvery);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, contentHash, repeatEvery);
  }

  @Override
  public String toString() {
    return "JobSpec{name="
        + name
        + ", tool_type="
        + toolType
        + ", external_user_id="
        + externalUserId
        + "}";
  }
}
