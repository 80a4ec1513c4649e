package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The extra-fields dialect: fields the docs do not name, of every JSON type (object, array, null,
 * number, string, boolean), in every object outside the rows; rows keep exactly their columns.
 */
final class ExtraFields {
  private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1", "ap-south-1");

  private ExtraFields() {}

  static void apply(OutgoingResponse r, Random random) {
    // Collected first, so the objects added here get no extras of their own.
    for (Map.Entry<String, ObjectNode> entry : JsonTrees.objects(r.body())) {
      ObjectNode object = entry.getValue();
      switch (entry.getKey()) {
        case "" -> body(object, random);
        case "pagination" -> pagination(object, random);
        default -> nested(object, random);
      }
      // A name no reader can know in advance, of a type drawn at random.
      object.set("x_" + Integer.toHexString(random.nextInt(1 << 24)), anyValue(random));
    }
  }

  private static void body(ObjectNode o, Random random) {
    o.put("request_id", requestId(random));
    ObjectNode meta = o.putObject("meta");
    meta.put("api_version", "1." + random.nextInt(10));
    meta.put("region", REGIONS.get(random.nextInt(REGIONS.size())));
    meta.putArray("features").add("dedup").add("pagination");
    ArrayNode warnings = o.putArray("warnings");
    if (random.nextBoolean()) {
      warnings
          .addObject()
          .put("code", "PARAM_DEPRECATED")
          .put("message", "A parameter of this request will be renamed.");
    }
    o.putNull("deprecation");
    o.put("server_time_ms", 1_773_768_600_000L + random.nextInt(1_000_000));
    o.put("sandbox", false);
  }

  private static void pagination(ObjectNode o, Random random) {
    o.putNull("cursor");
    o.put("next_cursor", "c_" + Integer.toHexString(random.nextInt()));
    o.putObject("links").put("self", "?page=" + o.path("page").asText("1")).putNull("next");
    o.putArray("sort").add("created_at:desc");
    o.put("took_ms", random.nextInt(10_000) / 100.0);
    o.put("approximate", random.nextBoolean());
  }

  private static void nested(ObjectNode o, Random random) {
    o.put("request_id", requestId(random));
    o.putArray("details").addObject().put("hint", "See the API docs.").put("severity", 2);
    o.putObject("context").put("retryable", random.nextBoolean());
    o.putNull("trace");
    o.put("internal_code", 1000 + random.nextInt(9000));
  }

  private static String requestId(Random random) {
    return "req_" + Long.toHexString(random.nextLong() >>> 8);
  }

  private static JsonNode anyValue(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> Json.object().put("v", random.nextInt(100));
      case 1 -> Json.MAPPER.createArrayNode().add(random.nextInt(100)).add("x");
      case 2 -> Json.MAPPER.nullNode();
      case 3 -> Json.MAPPER.getNodeFactory().numberNode(random.nextInt(1000) / 10.0);
      default -> Json.MAPPER.getNodeFactory().textNode("v" + random.nextInt(1000));
    };
  }
}
