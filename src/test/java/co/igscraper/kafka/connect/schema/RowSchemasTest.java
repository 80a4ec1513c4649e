package co.igscraper.kafka.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RowSchemasTest {
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

  static boolean isAvroName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (String segment : name.split("\\.", -1)) {
      if (segment.isEmpty()
          || !(Character.isLetter(segment.charAt(0)) || segment.charAt(0) == '_')) {
        return false;
      }
      for (char c : segment.toCharArray()) {
        boolean legal =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!legal) {
          return false;
        }
      }
    }
    return true;
  }

  @ParameterizedTest
  @EnumSource(ToolType.class)
  void valueSchemaIsANamedVersionedDocumentedStruct(ToolType type) {
    Schema schema = RowSchemas.valueSchema(type);
    assertEquals(Schema.Type.STRUCT, schema.type());
    assertEquals("co.igscraper.connect." + type.avroName() + ".Row", schema.name());
    assertTrue(isAvroName(schema.name()), schema.name());
    assertEquals(1, schema.version());
    assertNotNull(schema.doc());
    assertFalse(schema.isOptional());
    for (Field field : schema.fields()) {
      assertTrue(isAvroName(field.name()), field.name());
      assertTrue(field.schema().isOptional(), field.name() + " must be optional");
    }
  }

  @Test
  void keySchemaIsANamedVersionedStructOfSourceAndUserId() {
    Schema key = RowSchemas.keySchema();
    assertEquals("co.igscraper.connect.RowKey", key.name());
    assertTrue(isAvroName(key.name()));
    assertEquals(1, key.version());
    assertNotNull(key.doc());
    assertEquals(List.of("source", "user_id"), key.fields().stream().map(Field::name).toList());
    key.fields().forEach(f -> assertSame(Schema.OPTIONAL_STRING_SCHEMA, f.schema()));
  }

  @Test
  void valueSchemaNamesAreDistinct() {
    Set<String> names = new HashSet<>();
    for (ToolType type : ToolType.values()) {
      assertTrue(names.add(RowSchemas.valueSchema(type).name()));
    }
  }

  @Test
  void userToolsHaveBaseThenProfileThenCountryDateColumns() {
    List<String> expected =
        new ArrayList<>(
            List.of(
                "source",
                "type",
                "user_id",
                "username",
                "full_name",
                "verified",
                "private",
                "profile_pic_url"));
    expected.addAll(PROFILE_COLUMNS);
    expected.addAll(List.of("country", "date"));
    for (ToolType type :
        List.of(
            ToolType.FOLLOWERS,
            ToolType.FOLLOWING,
            ToolType.LIKERS,
            ToolType.HASHTAG,
            ToolType.LOCATION,
            ToolType.SINGLE_POST_LIKERS)) {
      assertEquals(expected, RowSchemas.knownColumns(type), type.apiName());
    }
  }

  @Test
  void contactToolsHaveBaseAndCountryDateColumnsOnly() {
    assertEquals(
        List.of(
            "source",
            "type",
            "user_id",
            "username",
            "full_name",
            "email",
            "profile_pic_url",
            "country",
            "date"),
        RowSchemas.knownColumns(ToolType.EMAILS));
    assertEquals(
        List.of(
            "source",
            "type",
            "user_id",
            "username",
            "full_name",
            "phone",
            "profile_pic_url",
            "country",
            "date"),
        RowSchemas.knownColumns(ToolType.PHONES));
  }

  @ParameterizedTest
  @EnumSource(ToolType.class)
  void fieldsAreKnownColumnsThenExtraColumns(ToolType type) {
    List<String> fields = RowSchemas.valueSchema(type).fields().stream().map(Field::name).toList();
    List<String> expected = new ArrayList<>(RowSchemas.knownColumns(type));
    expected.add(RowSchemas.EXTRA_COLUMNS);
    assertEquals(expected, fields);
  }

  @Test
  void knownColumnsAreTypedAndTheRestAreStrings() {
    Schema schema = RowSchemas.valueSchema(ToolType.FOLLOWERS);
    Set<String> booleans = Set.of("verified", "private", "business");
    Set<String> longs = Set.of("follower_count", "media_count", "following_count");
    for (String column : RowSchemas.knownColumns(ToolType.FOLLOWERS)) {
      Schema.Type expected =
          booleans.contains(column)
              ? Schema.Type.BOOLEAN
              : longs.contains(column) ? Schema.Type.INT64 : Schema.Type.STRING;
      assertEquals(expected, schema.field(column).schema().type(), column);
    }
    assertEquals(Schema.Type.STRING, schema.field("user_id").schema().type());
    assertEquals(Schema.Type.STRING, schema.field("city_id").schema().type());
  }

  @ParameterizedTest
  @EnumSource(ToolType.class)
  void extraColumnsIsAnOptionalMapOfOptionalStrings(ToolType type) {
    Schema extra = RowSchemas.valueSchema(type).field(RowSchemas.EXTRA_COLUMNS).schema();
    assertEquals(Schema.Type.MAP, extra.type());
    assertTrue(extra.isOptional());
    assertEquals(Schema.STRING_SCHEMA, extra.keySchema());
    assertEquals(Schema.OPTIONAL_STRING_SCHEMA, extra.valueSchema());
  }

  @Test
  void schemasAreConstants() {
    for (ToolType type : ToolType.values()) {
      assertSame(RowSchemas.valueSchema(type), RowSchemas.valueSchema(type));
    }
    assertSame(RowSchemas.keySchema(), RowSchemas.keySchema());
  }
}
