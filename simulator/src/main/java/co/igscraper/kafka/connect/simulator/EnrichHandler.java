package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;

/** {@code GET} (preflight) and {@code POST} (start) {@code /jobs/{id}/enrich}. */
final class EnrichHandler {
  private final EnrichmentEngine engine;

  EnrichHandler(EnrichmentEngine engine) {
    this.engine = engine;
  }

  Reply preflight(ApiRequest req) {
    Set<Addon> requested = EnumSet.noneOf(Addon.class);
    for (Addon addon : Addon.values()) {
      String raw = req.query().get(addon.wireName());
      if (raw == null || raw.equals("false")) {
        continue;
      }
      if (!raw.equals("true")) {
        throw ApiError.validation(addon.wireName(), addon.wireName() + " must be true or false.");
      }
      requested.add(addon);
    }
    return engine.preflight(req.apiKey(), req.jobId(), requested, req.now());
  }

  Reply start(ApiRequest req) {
    JsonNode body = SubmitHandler.parse(req.body());
    if (!body.isObject()) {
      throw ApiError.validation(null, "Request body must be a JSON object.");
    }
    Set<Addon> requested = EnumSet.noneOf(Addon.class);
    for (Addon addon : Addon.values()) {
      JsonNode flag = body.get(addon.wireName());
      if (flag == null) {
        continue;
      }
      if (!flag.isBoolean()) {
        throw ApiError.validation(addon.wireName(), addon.wireName() + " must be a boolean.");
      }
      if (flag.booleanValue()) {
        requested.add(addon);
      }
    }
    return engine.start(req.apiKey(), req.jobId(), requested, req.now());
  }
}
