package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one JSON mapper and the API's timestamp format. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  static ObjectNode errorBody(String code, String message, String field) {
    ObjectNode error = object();
    error.put("code", code);
    error.put("message", message);
    if (field != null) {
      error.put("field", field);
    }
    ObjectNode body = object();
    body.set("error", error);
    return body;
  }
}
