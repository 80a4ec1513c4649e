package co.igscraper.kafka.connect.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The parameter rules of each igscraper tool type, checked before a job is submitted.
 *
 * <p>Only {@code followers} is fully documented, so only its unknown parameters are refused (with a
 * hint); the others follow the README's stated assumptions, and their unknown parameters pass
 * through untouched, so a new API parameter needs no connector release.
 */
enum ToolParams {
  FOLLOWERS("followers", "usernames", Source.USERNAME, "max_followers", true, true),
  FOLLOWING("following", "usernames", Source.USERNAME, "max_following", true, false),
  LIKERS("likers", "usernames", Source.USERNAME, "max_likers", true, false),
  HASHTAG("hashtag", "hashtags", Source.HASHTAG, "max_results", true, false),
  LOCATION("location", "location_ids", Source.LOCATION_ID, "max_results", true, false),
  SINGLE_POST_LIKERS("single-post-likers", "post_urls", Source.POST_URL, "max_likers", true, false),
  EMAILS("emails", "usernames", Source.USERNAME, "max_results", false, false),
  PHONES("phones", "usernames", Source.USERNAME, "max_results", false, false);

  /** What a tool's sources look like, as a pattern and in the words a message uses. */
  enum Source {
    USERNAME("[A-Za-z0-9._]+", "an Instagram username: letters, digits, dots and underscores"),
    HASHTAG("[A-Za-z0-9_]+", "a hashtag without the #: letters, digits and underscores"),
    LOCATION_ID("[0-9]+", "a location id: digits only"),
    POST_URL(
        "https://(www\\.)?instagram\\.com/p/[A-Za-z0-9_-]+/?",
        "an Instagram post URL such as https://www.instagram.com/p/ABC123/");

    final Pattern pattern;
    final String words;

    Source(String regex, String words) {
      this.pattern = Pattern.compile(regex);
      this.words = words;
    }
  }

  static final int MAX_SOURCES = 10;
  static final int MAX_RESULTS = 10_000;

  private static final Map<String, ToolParams> BY_NAME = new TreeMap<>();

  static {
    for (ToolParams t : values()) {
      BY_NAME.put(t.apiName, t);
    }
  }

  private final String apiName;
  private final String sourcesField;
  private final Source source;
  private final String maxField;
  private final boolean profileEnrichment;
  // Empty when the vendor docs do not list the tool's parameters completely.
  private final List<String> documentedParams;

  ToolParams(
      String apiName,
      String sourcesField,
      Source source,
      String maxField,
      boolean profileEnrichment,
      boolean documented) {
    this.apiName = apiName;
    this.sourcesField = sourcesField;
    this.source = source;
    this.maxField = maxField;
    this.profileEnrichment = profileEnrichment;
    this.documentedParams =
        documented
            ? List.of(sourcesField, maxField, "enrich_profiles", "enrich_country_date")
            : List.of();
  }

  static ToolParams forTool(String apiName) {
    return BY_NAME.get(apiName);
  }

  static List<String> knownTools() {
    return List.copyOf(BY_NAME.keySet());
  }

  void validate(ObjectNode params, List<String> errors) {
    JsonNode sources = params.get(sourcesField);
    String field = "params." + sourcesField;
    if (sources == null || sources.isNull()) {
      errors.add(field + " is required: an array of 1-" + MAX_SOURCES + " values");
    } else if (!sources.isArray()) {
      errors.add(
          field
              + " must be an array of 1-"
              + MAX_SOURCES
              + " values, got "
              + ValidationMessages.shown(sources));
    } else if (sources.isEmpty() || sources.size() > MAX_SOURCES) {
      errors.add(field + " must hold 1-" + MAX_SOURCES + " values, got " + sources.size());
    } else {
      for (int i = 0; i < sources.size(); i++) {
        JsonNode s = sources.get(i);
        if (!s.isTextual()) {
          errors.add(field + "[" + i + "] must be a string, got " + ValidationMessages.shown(s));
        } else if (!source.pattern.matcher(s.asText()).matches()) {
          errors.add(
              field
                  + "["
                  + i
                  + "] "
                  + ValidationMessages.quoted(s.asText())
                  + " must be "
                  + source.words);
        }
      }
    }
    JsonNode max = params.get(maxField);
    if (max != null
        && !max.isNull()
        && (!max.isIntegralNumber()
            || !max.canConvertToInt()
            || max.asInt() < 1
            || max.asInt() > MAX_RESULTS)) {
      errors.add(
          "params."
              + maxField
              + " must be an integer from 1 to "
              + MAX_RESULTS
              + ", got "
              + ValidationMessages.shown(max));
    }
    for (String addon : List.of("enrich_profiles", "enrich_country_date")) {
      JsonNode flag = params.get(addon);
      if (flag != null && !flag.isNull() && !flag.isBoolean()) {
        errors.add(
            "params." + addon + " must be true or false, got " + ValidationMessages.shown(flag));
      }
    }
    JsonNode profiles = params.get("enrich_profiles");
    if (!profileEnrichment && profiles != null && profiles.asBoolean(false)) {
      errors.add(
          "params.enrich_profiles is not supported for tool_type "
              + apiName
              + "; only params.enrich_country_date is");
    }
    if (!documentedParams.isEmpty()) {
      // The API refuses what it does not know with a 400 at run time; say so at the door instead.
      params
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (!documentedParams.contains(name)) {
                  errors.add(
                      "params."
                          + name
                          + " is not a parameter of tool_type "
                          + apiName
                          + "; "
                          + DidYouMean.hint(name, documentedParams));
                }
              });
    }
  }
}
