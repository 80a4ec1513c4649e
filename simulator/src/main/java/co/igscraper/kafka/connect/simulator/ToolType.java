package co.igscraper.kafka.connect.simulator;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tool types the simulator accepts, with their parameters and base columns (README table). */
enum ToolType {
  FOLLOWERS("followers", "follower", "usernames", Patterns.USERNAME, "max_followers", false),
  FOLLOWING("following", "following", "usernames", Patterns.USERNAME, "max_following", false),
  LIKERS("likers", "liker", "usernames", Patterns.USERNAME, "max_likers", false),
  HASHTAG("hashtag", "hashtag_user", "hashtags", Patterns.HASHTAG, "max_results", false),
  LOCATION("location", "location_user", "location_ids", Patterns.DIGITS, "max_results", false),
  SINGLE_POST_LIKERS(
      "single-post-likers", "liker", "post_urls", Patterns.POST_URL, "max_likers", false),
  EMAILS("emails", "email", "usernames", Patterns.USERNAME, "max_results", true),
  PHONES("phones", "phone", "usernames", Patterns.USERNAME, "max_results", true);

  static final int DEFAULT_MAX = 50;
  static final int MAX_POSTS_LIMIT = 50;
  static final int DEFAULT_MAX_POSTS = 5;

  private static final List<String> USER_COLUMNS =
      List.of(
          "source",
          "type",
          "user_id",
          "username",
          "full_name",
          "verified",
          "private",
          "profile_pic_url");

  private final String wireName;
  private final String typeColumn;
  private final String listParam;
  private final Pattern itemPattern;
  private final String maxParam;
  private final boolean contactTool;

  ToolType(
      String wireName,
      String typeColumn,
      String listParam,
      Pattern itemPattern,
      String maxParam,
      boolean contactTool) {
    this.wireName = wireName;
    this.typeColumn = typeColumn;
    this.listParam = listParam;
    this.itemPattern = itemPattern;
    this.maxParam = maxParam;
    this.contactTool = contactTool;
  }

  static ToolType fromWire(String name) {
    for (ToolType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    return null;
  }

  String wireName() {
    return wireName;
  }

  String typeColumn() {
    return typeColumn;
  }

  String listParam() {
    return listParam;
  }

  String maxParam() {
    return maxParam;
  }

  /** Returns the source named by one list item, or null when the item is not valid. */
  String sourceOf(String item) {
    Matcher m = itemPattern.matcher(item);
    if (!m.matches()) {
      return null;
    }
    return m.groupCount() >= 1 ? m.group(1) : item;
  }

  /** Parameter names this tool accepts inside {@code params}. */
  Set<String> knownParams() {
    Set<String> names = new LinkedHashSet<>(List.of(listParam, maxParam));
    if (this == LIKERS) {
      names.add("max_posts");
    }
    names.add(Addon.ENRICH_PROFILES.wireName());
    names.add(Addon.ENRICH_COUNTRY_DATE.wireName());
    return names;
  }

  Set<Addon> supportedAddons() {
    return contactTool ? EnumSet.of(Addon.ENRICH_COUNTRY_DATE) : EnumSet.allOf(Addon.class);
  }

  List<String> baseColumns() {
    if (!contactTool) {
      return USER_COLUMNS;
    }
    String contact = this == EMAILS ? "email" : "phone";
    return List.of(
        "source", "type", "user_id", "username", "full_name", contact, "profile_pic_url");
  }

  /** Base columns followed by the columns of each applied add-on, in documented order. */
  List<String> columns(Set<Addon> applied) {
    Set<String> columns = new LinkedHashSet<>(baseColumns());
    for (Addon addon : Addon.values()) {
      if (applied.contains(addon)) {
        columns.addAll(addon.columns());
      }
    }
    return List.copyOf(columns);
  }

  private static final class Patterns {
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._]+");
    static final Pattern HASHTAG = Pattern.compile("[A-Za-z0-9_]+");
    static final Pattern DIGITS = Pattern.compile("[0-9]+");
    static final Pattern POST_URL =
        Pattern.compile("https://www\\.instagram\\.com/p/([A-Za-z0-9_-]+)/?");
  }
}
