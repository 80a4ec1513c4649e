package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Walks the part of a response body that dialects may change: everything but the rows in {@code
 * data}, whose keys are columns and whose values stay the documented strings.
 */
final class JsonTrees {
  private JsonTrees() {}

  static boolean isRows(String name, JsonNode value) {
    return name.equals("data") && value.isArray();
  }

  /** The names of an object's fields, copied so the object may be edited while they are visited. */
  static List<String> names(ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }

  /**
   * Every object outside the rows, the root first, each with the name of the field that holds it
   * ("" for the root); collected before the caller edits any.
   */
  static List<Map.Entry<String, ObjectNode>> objects(JsonNode root) {
    List<Map.Entry<String, ObjectNode>> out = new ArrayList<>();
    collect("", root, out);
    return out;
  }

  private static void collect(String name, JsonNode node, List<Map.Entry<String, ObjectNode>> out) {
    if (node instanceof ObjectNode object) {
      out.add(Map.entry(name, object));
      for (String field : names(object)) {
        JsonNode value = object.get(field);
        if (!isRows(field, value)) {
          collect(field, value, out);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(element -> collect(name, element, out));
    }
  }

  /**
   * Replaces each scalar outside the rows by {@code fn(name, value)}, where name is the field that
   * holds the scalar or the array it is in.
   */
  static void mapScalars(JsonNode root, BiFunction<String, JsonNode, JsonNode> fn) {
    map("", root, fn);
  }

  private static JsonNode map(
      String name, JsonNode node, BiFunction<String, JsonNode, JsonNode> fn) {
    if (node instanceof ObjectNode object) {
      for (String field : names(object)) {
        JsonNode value = object.get(field);
        if (!isRows(field, value)) {
          object.set(field, map(field, value, fn));
        }
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, map(name, array.get(i), fn));
      }
      return array;
    }
    return fn.apply(name, node);
  }
}
