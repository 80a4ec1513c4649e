package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** The lowercase-status and typed-scalars dialects: the same values as other scalar types. */
final class ScalarForms {
  private ScalarForms() {}

  static void lowercase(OutgoingResponse r, Random random) {
    JsonTrees.mapScalars(
        r.body(),
        (name, v) ->
            name.equals("status") && v.isTextual()
                ? TextNode.valueOf(v.asText().toLowerCase(Locale.ROOT))
                : v);
  }

  static void typed(OutgoingResponse r, Random random) {
    for (Map.Entry<String, ObjectNode> entry : JsonTrees.objects(r.body())) {
      ObjectNode object = entry.getValue();
      for (String name : JsonTrees.names(object)) {
        JsonNode value = object.get(name);
        // A list of one, written as that one value ("supported_addons": "enrich_country_date").
        if (value.isArray()
            && value.size() == 1
            && value.get(0).isValueNode()
            && !JsonTrees.isRows(name, value)) {
          object.set(name, value.get(0));
        }
      }
    }
    JsonTrees.mapScalars(
        r.body(),
        (name, v) -> {
          if (v.isBoolean()) {
            return random.nextBoolean()
                ? TextNode.valueOf(Boolean.toString(v.booleanValue()))
                : IntNode.valueOf(v.booleanValue() ? 1 : 0);
          }
          if (name.equals("progress_percent") && v.isIntegralNumber()) {
            return DoubleNode.valueOf(v.asDouble());
          }
          return v;
        });
  }
}
