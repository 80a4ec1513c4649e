package co.igscraper.kafka.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DidYouMeanTest {
  private static final List<String> FOLLOWERS =
      List.of("usernames", "max_followers", "enrich_profiles", "enrich_country_date");

  @ParameterizedTest
  @CsvSource({
    "'', '', 0",
    "abc, '', 3",
    "'', abc, 3",
    "kitten, sitting, 3",
    "flaw, lawn, 2",
    "max_folowers, max_followers, 1",
    "repeat_evry, repeat_every, 1",
    "same, same, 0"
  })
  void distanceCountsInsertionsDeletionsAndSubstitutions(String a, String b, int distance) {
    assertEquals(distance, DidYouMean.distance(a, b));
    assertEquals(distance, DidYouMean.distance(b, a));
  }

  @ParameterizedTest
  @CsvSource({
    "max_folowers, max_followers",
    "maxfollowers, max_followers",
    "Max_Followers, max_followers",
    "username, usernames",
    "enrich_profile, enrich_profiles",
    "enrich_country, ''",
    "foo, ''",
    "max, ''"
  })
  void suggestsOnlyACloseName(String word, String expected) {
    assertEquals(expected.isEmpty() ? null : expected, DidYouMean.closest(word, FOLLOWERS));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "max_folowers|did you mean max_followers?",
        "foo|use one of usernames, max_followers, enrich_profiles or enrich_country_date."
      })
  void hintsTheCloseNameOrListsThemAll(String word, String hint) {
    assertEquals(hint, DidYouMean.hint(word, FOLLOWERS));
  }
}
