package co.igscraper.kafka.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RowMapperTest {

  private static Map<String, String> row(String... columnsAndValues) {
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      row.put(columnsAndValues[i], columnsAndValues[i + 1]);
    }
    return row;
  }

  /** What the mapper should make of a fixture's string, given the column's schema type. */
  private static Object expected(Schema.Type type, String raw) {
    if (raw == null || (type != Schema.Type.STRING && raw.isBlank())) {
      return null;
    }
    return switch (type) {
      case BOOLEAN -> Boolean.valueOf(raw);
      case INT64 -> Long.valueOf(raw.replace(",", ""));
      default -> raw;
    };
  }

  private static void assertMapsFixture(ToolType type, String fixture) {
    ResultPage page = ResultPage.load(fixture);
    RowMapper mapper = new RowMapper(type);
    Schema schema = RowSchemas.valueSchema(type);
    assertFalse(page.data().isEmpty(), fixture);
    for (Map<String, String> row : page.data()) {
      assertEquals(page.columns(), List.copyOf(row.keySet()), "fixture rows follow columns");
      MappedRow mapped = mapper.map(row);
      Struct value = mapped.value();
      value.validate();
      assertSame(schema, value.schema());
      for (String column : RowSchemas.knownColumns(type)) {
        Schema.Type columnType = schema.field(column).schema().type();
        assertEquals(expected(columnType, row.get(column)), value.get(column), column);
      }
      assertNull(value.get(RowSchemas.EXTRA_COLUMNS), "no unknown columns in " + fixture);
      assertEquals(row.get("source"), mapped.key().get("source"));
      assertEquals(row.get("user_id"), mapped.key().get("user_id"));
      assertEquals(List.of(), mapped.failedColumns());
    }
    assertEquals(Map.of(), mapper.parseFailures());
  }

  @ParameterizedTest
  @EnumSource(ToolType.class)
  void mapsTheBaseFixtureOfEveryToolType(ToolType type) {
    assertMapsFixture(type, type.apiName() + ".json");
  }

  @Test
  void mapsFollowersWithBothAddOns() {
    assertMapsFixture(ToolType.FOLLOWERS, "followers-enriched.json");
  }

  @Test
  void mapsEmailsWithCountryDateAddOn() {
    assertMapsFixture(ToolType.EMAILS, "emails-country-date.json");
  }

  @Test
  void enrichedFollowerHasTypedEnrichmentValues() {
    ResultPage page = ResultPage.load("followers-enriched.json");
    RowMapper mapper = new RowMapper(ToolType.FOLLOWERS);

    Struct first = mapper.map(page.data().get(0)).value();
    assertEquals(1234L, first.get("follower_count"));
    assertEquals(56L, first.get("media_count"));
    assertEquals(789L, first.get("following_count"));
    assertEquals(Boolean.TRUE, first.get("business"));
    assertEquals("110184922344", first.get("city_id"));
    assertEquals("03-2019", first.get("date"));

    Struct second = mapper.map(page.data().get(1)).value();
    assertNull(second.get("following_count"), "blank count is null");
    assertEquals(0L, second.get("media_count"));
    assertEquals("", second.get("date"), "unparseable date stays the API's empty string");
    assertEquals("", second.get("email"));
    assertEquals(0L, mapper.totalParseFailures(), "blank typed values are not failures");
  }

  @Test
  void baseFollowerHasNullEnrichmentColumns() {
    Struct value =
        new RowMapper(ToolType.FOLLOWERS)
            .map(ResultPage.load("followers.json").data().get(0))
            .value();
    for (String column : List.of("biography", "follower_count", "business", "country", "date")) {
      assertNull(value.get(column), column);
    }
  }

  @Test
  void keepsUnknownColumnsInExtraColumns() {
    ResultPage page = ResultPage.load("followers-future-column.json");
    RowMapper mapper = new RowMapper(ToolType.FOLLOWERS);

    Struct first = mapper.map(page.data().get(0)).value();
    assertEquals(Map.of("threads_handle", "@space_fan_01"), first.get(RowSchemas.EXTRA_COLUMNS));
    assertEquals("space_fan_01", first.get("username"));

    Map<String, String> nullValued = new HashMap<>();
    nullValued.put("threads_handle", null);
    assertEquals(nullValued, mapper.map(page.data().get(1)).value().get(RowSchemas.EXTRA_COLUMNS));
  }

  @Test
  void keepsProfileColumnsOfContactToolsAsExtraColumns() {
    Struct value =
        new RowMapper(ToolType.EMAILS)
            .map(row("source", "nasa", "email", "a@example.com", "follower_count", "12"))
            .value();
    assertEquals("a@example.com", value.get("email"));
    assertEquals(Map.of("follower_count", "12"), value.get(RowSchemas.EXTRA_COLUMNS));
  }

  @Test
  void extraColumnsKeepApiOrder() {
    Struct value =
        new RowMapper(ToolType.PHONES)
            .map(row("z_new", "1", "source", "nasa", "a_new", "2", "m_new", "3"))
            .value();
    Map<?, ?> extra = (Map<?, ?>) value.get(RowSchemas.EXTRA_COLUMNS);
    assertEquals(List.of("z_new", "a_new", "m_new"), List.copyOf(extra.keySet()));
  }

  @Test
  void keyIsSourceAndUserId() {
    MappedRow mapped =
        new RowMapper(ToolType.SINGLE_POST_LIKERS)
            .map(row("source", "C1a2B3c4D5e", "type", "liker", "user_id", "42", "username", "x"));
    assertSame(RowSchemas.keySchema(), mapped.key().schema());
    assertEquals("C1a2B3c4D5e", mapped.key().get("source"));
    assertEquals("42", mapped.key().get("user_id"));
  }

  @Test
  void sameUserForTwoSourcesGivesTwoKeys() {
    RowMapper mapper = new RowMapper(ToolType.FOLLOWERS);
    Struct nasa = mapper.map(row("source", "nasa", "user_id", "42")).key();
    Struct esa = mapper.map(row("source", "esa", "user_id", "42")).key();
    assertNotEquals(nasa, esa);
  }

  @Test
  void missingAndNullColumnsGiveNullFieldsAndNullKeyFields() {
    Map<String, String> row = row("source", null, "username", "x", "verified", null);
    MappedRow mapped = new RowMapper(ToolType.FOLLOWERS).map(row);
    assertNull(mapped.value().get("source"));
    assertNull(mapped.value().get("verified"));
    assertNull(mapped.value().get("user_id"));
    assertNull(mapped.key().get("source"));
    assertNull(mapped.key().get("user_id"));
    assertEquals(0, mapped.parseFailures());
  }

  @ParameterizedTest(name = "{0} = [{1}] -> {2}, failures {3}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        // column, raw value, expected field value, failures
        "verified, true, true, 0",
        "verified, FALSE, false, 0",
        "verified, True, true, 0",
        "verified, ' true ', true, 0",
        "verified, 1, true, 0",
        "verified, 0, false, 0",
        "verified, yes, true, 0",
        "verified, No, false, 0",
        "verified, '', NULL, 0",
        "verified, '   ', NULL, 0",
        "verified, NULL, NULL, 0",
        "verified, maybe, NULL, 1",
        "verified, 2, NULL, 1",
        "verified, truee, NULL, 1",
        "private, t, NULL, 1",
        "business, true, true, 0",
        "business, n/a, NULL, 1",
        "follower_count, 1234, 1234, 0",
        "follower_count, 0, 0, 0",
        "follower_count, ' 42 ', 42, 0",
        "follower_count, +7, 7, 0",
        "follower_count, -7, -7, 0",
        "follower_count, '1,234', 1234, 0",
        "follower_count, '1,234,567', 1234567, 0",
        "follower_count, 9223372036854775807, 9223372036854775807, 0",
        "follower_count, '', NULL, 0",
        "follower_count, NULL, NULL, 0",
        "follower_count, 9223372036854775808, NULL, 1",
        "follower_count, '12,34', NULL, 1",
        "follower_count, '1234,567', NULL, 1",
        "follower_count, ',123', NULL, 1",
        "follower_count, '1,', NULL, 1",
        "follower_count, 1.5, NULL, 1",
        "follower_count, 1.2k, NULL, 1",
        "follower_count, 1e3, NULL, 1",
        "follower_count, '-', NULL, 1",
        "follower_count, '1 234', NULL, 1",
        "media_count, abc, NULL, 1",
        "following_count, 0x10, NULL, 1",
        "user_id, 00123, 00123, 0",
        "date, '', '', 0",
        "full_name, ' Alex ', ' Alex ', 0",
      })
  void parsesLenientlyAndCountsFailures(String column, String raw, String expected, int failures) {
    RowMapper mapper = new RowMapper(ToolType.FOLLOWERS);
    Map<String, String> row = new HashMap<>();
    row.put(column, raw);

    MappedRow mapped = mapper.map(row);

    Schema.Type type = RowSchemas.valueSchema(ToolType.FOLLOWERS).field(column).schema().type();
    Object expectedValue =
        expected == null
            ? null
            : switch (type) {
              case BOOLEAN -> Boolean.valueOf(expected);
              case INT64 -> Long.valueOf(expected);
              default -> expected;
            };
    assertEquals(expectedValue, mapped.value().get(column));
    assertEquals(failures, mapped.parseFailures());
    assertEquals(failures == 0 ? List.of() : List.of(column), mapped.failedColumns());
    assertEquals(failures == 0 ? Map.of() : Map.of(column, 1L), mapper.parseFailures());
  }

  @Test
  void countsFailuresPerColumnAcrossRows() {
    RowMapper mapper = new RowMapper(ToolType.FOLLOWERS);
    mapper.map(row("verified", "maybe", "follower_count", "lots", "private", "false"));
    mapper.map(row("verified", "nope", "follower_count", "12"));
    MappedRow third = mapper.map(row("media_count", "?", "verified", "?"));

    assertEquals(List.of("media_count", "verified"), third.failedColumns());
    assertEquals(
        List.of("verified", "follower_count", "media_count"),
        List.copyOf(mapper.parseFailures().keySet()),
        "schema order");
    assertEquals(
        Map.of("verified", 3L, "follower_count", 1L, "media_count", 1L), mapper.parseFailures());
    assertEquals(5L, mapper.totalParseFailures());
  }

  @Test
  void neverThrowsOnGarbage() {
    RowMapper mapper = new RowMapper(ToolType.FOLLOWERS);
    Map<String, String> row = new LinkedHashMap<>();
    for (String column : RowSchemas.knownColumns(ToolType.FOLLOWERS)) {
      row.put(column, "\u0000garbage\uFFFF");
    }
    row.put(RowSchemas.EXTRA_COLUMNS, "collides with the field name");
    row.put(null, "null column name");

    MappedRow mapped = mapper.map(row);

    mapped.value().validate();
    assertEquals(6, mapped.parseFailures(), "the three booleans and the three counts");
    assertEquals(
        Map.of(RowSchemas.EXTRA_COLUMNS, "collides with the field name"),
        mapped.value().get(RowSchemas.EXTRA_COLUMNS));
  }
}
