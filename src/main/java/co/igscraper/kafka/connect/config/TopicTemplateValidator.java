package co.igscraper.kafka.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts topic templates whose placeholders are all known. */
final class TopicTemplateValidator implements ConfigDef.Validator {
  @Override
  public void ensureValid(String name, Object value) {
    String template = value == null ? "" : value.toString();
    String unknown = TopicNamer.unknownPlaceholder(template);
    if (unknown != null) {
      throw new ConfigException(
          ValidationMessages.key(
              name,
              "has the unknown placeholder ${"
                  + unknown
                  + "}; use "
                  + ValidationMessages.join(TopicNamer.PLACEHOLDERS, "or")));
    }
  }

  @Override
  public String toString() {
    return "a topic name, optionally with placeholders " + TopicNamer.PLACEHOLDERS;
  }
}
