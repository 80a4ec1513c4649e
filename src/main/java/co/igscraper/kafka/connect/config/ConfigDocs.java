package co.igscraper.kafka.connect.config;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/** Renders a {@link ConfigDef} as a Markdown reference, grouped and ordered as defined. */
public final class ConfigDocs {
  private ConfigDocs() {}

  /** A Markdown table per group: name, type, default, valid values, importance, description. */
  public static String markdown(ConfigDef def) {
    StringBuilder out = new StringBuilder();
    List<String> groups = new ArrayList<>(def.groups());
    for (String group : groups) {
      out.append("### ").append(group).append("\n\n");
      out.append("| Name | Type | Default | Valid values | Importance | Description |\n");
      out.append("|---|---|---|---|---|---|\n");
      def.configKeys().values().stream()
          .filter(k -> group.equals(k.group))
          .sorted((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup))
          .forEach(
              k ->
                  out.append("| `")
                      .append(k.name)
                      .append("` | ")
                      .append(k.type.name().toLowerCase(java.util.Locale.ROOT))
                      .append(" | ")
                      .append(defaultText(k))
                      .append(" | ")
                      .append(k.validator == null ? "" : escape(k.validator.toString()))
                      .append(" | ")
                      .append(k.importance.name().toLowerCase(java.util.Locale.ROOT))
                      .append(" | ")
                      .append(escape(k.documentation))
                      .append(" |\n"));
      out.append('\n');
    }
    return out.toString();
  }

  private static String defaultText(ConfigDef.ConfigKey key) {
    if (!key.hasDefault()) {
      return "(required)";
    }
    if (key.defaultValue == null) {
      return "null";
    }
    String text = ConfigDef.convertToString(key.defaultValue, key.type);
    return text.isEmpty() ? "\"\"" : "`" + text + "`";
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
