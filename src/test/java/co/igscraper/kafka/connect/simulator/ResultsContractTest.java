package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultsContractTest {
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

  private final ManualClock clock = new ManualClock();
  private IgScraperSimulator sim;
  private TestHttp http;

  @BeforeEach
  void start() {
    sim = IgScraperSimulator.start(SimulatorFixture.config(clock).build());
    http = new TestHttp(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private String completedJob(String body) {
    TestHttp.Res res = http.post("/jobs", body);
    assertEquals(201, res.status(), res.raw());
    clock.advance(SimulatorFixture.LATER);
    return res.json().get("job_id").asText();
  }

  @Test
  void defaultPageIsFirstFiftyWithPagination() {
    String id = completedJob(TestHttp.followersBody("u", 120, "nasa"));
    JsonNode page = http.get("/jobs/" + id + "/results").json();
    assertEquals(id, page.get("job_id").asText());
    assertEquals("u", page.get("external_user_id").asText());
    assertEquals("COMPLETED", page.get("status").asText());
    assertEquals(50, page.get("data").size());
    assertEquals(0, page.get("messages").size());
    JsonNode p = page.get("pagination");
    assertEquals(1, p.get("page").asInt());
    assertEquals(50, p.get("limit").asInt());
    assertEquals(120, p.get("total").asInt());
    assertEquals(3, p.get("total_pages").asInt());
    assertTrue(p.get("has_next").asBoolean());
    assertFalse(p.get("has_prev").asBoolean());
    JsonNode last = http.get("/jobs/" + id + "/results?page=3&limit=50").json();
    assertEquals(20, last.get("data").size());
    assertFalse(last.at("/pagination/has_next").asBoolean());
    assertTrue(last.at("/pagination/has_prev").asBoolean());
  }

  @Test
  void pagePastTheEndIsEmptyWithCorrectPagination() {
    String id = completedJob(TestHttp.followersBody("u", 10, "nasa"));
    JsonNode page = http.get("/jobs/" + id + "/results?page=5&limit=5").json();
    assertEquals(0, page.get("data").size());
    assertEquals(10, page.at("/pagination/total").asInt());
    assertEquals(2, page.at("/pagination/total_pages").asInt());
    assertFalse(page.at("/pagination/has_next").asBoolean());
    assertTrue(page.at("/pagination/has_prev").asBoolean());
  }

  @ParameterizedTest
  @CsvSource({"page,0", "page,-1", "page,x", "limit,0", "limit,201", "limit,abc"})
  void invalidPageOrLimitIs400NamingIt(String name, String value) {
    String id = completedJob(TestHttp.followersBody("u", 10, "nasa"));
    TestHttp.Res res = http.get("/jobs/" + id + "/results?" + name + "=" + value);
    assertEquals(400, res.status());
    assertEquals("VALIDATION_ERROR", res.errorCode());
    assertEquals(name, res.errorField());
  }

  @Test
  void limit200IsAllowed() {
    String id = completedJob(TestHttp.followersBody("u", 300, "nasa"));
    assertEquals(200, http.get("/jobs/" + id + "/results?limit=200").json().get("data").size());
  }

  @Test
  void orderIsStableAcrossReadsAndPagesCoverEveryRowOnce() {
    String id = completedJob(TestHttp.followersBody("u", 95, "nasa", "esa"));
    List<String> first = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int page = 1; page <= 10; page++) {
      for (JsonNode row :
          http.get("/jobs/" + id + "/results?limit=19&page=" + page).json().get("data")) {
        first.add(row.toString());
        keys.add(row.get("source").asText() + "/" + row.get("user_id").asText());
      }
    }
    assertEquals(190, first.size());
    assertEquals(190, keys.size());
    List<String> again = new ArrayList<>();
    for (int page = 1; page <= 10; page++) {
      http.get("/jobs/" + id + "/results?limit=19&page=" + page)
          .json()
          .get("data")
          .forEach(r -> again.add(r.toString()));
    }
    assertEquals(first, again);
    // Sources come in request order.
    assertTrue(first.get(94).contains("\"source\":\"nasa\""));
    assertTrue(first.get(95).contains("\"source\":\"esa\""));
  }

  @Test
  void rowsLookLikeTheDocumentedExample() {
    String id = completedJob(TestHttp.followersBody("u", 50, "nasa"));
    JsonNode page = http.get("/jobs/" + id + "/results").json();
    List<String> columns = new ArrayList<>();
    page.get("columns").forEach(c -> columns.add(c.asText()));
    assertEquals(USER_COLUMNS, columns);
    for (JsonNode row : page.get("data")) {
      assertEquals(USER_COLUMNS.size(), row.size());
      row.fields().forEachRemaining(f -> assertTrue(f.getValue().isTextual(), f.getKey()));
      assertEquals("nasa", row.get("source").asText());
      assertEquals("follower", row.get("type").asText());
      assertTrue(row.get("user_id").asText().matches("\\d+"));
      assertTrue(row.get("username").asText().matches("nasa_fan_\\d+"));
      assertTrue(row.get("verified").asText().matches("true|false"));
      assertTrue(row.get("private").asText().matches("true|false"));
      assertTrue(row.get("profile_pic_url").asText().startsWith("https://"));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "followers,usernames,nasa,follower",
    "following,usernames,nasa,following",
    "likers,usernames,nasa,liker",
    "hashtag,hashtags,space,hashtag_user",
    "location,location_ids,212988663,location_user",
    "single-post-likers,post_urls,https://www.instagram.com/p/Cx9_ab-1/,liker",
    "emails,usernames,nasa,email",
    "phones,usernames,nasa,phone"
  })
  void columnsPerToolType(String tool, String listParam, String item, String type) {
    String id =
        completedJob(
            TestHttp.body("u", tool, "{\"" + listParam + "\": " + TestHttp.jsonArray(item) + "}"));
    JsonNode page = http.get("/jobs/" + id + "/results").json();
    List<String> columns = new ArrayList<>();
    page.get("columns").forEach(c -> columns.add(c.asText()));
    List<String> expected =
        switch (tool) {
          case "emails" ->
              List.of(
                  "source", "type", "user_id", "username", "full_name", "email", "profile_pic_url");
          case "phones" ->
              List.of(
                  "source", "type", "user_id", "username", "full_name", "phone", "profile_pic_url");
          default -> USER_COLUMNS;
        };
    assertEquals(expected, columns);
    JsonNode row = page.get("data").get(0);
    assertEquals(type, row.get("type").asText());
    String source = tool.equals("single-post-likers") ? "Cx9_ab-1" : item;
    assertEquals(source, row.get("source").asText());
    if (tool.equals("emails")) {
      assertTrue(row.get("email").asText().contains("@"));
    }
    if (tool.equals("phones")) {
      assertTrue(row.get("phone").asText().startsWith("+"));
    }
  }

  @Test
  void submitTimeAddonsAppendColumnsInDocumentedOrder() {
    String id =
        completedJob(
            TestHttp.body(
                "u",
                "followers",
                "{\"usernames\": [\"nasa\"], \"enrich_country_date\": true, \"enrich_profiles\":"
                    + " true}"));
    List<String> expected = new ArrayList<>(USER_COLUMNS);
    expected.addAll(PROFILE_COLUMNS);
    expected.addAll(List.of("country", "date"));
    List<String> columns = new ArrayList<>();
    JsonNode page = http.get("/jobs/" + id + "/results").json();
    page.get("columns").forEach(c -> columns.add(c.asText()));
    assertEquals(expected, columns);
    for (JsonNode row : page.get("data")) {
      assertEquals(expected.size(), row.size());
      assertTrue(row.get("follower_count").asText().matches("\\d+"));
      assertTrue(row.get("business").asText().matches("true|false"));
    }
  }

  @Test
  void emailsWithCountryDateDoesNotRepeatBaseColumns() {
    String id =
        completedJob(
            TestHttp.body(
                "u", "emails", "{\"usernames\": [\"nasa\"], \"enrich_country_date\": true}"));
    List<String> columns = new ArrayList<>();
    http.get("/jobs/" + id + "/results")
        .json()
        .get("columns")
        .forEach(c -> columns.add(c.asText()));
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
        columns);
  }

  @Test
  void dateIsMonthYearOrEmptyForAboutOneRowInTen() {
    String id =
        completedJob(
            TestHttp.body(
                "u",
                "followers",
                "{\"usernames\": [\"nasa\"], \"max_followers\": 1000, \"enrich_country_date\":"
                    + " true}"));
    int empty = 0;
    for (int page = 1; page <= 5; page++) {
      for (JsonNode row :
          http.get("/jobs/" + id + "/results?limit=200&page=" + page).json().get("data")) {
        String date = row.get("date").asText();
        if (date.isEmpty()) {
          empty++;
        } else {
          assertTrue(date.matches("(0[1-9]|1[0-2])-20\\d{2}"), date);
        }
      }
    }
    assertTrue(empty > 50 && empty < 150, "empty dates: " + empty);
  }
}
