package co.igscraper.kafka.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A numeric range check whose message reads like the others ("igscraper.page.size must be from 1 to
 * 200, got 500."); documented as Kafka's own {@code Range} is, {@code [1,...,200]}.
 */
final class Bounds implements ConfigDef.Validator {
  private final long min;
  private final Long max;

  private Bounds(long min, Long max) {
    this.min = min;
    this.max = max;
  }

  static Bounds between(long min, long max) {
    return new Bounds(min, max);
  }

  static Bounds atLeast(long min) {
    return new Bounds(min, null);
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null) {
      return; // a missing required value gets ConfigDef's own message
    }
    long n = ((Number) value).longValue();
    if (n < min || (max != null && n > max)) {
      throw new ConfigException(
          ValidationMessages.key(
              name,
              (max == null ? "must be at least " + min : "must be from " + min + " to " + max)
                  + ", got "
                  + value));
    }
  }

  @Override
  public String toString() {
    return max == null ? "[" + min + ",...]" : "[" + min + ",...," + max + "]";
  }
}
