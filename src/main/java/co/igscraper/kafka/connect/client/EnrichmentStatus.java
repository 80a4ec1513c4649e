package co.igscraper.kafka.connect.client;

import java.util.List;

/** The answer to an enrichment preflight or start; {@code httpStatus} tells 200 from 202. */
public record EnrichmentStatus(
    int httpStatus,
    String jobId,
    List<String> supportedAddons,
    List<String> appliedAddons,
    List<String> selectedAddons,
    List<String> fieldsAdded,
    boolean enriched,
    boolean fullyEnriched,
    boolean enrichmentRequested,
    String status,
    Long estimatedCost,
    boolean replayed) {}
