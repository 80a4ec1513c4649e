package co.igscraper.kafka.connect.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/** How the parser properties build Jackson trees, write them as a body and show them in reports. */
final class JsonWire {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonWire() {}

  /** How a tree is put on the wire. */
  enum Wire {
    COMPACT,
    PRETTY,
    BYTE_ORDER_MARK
  }

  static String write(JsonNode node, Wire wire) {
    try {
      return switch (wire) {
        case COMPACT -> JSON.writeValueAsString(node);
        case PRETTY -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        case BYTE_ORDER_MARK -> "\uFEFF" + JSON.writeValueAsString(node);
      };
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON number token written as is: exponents and digits a BigDecimal would rewrite. */
  static JsonNode rawNumber(String token) {
    return NODES.rawValueNode(new RawValue(token));
  }

  static String render(JsonNode node) {
    if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw) {
      return String.valueOf(raw.rawValue());
    }
    return write(node, Wire.COMPACT);
  }

  static String abbreviate(String text) {
    if (text == null) {
      return "null";
    }
    String shown =
        text.chars()
            .limit(160)
            .mapToObj(c -> c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c))
            .collect(Collectors.joining());
    return text.length() > 160 ? shown + "... (" + text.length() + " chars)" : shown;
  }
}
