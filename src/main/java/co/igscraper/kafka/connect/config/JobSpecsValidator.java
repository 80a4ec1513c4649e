package co.igscraper.kafka.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Checks that {@code igscraper.jobs} parses into valid, uniquely named job specs. */
final class JobSpecsValidator implements ConfigDef.Validator {
  /**
   * A connector's config is one record of Connect's config topic, which brokers cap at about 1 MiB
   * by default ({@code message.max.bytes}); the rest of the config and the task configs need room.
   */
  static final int MAX_BYTES = 768 * 1024;

  @Override
  public void ensureValid(String name, Object value) {
    int bytes =
        value == null
            ? 0
            : value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new ConfigException(
          ValidationMessages.key(
              name,
              "is "
                  + bytes
                  + " bytes, more than "
                  + MAX_BYTES
                  + ": a connector config is one record of Connect's config topic, which brokers"
                  + " limit to about 1 MiB by default (message.max.bytes), so saving it would"
                  + " fail; put this many specs on the control topic (igscraper.control.topic)"
                  + " instead"));
    }
    JobSpecParser.Result result = JobSpecParser.parse(value == null ? null : value.toString());
    if (!result.isValid()) {
      // The value can be long; the messages already quote what is wrong, one sentence each.
      throw new ConfigException(String.join(" ", result.errors()));
    }
  }

  @Override
  public String toString() {
    return "a JSON array of job specs with unique names";
  }
}
