package co.igscraper.kafka.connect.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands the {@code topic} template for a job spec into a legal Kafka topic name. */
public final class TopicNamer {
  static final List<String> PLACEHOLDERS = List.of("${tool_type}", "${job}", "${external_user_id}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern ILLEGAL = Pattern.compile("[^A-Za-z0-9._-]");
  private static final int MAX_LENGTH = 249;

  private final String template;

  public TopicNamer(String template) {
    this.template = template;
  }

  /** The topic for a spec's rows. */
  public String topicFor(JobSpec spec) {
    String name =
        template
            .replace("${tool_type}", spec.toolType())
            .replace("${job}", spec.name())
            .replace("${external_user_id}", spec.externalUserId());
    return legalize(name);
  }

  /** Replaces characters Kafka does not allow with '_' and trims to the maximum length. */
  public static String legalize(String name) {
    String legal = ILLEGAL.matcher(name).replaceAll("_");
    if (legal.isEmpty() || legal.equals(".") || legal.equals("..")) {
      legal = "igscraper" + legal.replace('.', '_');
    }
    return legal.length() > MAX_LENGTH ? legal.substring(0, MAX_LENGTH) : legal;
  }

  static String unknownPlaceholder(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group())) {
        return m.group(1);
      }
    }
    return null;
  }
}
