package co.igscraper.kafka.connect.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * What a spec from the control topic must pass before it may spend credits: an allowed tool type,
 * no {@code max_*} parameter above a ceiling, and an {@code external_user_id} matching one of the
 * allowed patterns. Each check is off while its setting is empty. Pure.
 */
public final class ControlGuards {
  /** No guard at all: every spec passes. */
  public static final ControlGuards NONE = new ControlGuards(Set.of(), 0, List.of());

  private final Set<String> toolTypes;
  private final long maxResults;
  private final List<Pattern> userPatterns;

  /**
   * @param toolTypes allowed {@code tool_type} values; empty allows any
   * @param maxResults the largest value a {@code max_*} parameter may ask for; 0 for no ceiling
   * @param userPatterns regular expressions one of which the whole {@code external_user_id} must
   *     match; empty allows any
   */
  public ControlGuards(Set<String> toolTypes, long maxResults, List<Pattern> userPatterns) {
    this.toolTypes = Set.copyOf(toolTypes);
    this.maxResults = maxResults;
    this.userPatterns = List.copyOf(userPatterns);
  }

  /** The clauses a spec fails, naming the field and the setting; empty when it passes. */
  public List<String> check(JobSpec spec) {
    List<String> refusals = new ArrayList<>();
    if (!toolTypes.isEmpty() && !toolTypes.contains(spec.toolType())) {
      refusals.add(
          "tool_type "
              + ValidationMessages.quoted(spec.toolType())
              + " is not allowed on the control topic ("
              + IgScraperSourceConfig.CONTROL_TOOL_TYPES_CONFIG
              + " is "
              + String.join(",", toolTypes.stream().sorted().toList())
              + ")");
    }
    if (maxResults > 0) {
      for (Map.Entry<String, Object> param : spec.params().entrySet()) {
        if (param.getKey().startsWith("max_")) {
          checkCeiling(param.getKey(), param.getValue(), refusals);
        }
      }
    }
    String user = spec.externalUserId();
    if (!userPatterns.isEmpty()
        && userPatterns.stream().noneMatch(p -> p.matcher(user).matches())) {
      refusals.add(
          "external_user_id "
              + ValidationMessages.quoted(user)
              + " matches none of "
              + IgScraperSourceConfig.CONTROL_USER_PATTERNS_CONFIG
              + " ("
              + String.join(", ", userPatterns.stream().map(Pattern::pattern).toList())
              + ")");
    }
    return refusals;
  }

  private void checkCeiling(String key, Object value, List<String> refusals) {
    BigDecimal asked;
    try {
      asked = new BigDecimal(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      // Unreadable, it cannot be shown to be under the ceiling: refused rather than let through.
      refusals.add(
          "params."
              + key
              + " must be a number under "
              + IgScraperSourceConfig.CONTROL_MAX_RESULTS_CONFIG
              + ", got "
              + ValidationMessages.quoted(String.valueOf(value)));
      return;
    }
    if (asked.compareTo(BigDecimal.valueOf(maxResults)) > 0) {
      refusals.add(
          "params."
              + key
              + " is "
              + asked.toPlainString()
              + ", above "
              + IgScraperSourceConfig.CONTROL_MAX_RESULTS_CONFIG
              + " ("
              + maxResults
              + ")");
    }
  }

  /** Whether any guard is on. */
  public boolean any() {
    return !toolTypes.isEmpty() || maxResults > 0 || !userPatterns.isEmpty();
  }

  /** Validates a list of tool types, naming a misspelt one and the closest tool type. */
  static ConfigDef.Validator toolTypes() {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          List<String> known = ToolParams.knownTools().stream().sorted().toList();
          for (Object item : (List<?>) value) {
            String type = String.valueOf(item).trim();
            if (!known.contains(type)) {
              String closest = DidYouMean.closest(type, known);
              throw new ConfigException(
                  ValidationMessages.key(
                      name,
                      "lists "
                          + ValidationMessages.quoted(type)
                          + ", which is not a tool type; the tool types are "
                          + DidYouMean.list(known)
                          + (closest == null ? "" : "; did you mean " + closest + "?")));
            }
          }
        },
        () -> "tool types, comma-separated; empty allows all");
  }

  /** Validates a list of regular expressions, naming one that does not compile and why. */
  static ConfigDef.Validator patterns() {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          for (Object item : (List<?>) value) {
            String pattern = String.valueOf(item).trim();
            try {
              Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
              throw new ConfigException(
                  ValidationMessages.key(
                      name,
                      "lists "
                          + ValidationMessages.quoted(pattern)
                          + ", which is not a regular expression: "
                          + e.getDescription()
                          + " at index "
                          + e.getIndex()));
            }
          }
        },
        () -> "regular expressions, comma-separated; empty allows any end user");
  }
}
