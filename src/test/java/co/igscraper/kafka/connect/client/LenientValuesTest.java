package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import co.igscraper.kafka.connect.client.LenientValues.Outcome;
import co.igscraper.kafka.connect.client.LenientValues.Reading;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every JSON shape each informational field accepts, as tables: input, value, how it was read. */
class LenientValuesTest {

  private static JsonNode json(String text) {
    try {
      return ResponseParser.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static <T> void check(
      Function<JsonNode, Reading<T>> read, String input, T value, String outcome) {
    Reading<T> r = read.apply(json(input));
    assertEquals(value, r.value(), input);
    assertEquals(Outcome.valueOf(outcome), r.outcome(), input);
  }

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "250                           | 250        | EXACT",
        "0.1                           | 0.1        | EXACT",
        "12.50                         | 12.5       | EXACT",
        "2.5E2                         | 250        | EXACT",
        "-3                            | -3         | EXACT",
        "'\"12.5\"'                    | 12.5       | COERCED",
        "'\" 1,234.5 \"'               | 1234.5     | COERCED",
        "'\"45%\"'                     | 45         | COERCED",
        "'[7]'                         | 7          | COERCED",
        "'{\"credits\": 3.25}'         | 3.25       | COERCED",
        "'{\"amount\": \"4\", \"currency\": \"credits\"}' | 4 | COERCED",
        "'{\"estimate\": 9}'           | 9          | COERCED",
        "null                          | NULL       | ABSENT",
        "true                          | NULL       | UNREADABLE",
        "'\"lots\"'                    | NULL       | UNREADABLE",
        "'\"\"'                        | NULL       | UNREADABLE",
        "'{\"a\": 1, \"b\": 2}'        | NULL       | UNREADABLE",
        "'[1, 2]'                      | NULL       | UNREADABLE",
        "1E+999999999                  | NULL       | UNREADABLE",
        "1e2147483647                  | NULL       | UNREADABLE",
        "'\"-1e2147483647\"'            | NULL       | UNREADABLE",
        "'[null]'                      | NULL       | UNREADABLE",
        "'{\"value\": null}'            | NULL       | UNREADABLE",
        "'\"1E-400\"'                  | NULL       | UNREADABLE"
      })
  void decimals(String input, String value, String outcome) {
    check(LenientValues::decimal, input, value == null ? null : new BigDecimal(value), outcome);
  }

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "45                  | 45   | EXACT",
        "45.0                | 45   | COERCED",
        "45.9                | 45   | COERCED",
        "4.5E1               | 45   | COERCED",
        "'\"45\"'            | 45   | COERCED",
        "99999999999999999999999 | NULL | UNREADABLE",
        "'{}'                | NULL | UNREADABLE"
      })
  void wholeNumbers(String input, Long value, String outcome) {
    check(LenientValues::whole, input, value, outcome);
  }

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "true          | true  | EXACT",
        "false         | false | EXACT",
        "'\"true\"'    | true  | COERCED",
        "'\"FALSE\"'   | false | COERCED",
        "'\"yes\"'     | true  | COERCED",
        "1             | true  | COERCED",
        "0             | false | COERCED",
        "1.0           | true  | COERCED",
        "'[true]'      | true  | COERCED",
        "2             | NULL  | UNREADABLE",
        "'\"maybe\"'   | NULL  | UNREADABLE",
        "'{}'          | NULL  | UNREADABLE",
        "null          | NULL  | ABSENT"
      })
  void flags(String input, Boolean value, String outcome) {
    check(LenientValues::bool, input, value, outcome);
  }

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "'\"2026-03-17T17:30:00.000Z\"'      | 2026-03-17T17:30:00Z        | EXACT",
        "'\"2026-03-17T17:30:00Z\"'          | 2026-03-17T17:30:00Z        | EXACT",
        "'\"2026-03-17T19:30:00+02:00\"'     | 2026-03-17T17:30:00Z        | EXACT",
        "'\"2026-03-17T17:30:00.123456789Z\"' | 2026-03-17T17:30:00.123456789Z | EXACT",
        "'\"2026-03-17T19:30:00+0200\"'      | 2026-03-17T17:30:00Z        | COERCED",
        "'\"2026-03-17 17:30:00\"'           | 2026-03-17T17:30:00Z        | COERCED",
        "'\"2026-03-17T17:30:00\"'           | 2026-03-17T17:30:00Z        | COERCED",
        "'\"2026-03-17\"'                    | 2026-03-17T00:00:00Z        | COERCED",
        "'\"Tue, 17 Mar 2026 17:30:00 GMT\"' | 2026-03-17T17:30:00Z        | COERCED",
        "1773768600                          | 2026-03-17T17:30:00Z        | COERCED",
        "1773768600.5                        | 2026-03-17T17:30:00.500Z    | COERCED",
        "1773768600000                       | 2026-03-17T17:30:00Z        | COERCED",
        "'\"1773768600000\"'                 | 2026-03-17T17:30:00Z        | COERCED",
        "1773768600000000                    | 2026-03-17T17:30:00Z        | COERCED",
        "'\"\"'                              | NULL                        | ABSENT",
        "'\"yesterday\"'                     | NULL                        | UNREADABLE",
        "'{\"seconds\": 1}'                  | NULL                        | UNREADABLE",
        "true                                | NULL                        | UNREADABLE"
      })
  void timestamps(String input, String value, String outcome) {
    check(LenientTimes::instant, input, value == null ? null : Instant.parse(value), outcome);
  }

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "'\"team-acme\"'   | team-acme | EXACT",
        "12                | 12        | COERCED",
        "true              | true      | COERCED",
        "'[\"one\"]'       | one       | COERCED",
        "'{\"a\": 1}'      | NULL      | UNREADABLE",
        "'[1, 2]'          | NULL      | UNREADABLE"
      })
  void texts(String input, String value, String outcome) {
    check(LenientValues::text, input, value, outcome);
  }

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "'[\"a\", \"b\"]'                   | a;b | EXACT",
        "'[]'                               | ''  | EXACT",
        "'[\"a\", null, 3]'                 | a;3 | COERCED",
        "'\"a, b\"'                         | a;b | COERCED",
        "'\"a\"'                            | a   | COERCED",
        "'{\"a\": true, \"b\": false, \"c\": \"1\"}' | a;c | COERCED",
        "7                                  | 7   | COERCED"
      })
  void lists(String input, String value, String outcome) {
    List<String> expected = value.isEmpty() ? List.of() : List.of(value.split(";"));
    check(LenientValues::textList, input, expected, outcome);
  }
}
