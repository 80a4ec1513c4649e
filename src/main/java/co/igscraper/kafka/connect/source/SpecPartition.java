package co.igscraper.kafka.connect.source;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Owns the source-partition map of a spec: {@code {"protocol": "1", "spec": name}}.
 *
 * <p>The protocol version lets a later release change the offset format and still read old ones.
 */
public final class SpecPartition {
  static final String PROTOCOL_KEY = "protocol";
  static final String SPEC_KEY = "spec";
  static final String PROTOCOL_V1 = "1";

  private SpecPartition() {}

  /**
   * The partition map for a spec name.
   *
   * <p>A {@code HashMap}, not {@code Map.of}: the runtime matches offsets by the serialized key,
   * and reads stored keys back into a {@code HashMap} before serializing them again (offsets REST
   * API, offset resets). {@code Map.of} iterates in an order that changes from JVM to JVM, so about
   * half the workers wrote keys that {@code GET}/{@code DELETE /offsets} could not find and that a
   * worker restarted with the other order would not match.
   */
  public static Map<String, Object> of(String specName) {
    Map<String, Object> partition = new HashMap<>();
    partition.put(PROTOCOL_KEY, PROTOCOL_V1);
    partition.put(SPEC_KEY, specName);
    return Collections.unmodifiableMap(partition);
  }

  /**
   * The spec name in a partition map.
   *
   * @throws IllegalArgumentException naming the key that is missing or wrong
   */
  public static String specName(Map<String, ?> partition) {
    if (partition == null) {
      throw new IllegalArgumentException("source partition must not be null");
    }
    Object protocol = partition.get(PROTOCOL_KEY);
    if (!PROTOCOL_V1.equals(protocol)) {
      throw new IllegalArgumentException(
          "partition key '" + PROTOCOL_KEY + "' must be \"1\", got " + protocol);
    }
    Object spec = partition.get(SPEC_KEY);
    if (!(spec instanceof String name) || name.isEmpty()) {
      throw new IllegalArgumentException(
          "partition key '" + SPEC_KEY + "' must be a spec name, got " + spec);
    }
    return name;
  }
}
