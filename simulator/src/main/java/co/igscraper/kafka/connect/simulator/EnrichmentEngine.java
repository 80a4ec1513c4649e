package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Retroactive add-on upgrades of completed jobs: preflight, start and their replays. */
final class EnrichmentEngine {
  private final JobStore store;
  private final Duration queuedFor;
  private final Duration enrichmentFor;

  EnrichmentEngine(JobStore store, Duration queuedFor, Duration enrichmentFor) {
    this.store = store;
    this.queuedFor = queuedFor;
    this.enrichmentFor = enrichmentFor;
  }

  Reply preflight(String apiKey, String jobId, Set<Addon> requested, Instant now) {
    synchronized (store) {
      Job job = completedJob(apiKey, jobId, now);
      Set<Addon> selected = select(job, requested);
      Set<Addon> toAdd = toAdd(job, selected);
      return new Reply(200, body(job, selected, toAdd, cost(job, toAdd), false, now), Map.of());
    }
  }

  Reply start(String apiKey, String jobId, Set<Addon> requested, Instant now) {
    synchronized (store) {
      Job job = completedJob(apiKey, jobId, now);
      Set<Addon> selected = select(job, requested);
      Set<Addon> missing = EnumSet.copyOf(selected);
      missing.removeAll(job.applied());
      if (missing.isEmpty()) {
        return new Reply(200, body(job, selected, missing, 0, true, now), Map.of());
      }
      Set<Addon> toAdd = toAdd(job, selected);
      if (toAdd.isEmpty()) {
        // An upgrade already in flight covers the request.
        return new Reply(
            202, body(job, selected, missing, cost(job, missing), true, now), Map.of());
      }
      long cost = cost(job, toAdd);
      long balance = store.credits(apiKey);
      if (balance < cost) {
        throw ApiError.of(
            402,
            "INSUFFICIENT_CREDITS",
            "Not enough credits: the upgrade costs "
                + cost
                + " credits, balance is "
                + balance
                + ".");
      }
      Instant processingAt = now.plus(queuedFor);
      store.startUpgrade(
          job, new Job.Upgrade(toAdd, processingAt, processingAt.plus(enrichmentFor), cost), now);
      return new Reply(202, body(job, selected, toAdd, cost, false, now), Map.of());
    }
  }

  private Job completedJob(String apiKey, String jobId, Instant now) {
    Job job = store.find(apiKey, jobId, now);
    if (!job.isCompleted()) {
      throw ApiError.of(
          409,
          "JOB_NOT_COMPLETED",
          "Enrichment needs a COMPLETED job; this one is " + job.status(now) + ".");
    }
    return job;
  }

  // Add-ons the tool does not support are dropped ("source-compatible normalization"); a request
  // left with nothing is the same as one that selected nothing.
  private static Set<Addon> select(Job job, Set<Addon> requested) {
    Set<Addon> selected = EnumSet.noneOf(Addon.class);
    selected.addAll(requested);
    selected.retainAll(job.request.tool().supportedAddons());
    if (selected.isEmpty()) {
      throw new ApiError(
          400,
          "NO_ADDON_SELECTED",
          "Select at least one supported add-on: "
              + names(job.request.tool().supportedAddons())
              + ".",
          null,
          Map.of());
    }
    return selected;
  }

  private static Set<Addon> toAdd(Job job, Set<Addon> selected) {
    Set<Addon> toAdd = EnumSet.copyOf(selected);
    toAdd.removeAll(job.applied());
    toAdd.removeAll(job.pendingAddons());
    return toAdd;
  }

  // Every add-on costs at least 1 credit per row: zero-cost upgrades are not supported.
  private static long cost(Job job, Set<Addon> addons) {
    long perRow = 0;
    for (Addon addon : addons) {
      perRow += Math.max(1, addon.creditsPerRow());
    }
    return perRow * job.rows().size();
  }

  private static ObjectNode body(
      Job job, Set<Addon> selected, Set<Addon> adding, long cost, boolean replayed, Instant now) {
    ToolType tool = job.request.tool();
    Set<Addon> applied = job.applied();
    Set<Addon> pending = job.pendingAddons();
    Set<Addon> after = EnumSet.copyOf(applied);
    after.addAll(adding);
    List<String> fieldsAdded = new ArrayList<>(tool.columns(after));
    fieldsAdded.removeAll(tool.columns(applied));
    ObjectNode body = Json.object();
    body.put("job_id", job.id);
    body.set("supported_addons", array(names(tool.supportedAddons())));
    body.set("applied_addons", array(names(applied)));
    body.set("selected_addons", array(names(selected)));
    body.set("fields_added", array(fieldsAdded));
    body.put("enriched", !applied.isEmpty());
    body.put("fully_enriched", applied.containsAll(tool.supportedAddons()));
    body.put("enrichment_requested", !job.request.addons().isEmpty() || !pending.isEmpty());
    body.put("status", upgradeStatus(job, now));
    body.put("estimated_cost", cost);
    body.put("replayed", replayed);
    return body;
  }

  private static String upgradeStatus(Job job, Instant now) {
    String status = "COMPLETED";
    for (Job.Upgrade u : job.upgrades()) {
      status = u.status(now);
      if (status.equals("PROCESSING")) {
        break;
      }
    }
    return status;
  }

  private static List<String> names(Set<Addon> addons) {
    List<String> names = new ArrayList<>();
    for (Addon a : Addon.values()) {
      if (addons.contains(a)) {
        names.add(a.wireName());
      }
    }
    return names;
  }

  private static ArrayNode array(List<String> values) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }
}
