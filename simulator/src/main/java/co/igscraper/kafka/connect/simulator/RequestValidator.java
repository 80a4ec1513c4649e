package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Checks a submit body field by field, failing with the name of the first offending field. */
final class RequestValidator {
  private static final int MAX_LIST_ITEMS = 10;
  private static final int MAX_EXTERNAL_USER_ID = 255;

  private final int maxResultsLimit;

  RequestValidator(int maxResultsLimit) {
    this.maxResultsLimit = maxResultsLimit;
  }

  JobRequest validate(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiError.validation(null, "Request body must be a JSON object.");
    }
    String externalUserId = externalUserId(body.get("external_user_id"));
    JsonNode toolNode = body.get("tool_type");
    if (toolNode == null || !toolNode.isTextual()) {
      throw ApiError.validation("tool_type", "tool_type is required and must be a string.");
    }
    ToolType tool = ToolType.fromWire(toolNode.textValue());
    if (tool == null) {
      throw ApiError.validation("tool_type", "Unknown tool_type: " + toolNode.textValue());
    }
    JsonNode params = body.get("params");
    if (params == null || !params.isObject()) {
      throw ApiError.validation("params", "params is required and must be an object.");
    }
    // Unknown parameters are refused rather than ignored: a misspelt max_* would otherwise
    // silently fall back to its default.
    Set<String> known = tool.knownParams();
    for (Iterator<String> names = params.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw ApiError.validation(
            "params." + name, "Unknown parameter for tool_type " + tool.wireName() + ": " + name);
      }
    }
    List<String> sources = sources(tool, params.get(tool.listParam()));
    int max = integer(params, tool.maxParam(), ToolType.DEFAULT_MAX, maxResultsLimit);
    if (tool == ToolType.LIKERS) {
      integer(params, "max_posts", ToolType.DEFAULT_MAX_POSTS, ToolType.MAX_POSTS_LIMIT);
    }
    Set<Addon> addons = EnumSet.noneOf(Addon.class);
    for (Addon addon : Addon.values()) {
      JsonNode flag = params.get(addon.wireName());
      String field = "params." + addon.wireName();
      if (flag == null) {
        continue;
      }
      if (!flag.isBoolean()) {
        throw ApiError.validation(field, field + " must be a boolean.");
      }
      if (flag.booleanValue()) {
        if (!tool.supportedAddons().contains(addon)) {
          throw ApiError.validation(
              field, addon.wireName() + " is not supported for tool_type " + tool.wireName() + ".");
        }
        addons.add(addon);
      }
    }
    return new JobRequest(externalUserId, tool, sources, max, addons);
  }

  private static String externalUserId(JsonNode node) {
    String field = "external_user_id";
    if (node == null || !node.isTextual()) {
      throw ApiError.validation(field, "external_user_id is required and must be a string.");
    }
    String value = node.textValue();
    if (value.isEmpty() || value.length() > MAX_EXTERNAL_USER_ID) {
      throw ApiError.validation(field, "external_user_id must be 1-255 characters.");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x1F || c == 0x7F) {
        throw ApiError.validation(field, "external_user_id must not contain control characters.");
      }
    }
    return value;
  }

  private static List<String> sources(ToolType tool, JsonNode list) {
    String field = "params." + tool.listParam();
    if (list == null || !list.isArray()) {
      throw ApiError.validation(field, field + " is required and must be an array.");
    }
    if (list.size() < 1 || list.size() > MAX_LIST_ITEMS) {
      throw ApiError.validation(field, field + " must have 1-10 items.");
    }
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String source = item.isTextual() ? tool.sourceOf(item.textValue()) : null;
      if (source == null) {
        throw ApiError.validation(field + "[" + i + "]", "Invalid item in " + field + ": " + item);
      }
      sources.add(source);
    }
    return sources;
  }

  private static int integer(JsonNode params, String name, int defaultValue, int max) {
    JsonNode node = params.get(name);
    String field = "params." + name;
    if (node == null) {
      return defaultValue;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ApiError.validation(field, field + " must be an integer.");
    }
    int value = node.intValue();
    if (value < 1 || value > max) {
      throw ApiError.validation(field, field + " must be between 1 and " + max + ".");
    }
    return value;
  }
}
