package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether another page follows, as a table: has_next, else total_pages, else a full page. */
class PaginationTest {

  @ParameterizedTest(name = "has_next={0} total_pages={1} limit={2} page={3} rows={4} -> {5}")
  @CsvSource(
      nullValues = "-",
      value = {
        // has_next decides when present
        "true,  1, 50, 1, 50, true",
        "false, 9, 50, 1, 50, false",
        "true,  -, -,  3, 1,  true",
        // an empty page ends the job whatever the rest says
        "true,  9, 50, 1, 0,  false",
        "-,     9, 50, 1, 0,  false",
        // else page < total_pages, with our own page number
        "-,     3, 50, 2, 50, true",
        "-,     3, 50, 3, 50, false",
        "-,     1, 50, 2, 50, false",
        // else a full page means maybe more; the server's limit counts when it is smaller
        "-,     -, -,  1, 50, true",
        "-,     -, -,  1, 49, false",
        "-,     -, 20, 1, 20, true",
        "-,     -, 200, 1, 50, true",
        "-,     -, 0,  1, 50, true"
      })
  void nextPageFollows(
      Boolean hasNext, Integer totalPages, Integer limit, int page, int rows, boolean expected) {
    Pagination p = new Pagination(null, limit, null, totalPages, hasNext, null);
    assertEquals(expected, p.nextPageFollows(page, 50, rows));
  }
}
