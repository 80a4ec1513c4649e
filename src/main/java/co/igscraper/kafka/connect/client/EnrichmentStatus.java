package co.igscraper.kafka.connect.client;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answer to an enrichment preflight or start; {@code httpStatus} tells 200 from 202. Lists are
 * never null; flags, status and the (exact) estimated cost are null when absent or unreadable.
 */
public record EnrichmentStatus(
    int httpStatus,
    String jobId,
    List<String> supportedAddons,
    List<String> appliedAddons,
    List<String> selectedAddons,
    List<String> fieldsAdded,
    Boolean enriched,
    Boolean fullyEnriched,
    Boolean enrichmentRequested,
    String status,
    BigDecimal estimatedCost,
    boolean replayed) {}
