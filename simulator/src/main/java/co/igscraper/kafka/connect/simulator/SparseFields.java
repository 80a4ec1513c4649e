package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;

/**
 * The sparse dialect: optional fields left out or null. job_id, status and data always stay, and
 * each results page keeps has_next or total_pages, or is short (then it is the last).
 */
final class SparseFields {
  private static final List<String> OPTIONAL =
      List.of(
          "external_user_id",
          "namespace",
          "created_at",
          "updated_at",
          "completed_at",
          "progress_percent",
          "number_of_results",
          "cost_charged",
          "tool_type",
          "error",
          "columns",
          "messages",
          "replayed",
          "supported_addons",
          "applied_addons",
          "selected_addons",
          "fields_added",
          "enriched",
          "fully_enriched",
          "enrichment_requested",
          "estimated_cost");

  private SparseFields() {}

  static void apply(OutgoingResponse r, Random random) {
    if (!(r.body() instanceof ObjectNode root)) {
      return;
    }
    String unchanged = null;
    boolean changed = false;
    for (String name : OPTIONAL) {
      JsonNode value = root.get(name);
      // A failed job's error is what a reader acts on; only the null placeholder is optional.
      if (value == null || (name.equals("error") && !value.isNull())) {
        continue;
      }
      changed |= thin(root, name, random);
      unchanged = unchanged == null ? name : unchanged;
    }
    if (!changed && unchanged != null) {
      root.remove(unchanged);
    }
    if (root.get("pagination") instanceof ObjectNode pagination) {
      thinPagination(pagination, root.path("data").size(), r.seed(), random);
    }
  }

  private static void thinPagination(ObjectNode p, int rows, long seed, Random random) {
    boolean shortPage = rows < p.path("limit").asInt(Integer.MAX_VALUE);
    // Cycling on the page number makes consecutive pages differ, whatever the draws.
    switch ((int) Math.floorMod(p.path("page").asLong(1) + seed, 3L)) {
      case 0 -> p.remove("has_next");
      case 1 -> p.remove("total_pages");
      default -> {
        if (shortPage) {
          p.remove("has_next");
          p.remove("total_pages");
        }
      }
    }
    thin(p, "total", random);
    thin(p, "has_prev", random);
  }

  /** Removes the field, sets it null, or keeps it, one in three each; true if it changed. */
  private static boolean thin(ObjectNode object, String name, Random random) {
    if (!object.has(name)) {
      return false;
    }
    switch (random.nextInt(3)) {
      case 0 -> object.remove(name);
      case 1 -> object.putNull(name);
      default -> {
        return false;
      }
    }
    return true;
  }
}
