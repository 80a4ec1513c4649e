package co.igscraper.kafka.connect.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses and validates the {@code igscraper.jobs} JSON array into {@link JobSpec}s.
 *
 * <p>Every problem is collected with the spec and field it concerns, so {@code validate()} can
 * report all of them at once instead of the first.
 */
public final class JobSpecParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F]");
  private static final String JOBS = IgScraperSourceConfig.JOBS_CONFIG;
  private static final List<String> FIELDS =
      List.of("name", "external_user_id", "tool_type", "params", "repeat_every");

  private JobSpecParser() {}

  /**
   * The outcome of parsing: the valid specs, a message per problem found, and each name's index in
   * the array (so later checks can name a spec as {@code igscraper.jobs[i] "name"} too).
   */
  public record Result(List<JobSpec> specs, List<String> errors, Map<String, Integer> indexes) {
    public boolean isValid() {
      return errors.isEmpty();
    }

    /** How messages name {@code specs}: {@code igscraper.jobs[0] "a", [2] "c" and [3] "d"}. */
    public String subject(List<JobSpec> specs) {
      List<String> each = new ArrayList<>();
      for (JobSpec spec : specs) {
        String one =
            ValidationMessages.jobsSpec(indexes.getOrDefault(spec.name(), -1), spec.name());
        each.add(each.isEmpty() ? one : one.substring(JOBS.length()));
      }
      return ValidationMessages.join(each, "and");
    }
  }

  /** Parses a JSON array of specs; never throws on bad input. */
  public static Result parse(String json) {
    List<String> errors = new ArrayList<>();
    List<JobSpec> specs = new ArrayList<>();
    Map<String, Integer> indexes = new HashMap<>();
    if (json == null || json.isBlank()) {
      return new Result(specs, errors, indexes);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      errors.add(ValidationMessages.key(JOBS, ValidationMessages.invalidJson(e)));
      return new Result(specs, errors, indexes);
    }
    if (root == null || !root.isArray()) {
      errors.add(
          ValidationMessages.key(
              JOBS,
              "must be a JSON array of job specs, such as [{\"name\": \"nasa-followers\", ...}]"));
      return new Result(specs, errors, indexes);
    }
    for (int i = 0; i < root.size(); i++) {
      JsonNode node = root.get(i);
      String name = node.path("name").isTextual() ? node.get("name").asText() : null;
      String subject = ValidationMessages.jobsSpec(i, name);
      if (name != null) {
        Integer first = indexes.putIfAbsent(name, i);
        if (first != null) {
          errors.add(
              ValidationMessages.about(
                  subject,
                  "name is already used by "
                      + ValidationMessages.jobsSpec(first, null)
                      + "; each spec needs a unique name"));
          continue;
        }
      }
      List<String> specErrors = new ArrayList<>();
      JobSpec spec = parseOne(node, specErrors);
      specErrors.forEach(e -> errors.add(ValidationMessages.about(subject, e)));
      if (spec != null && specErrors.isEmpty()) {
        specs.add(spec);
      }
    }
    return new Result(specs, errors, indexes);
  }

  /**
   * Parses one spec object; adds a clause per problem to {@code errors} (each naming its field, for
   * {@link ValidationMessages#about} to put after the spec's subject) and returns null when
   * invalid.
   */
  public static JobSpec parseOne(JsonNode node, List<String> errors) {
    if (node == null || !node.isObject()) {
      errors.add("a job spec must be a JSON object, got " + ValidationMessages.shown(node));
      return null;
    }
    String name = text(node, "name", errors);
    if (name != null && !NAME.matcher(name).matches()) {
      errors.add("name must be 1-100 characters of letters, digits, '.', '_' or '-'");
    }
    String userId = text(node, "external_user_id", errors);
    if (userId != null) {
      if (userId.isEmpty() || userId.length() > 255) {
        errors.add("external_user_id must be 1-255 characters, got " + userId.length());
      } else if (CONTROL.matcher(userId).find()) {
        errors.add("external_user_id must not contain control characters");
      }
    }
    String toolType = text(node, "tool_type", errors);
    ToolParams rules = null;
    if (toolType != null) {
      rules = ToolParams.forTool(toolType);
      if (rules == null) {
        errors.add(
            "tool_type "
                + ValidationMessages.quoted(toolType)
                + " is not a known tool type; "
                + DidYouMean.hint(toolType, ToolParams.knownTools()));
      }
    }
    JsonNode params = node.get("params");
    if (params == null || params.isNull()) {
      errors.add("params is required: a JSON object with the tool's parameters");
    } else if (!params.isObject()) {
      errors.add("params must be a JSON object, got " + ValidationMessages.shown(params));
    } else if (rules != null) {
      rules.validate((ObjectNode) params, errors);
    }
    Duration repeatEvery = repeatEvery(node.get("repeat_every"), errors);
    node.fieldNames()
        .forEachRemaining(
            field -> {
              if (!FIELDS.contains(field)) {
                errors.add(
                    field + " is not a field of a job spec; " + DidYouMean.hint(field, FIELDS));
              }
            });
    if (!errors.isEmpty()) {
      return null;
    }
    return new JobSpec(name, userId, toolType, (ObjectNode) params, repeatEvery);
  }

  private static Duration repeatEvery(JsonNode value, List<String> errors) {
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      Duration d = Duration.parse(value.asText());
      if (!value.isTextual() || d.isNegative() || d.isZero()) {
        throw new DateTimeParseException("not positive", value.asText(), 0);
      }
      return d;
    } catch (DateTimeParseException e) {
      errors.add(
          "repeat_every must be a positive ISO-8601 duration such as PT1H or P1D, got "
              + ValidationMessages.shown(value));
      return null;
    }
  }

  private static String text(JsonNode node, String field, List<String> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      errors.add(field + " is required");
      return null;
    }
    if (!value.isTextual()) {
      errors.add(field + " must be a string, got " + ValidationMessages.shown(value));
      return null;
    }
    return value.asText();
  }
}
