package co.igscraper.kafka.connect.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one form of every validation message: a sentence that starts with what is wrong, either a
 * config key ({@code igscraper.api.url must be ...}) or a spec and its field ({@code
 * igscraper.jobs[0] "a": params.max_followers must be ...}, {@code spec "a": ...} on the control
 * topic, which has no index).
 */
public final class ValidationMessages {
  // Jackson's own messages carry its internals (source, token names): only their gist is kept.
  private static final Pattern CODE =
      Pattern.compile(
          "^(?:Unexpected|Illegal) character .*?code (\\d+)\\)\\)(?:: was expecting ([^(\\[]*)$)?");
  private static final Pattern CLOSE = Pattern.compile("^Unexpected close marker '(.)'");
  private static final Pattern WORD = Pattern.compile("^Unrecognized token '([^']*)'");
  private static final int SHOWN_CHARS = 60;

  private ValidationMessages() {}

  /** The subject of a spec in {@code igscraper.jobs}: its index, and its name when it has one. */
  static String jobsSpec(int index, String name) {
    return IgScraperSourceConfig.JOBS_CONFIG
        + "["
        + index
        + "]"
        + (name == null ? "" : " " + quoted(name));
  }

  /** The subject of a spec on the control topic, named by its record key. */
  public static String controlSpec(String name) {
    return "spec " + quoted(name);
  }

  /** The subject of several control-topic specs: {@code specs "a", "b" and "c"}. */
  static String controlSpecs(List<JobSpec> specs) {
    return specs.size() == 1
        ? controlSpec(specs.get(0).name())
        : "specs " + join(specs.stream().map(s -> quoted(s.name())).toList(), "and");
  }

  /** {@code subject: clause.} for each clause, one sentence per problem. */
  public static String about(String subject, String clause) {
    return subject + ": " + sentence(clause);
  }

  /** The clauses about one subject as sentences, joined into one text. */
  public static String about(String subject, List<String> clauses) {
    return String.join(" ", clauses.stream().map(c -> about(subject, c)).toList());
  }

  /** {@code key clause.}, for a problem with a config key's value. */
  static String key(String key, String clause) {
    return key + " " + sentence(clause);
  }

  /** Ends a clause with a full stop unless it already ends a sentence. */
  static String sentence(String clause) {
    return clause.endsWith(".") || clause.endsWith("?") ? clause : clause + ".";
  }

  static String quoted(String text) {
    return "\""
        + (text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text)
        + "\"";
  }

  /** A JSON value as a message shows it: short scalars as written, containers by their kind. */
  static String shown(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isObject()) {
      return "an object";
    }
    return value.isTextual() ? quoted(value.asText()) : value.toString();
  }

  /**
   * "is not valid JSON: why at line L, column C": a short reason and the parser's position, never
   * Jackson's own text, which carries source and location boilerplate.
   */
  public static String invalidJson(JsonProcessingException e) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String reason;
    Matcher code = CODE.matcher(original);
    Matcher close = CLOSE.matcher(original);
    Matcher word = WORD.matcher(original);
    if (e instanceof JsonEOFException || original.startsWith("Unexpected end-of-input")) {
      reason = "the text ends before the JSON is complete";
    } else if (original.startsWith("Illegal unquoted character")) {
      reason = "a control character in a string must be escaped";
    } else if (code.find()) {
      int c = Integer.parseInt(code.group(1));
      reason =
          "unexpected character "
              + (c < 0x20 || c == 0x7F ? String.format("U+%04X", c) : "'" + (char) c + "'")
              + (code.group(2) == null
                  ? ""
                  : " (expected " + code.group(2).strip().toLowerCase(Locale.ROOT) + ")");
    } else if (close.find()) {
      reason = "unexpected '" + close.group(1) + "'";
    } else if (word.find()) {
      reason = "unexpected word '" + word.group(1) + "' (text values need double quotes)";
    } else {
      reason = "the text is not well-formed";
    }
    JsonLocation at = e.getLocation();
    return "is not valid JSON: "
        + reason
        + (at == null || at.getLineNr() < 1
            ? ""
            : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
  }

  /** "a, b and c" (or "or" for alternatives). */
  static String join(List<String> items, String conjunction) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " "
        + conjunction
        + " "
        + items.get(items.size() - 1);
  }

  // Messages of config keys, here so that IgScraperSourceConfig holds definitions only.

  static String apiKeyUnprintable(String key) {
    // Never the value: it is the secret.
    return key(
        key,
        "must be a non-empty key of printable ASCII without spaces; check for whitespace or line"
            + " breaks from a config provider");
  }

  static String idempotencyKeyPrefix(String key, int maxLength, String value) {
    return key(
        key,
        "must be empty or up to "
            + maxLength
            + " printable ASCII characters without spaces, got "
            + quoted(value)
            + " ("
            + value.length()
            + " characters)");
  }

  static String noPlaceholders(String key, String value) {
    return key(key, "takes no placeholders, got " + quoted(value));
  }

  static String controlBootstrapRequired() {
    return key(
        IgScraperSourceConfig.CONTROL_BOOTSTRAP_CONFIG,
        "is required when igscraper.control.topic is set, because a connector cannot see its"
            + " worker's bootstrap servers");
  }

  /**
   * Also what a task says when it finds this config stored from before the connector refused it.
   */
  public static String eventsTopicRequired() {
    return key(
        IgScraperSourceConfig.EVENTS_TOPIC_CONFIG,
        "is required when igscraper.control.topic is set: a spec that moves to another task is"
            + " handed over through a record on it (README \"One writer per partition\")");
  }
}
