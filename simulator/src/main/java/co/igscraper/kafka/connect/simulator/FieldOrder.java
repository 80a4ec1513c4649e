package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The reordered dialect: every object outside the rows with its fields in another order. */
final class FieldOrder {
  private FieldOrder() {}

  static void apply(OutgoingResponse r, Random random) {
    for (Map.Entry<String, ObjectNode> entry : JsonTrees.objects(r.body())) {
      reorder(entry.getValue(), random);
    }
  }

  private static void reorder(ObjectNode object, Random random) {
    List<String> names = JsonTrees.names(object);
    List<String> order = new ArrayList<>(names);
    Collections.shuffle(order, random);
    if (order.equals(names)) {
      // A shuffle may leave a small object as it was; reversed it is sure to differ.
      Collections.reverse(order);
    }
    Map<String, JsonNode> values = new HashMap<>();
    names.forEach(name -> values.put(name, object.get(name)));
    object.removeAll();
    order.forEach(name -> object.set(name, values.get(name)));
  }
}
