package co.igscraper.kafka.connect.config;

import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A choice among fixed words, in any case, whose message reads like the others and names the
 * closest word; documented as Kafka's own {@code CaseInsensitiveValidString} is.
 */
final class OneOf implements ConfigDef.Validator {
  private final List<String> words;

  private OneOf(List<String> words) {
    this.words = List.copyOf(words);
  }

  static OneOf caseInsensitive(String... words) {
    return new OneOf(List.of(words));
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null) {
      return; // a missing required value gets ConfigDef's own message
    }
    String text = value.toString();
    if (words.stream().noneMatch(w -> w.equalsIgnoreCase(text.trim()))) {
      String closest = DidYouMean.closest(text.toLowerCase(Locale.ROOT), words);
      throw new ConfigException(
          ValidationMessages.key(
              name,
              "must be "
                  + DidYouMean.list(words)
                  + " (in any case), got "
                  + ValidationMessages.quoted(text)
                  + (closest == null ? "" : "; did you mean " + closest + "?")));
    }
  }

  @Override
  public String toString() {
    return "(case insensitive) [" + String.join(", ", words) + "]";
  }
}
