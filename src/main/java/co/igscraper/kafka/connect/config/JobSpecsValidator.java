package co.igscraper.kafka.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Checks that {@code igscraper.jobs} parses into valid, uniquely named job specs. */
final class JobSpecsValidator implements ConfigDef.Validator {
  @Override
  public void ensureValid(String name, Object value) {
    JobSpecParser.Result result = JobSpecParser.parse(value == null ? null : value.toString());
    if (!result.isValid()) {
      // The value can be long; the messages already quote what is wrong.
      throw new ConfigException(String.join("; ", result.errors()));
    }
  }

  @Override
  public String toString() {
    return "a JSON array of job specs with unique names";
  }
}
