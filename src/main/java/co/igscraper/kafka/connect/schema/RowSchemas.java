package co.igscraper.kafka.connect.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The Connect schemas of result rows: one value schema per tool type and one key schema, all
 * constants with Avro-legal names and version 1.
 *
 * <p>A value schema holds the tool's base columns, then every enrichment column the tool supports,
 * then {@link #EXTRA_COLUMNS}. All fields are optional, so a row fetched without an add-on simply
 * has nulls where the add-on's columns would be, and turning an add-on on never changes the schema.
 */
public final class RowSchemas {
  /** Field holding the columns this version does not know, as {@code map<string, string?>}. */
  public static final String EXTRA_COLUMNS = "extra_columns";

  /** Key field naming the searched entity (username, hashtag, location id or post shortcode). */
  public static final String KEY_SOURCE = "source";

  /** Key field with the Instagram user id of the row's user. */
  public static final String KEY_USER_ID = "user_id";

  static final String NAMESPACE = "co.igscraper.connect";
  static final int VERSION = 1;

  static final Schema EXTRA_COLUMNS_SCHEMA =
      SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build();

  private static final List<String> USER_BASE =
      List.of(
          "source",
          "type",
          "user_id",
          "username",
          "full_name",
          "verified",
          "private",
          "profile_pic_url");
  private static final List<String> EMAILS_BASE =
      List.of("source", "type", "user_id", "username", "full_name", "email", "profile_pic_url");
  private static final List<String> PHONES_BASE =
      List.of("source", "type", "user_id", "username", "full_name", "phone", "profile_pic_url");
  private static final List<String> PROFILE_COLUMNS =
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
          "website");
  private static final List<String> COUNTRY_DATE_COLUMNS = List.of("country", "date");

  private static final Set<String> BOOLEAN_COLUMNS = Set.of("verified", "private", "business");
  private static final Set<String> INT64_COLUMNS =
      Set.of("follower_count", "media_count", "following_count");

  private static final Schema KEY =
      SchemaBuilder.struct()
          .name(NAMESPACE + ".RowKey")
          .version(VERSION)
          .doc(
              "Identity of a result row: the searched source and the user found. The source is"
                  + " part of the key because the same user found for two sources is two rows.")
          .field(KEY_SOURCE, Schema.OPTIONAL_STRING_SCHEMA)
          .field(KEY_USER_ID, Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  private static final Map<ToolType, List<String>> COLUMNS = new EnumMap<>(ToolType.class);
  private static final Map<ToolType, Schema> VALUES = new EnumMap<>(ToolType.class);

  static {
    for (ToolType type : ToolType.values()) {
      List<String> columns =
          columns(type, type.supportsProfileEnrichment(), type.supportsCountryDateEnrichment());
      COLUMNS.put(type, columns);
      VALUES.put(type, buildValueSchema(type, columns));
    }
  }

  private RowSchemas() {}

  /**
   * The key schema shared by every tool type: {@code source} and {@code user_id}, both optional
   * strings.
   *
   * <p>{@code source} is in the key because the same user may follow (or like, or be found for)
   * several sources of one job, and each is a distinct row: keyed by {@code user_id} alone, a
   * compacted topic or an upsert sink would keep only the last of them.
   */
  public static Schema keySchema() {
    return KEY;
  }

  /** The value schema of a tool type's rows, e.g. {@code co.igscraper.connect.followers.Row}. */
  public static Schema valueSchema(ToolType type) {
    return VALUES.get(type);
  }

  /** The API columns with a field of their own in the tool type's value schema, in field order. */
  public static List<String> knownColumns(ToolType type) {
    return COLUMNS.get(type);
  }

  /**
   * The columns a tool's rows carry with the given add-ons: base columns in API order, then the
   * add-on columns in API order, a column already present not being repeated.
   */
  static List<String> columns(ToolType type, boolean profiles, boolean countryDate) {
    Set<String> columns = new LinkedHashSet<>(baseColumns(type));
    if (profiles) {
      columns.addAll(PROFILE_COLUMNS);
    }
    if (countryDate) {
      columns.addAll(COUNTRY_DATE_COLUMNS);
    }
    return Collections.unmodifiableList(new ArrayList<>(columns));
  }

  /** Builds a value schema with the given columns; the constants use every supported column. */
  static Schema buildValueSchema(ToolType type, List<String> columns) {
    SchemaBuilder builder =
        SchemaBuilder.struct()
            .name(NAMESPACE + "." + type.avroName() + ".Row")
            .version(VERSION)
            .doc(
                "A result row of an igscraper '"
                    + type.apiName()
                    + "' job. Enrichment columns are null unless the add-on ran; columns unknown"
                    + " to this schema are kept in "
                    + EXTRA_COLUMNS
                    + ".");
    for (String column : columns) {
      builder.field(column, columnSchema(column));
    }
    return builder.field(EXTRA_COLUMNS, EXTRA_COLUMNS_SCHEMA).build();
  }

  static Schema columnSchema(String column) {
    if (BOOLEAN_COLUMNS.contains(column)) {
      return Schema.OPTIONAL_BOOLEAN_SCHEMA;
    }
    if (INT64_COLUMNS.contains(column)) {
      return Schema.OPTIONAL_INT64_SCHEMA;
    }
    return Schema.OPTIONAL_STRING_SCHEMA;
  }

  private static List<String> baseColumns(ToolType type) {
    return switch (type) {
      case EMAILS -> EMAILS_BASE;
      case PHONES -> PHONES_BASE;
      default -> USER_BASE;
    };
  }
}
