package co.igscraper.kafka.connect.schema;

import java.util.Optional;

/** An igscraper tool type: the API's {@code tool_type} value and the columns its rows carry. */
public enum ToolType {
  FOLLOWERS("followers", true),
  FOLLOWING("following", true),
  LIKERS("likers", true),
  HASHTAG("hashtag", true),
  LOCATION("location", true),
  SINGLE_POST_LIKERS("single-post-likers", true),
  EMAILS("emails", false),
  PHONES("phones", false);

  private final String apiName;
  private final boolean profileEnrichment;

  ToolType(String apiName, boolean profileEnrichment) {
    this.apiName = apiName;
    this.profileEnrichment = profileEnrichment;
  }

  /** The value of {@code tool_type} in the API, e.g. {@code single-post-likers}. */
  public String apiName() {
    return apiName;
  }

  /**
   * The API name as an Avro name segment: {@code single-post-likers} becomes {@code
   * single_post_likers}.
   */
  public String avroName() {
    return apiName.replace('-', '_');
  }

  /**
   * Whether the API accepts {@code enrich_profiles} for this tool (it rejects it for emails and
   * phones).
   */
  public boolean supportsProfileEnrichment() {
    return profileEnrichment;
  }

  /**
   * Whether the API accepts {@code enrich_country_date} for this tool: true for every tool type.
   */
  public boolean supportsCountryDateEnrichment() {
    return true;
  }

  /** Looks a tool type up by its exact API name; empty for unknown names and null. */
  public static Optional<ToolType> fromApiName(String apiName) {
    if (apiName != null) {
      for (ToolType type : values()) {
        if (type.apiName.equals(apiName)) {
          return Optional.of(type);
        }
      }
    }
    return Optional.empty();
  }
}
