package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.EnrichmentStatus;
import co.igscraper.kafka.connect.schema.JobEventType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes on a runner's next enrichment request: preflight, start, then a re-emission of the job from
 * its first row under the same keys. The request's position becomes the run record's mark at once,
 * so a restart neither repeats nor forgets it.
 */
final class EnrichStep {
  private static final Logger log = LoggerFactory.getLogger(EnrichStep.class);

  private EnrichStep() {}

  static List<SourceRecord> enrich(JobRunner r, Instant now) {
    JobRunner.EnrichRequest request = r.enrichments.next();
    if (r.cursor == null || r.cursor.jobId() == null || !r.cursor.completed()) {
      // Nothing completed yet, or the last run FAILED: its job has no rows to enrich.
      r.enrichments.taken();
      if (r.cursor != null) {
        r.cursor = r.cursor.withEnrichRequest(request.id());
      }
      r.afterRun(now);
      return r.event(
          JobEventType.REJECTED, null, "no completed job to enrich (the last run has none)");
    }
    EnrichmentStatus preflight =
        r.ctx.client().enrichmentPreflight(r.cursor.jobId(), request.addons());
    EnrichmentStatus started = r.ctx.client().startEnrichment(r.cursor.jobId(), request.addons());
    r.enrichments.taken();
    r.cursor = r.cursor.reemitFor(request.id(), now.toEpochMilli());
    r.rowsEmitted = 0;
    r.started();
    r.phase = JobRunner.Phase.FETCH;
    // Results answer 409 while the upgrade runs; the re-emission waits that out.
    r.nextDue = now.plus(r.ctx.pollSchedule().min());
    BigDecimal estimate =
        preflight.estimatedCost() != null ? preflight.estimatedCost() : started.estimatedCost();
    String message =
        "add-ons "
            + started.selectedAddons()
            + " on job "
            + r.cursor.jobId()
            + (started.replayed() ? " (replayed)" : "")
            + ", estimated cost "
            + (estimate == null ? "unknown" : estimate.toPlainString() + " credits")
            + "; fields added "
            + started.fieldsAdded();
    log.info("Spec '{}' run {}: enrichment started: {}", r.spec.name(), r.run, message);
    return r.event(JobEventType.ENRICHMENT_STARTED, null, message, estimate);
  }

  /** The request is refused or given up on: it counts as taken, and the spec carries on. */
  static List<SourceRecord> drop(JobRunner r, Instant now, String why) {
    JobRunner.EnrichRequest request = r.enrichments.next();
    r.enrichments.taken();
    if (r.cursor != null && request != null) {
      r.cursor = r.cursor.withEnrichRequest(request.id());
    }
    r.afterRun(now);
    log.error(
        "Spec '{}': enrichment request {} refused: {}",
        r.spec.name(),
        request == null ? null : request.id(),
        why);
    return r.event(JobEventType.REJECTED, null, "enrichment refused: " + why);
  }
}
