package co.igscraper.kafka.connect.schema;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;

/** A results page fixture, read the way the client reads the API's results response. */
record ResultPage(List<String> columns, List<LinkedHashMap<String, String>> data) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ResultPage load(String name) {
    String path = "/fixtures/" + name;
    try (InputStream in = ResultPage.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      var tree = JSON.readTree(in);
      return new ResultPage(
          JSON.convertValue(tree.get("columns"), new TypeReference<List<String>>() {}),
          JSON.convertValue(
              tree.get("data"), new TypeReference<List<LinkedHashMap<String, String>>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
