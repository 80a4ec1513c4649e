package co.igscraper.kafka.connect.simulator;

import java.util.List;

/** An optional enrichment add-on, with its wire name, price per row and appended columns. */
enum Addon {
  ENRICH_PROFILES(
      "enrich_profiles",
      2,
      List.of(
          "biography",
          "email",
          "phone",
          "follower_count",
          "media_count",
          "following_count",
          "account_type",
          "business",
          "business_category_name",
          "category_name",
          "category",
          "city_id",
          "city_name",
          "website")),
  ENRICH_COUNTRY_DATE("enrich_country_date", 1, List.of("country", "date"));

  private final String wireName;
  private final long creditsPerRow;
  private final List<String> columns;

  Addon(String wireName, long creditsPerRow, List<String> columns) {
    this.wireName = wireName;
    this.creditsPerRow = creditsPerRow;
    this.columns = columns;
  }

  String wireName() {
    return wireName;
  }

  long creditsPerRow() {
    return creditsPerRow;
  }

  List<String> columns() {
    return columns;
  }
}
