package co.igscraper.kafka.connect.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** Recommends a fixed list of values, so UIs can offer a choice. */
final class EnumRecommender implements ConfigDef.Recommender {
  private final List<Object> values;

  EnumRecommender(String... values) {
    this.values = List.of((Object[]) values);
  }

  @Override
  public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
    return values;
  }

  @Override
  public boolean visible(String name, Map<String, Object> parsedConfig) {
    return true;
  }
}
