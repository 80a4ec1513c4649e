package co.igscraper.kafka.connect.source;

import java.util.Collections;
import java.util.LinkedHashMap;
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
   * The partition map for a spec name, always iterating {@code protocol} then {@code spec}.
   *
   * <p>The worker finds a stored offset by the converter's bytes of this map, and converters write
   * keys in iteration order. {@code Map.of} iterates in an order salted per JVM, so after a worker
   * restart the same spec could serialize differently and its offset be missed.
   */
  public static Map<String, Object> of(String specName) {
    Map<String, Object> partition = new LinkedHashMap<>(4);
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
