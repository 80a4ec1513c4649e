package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.schema.SpecStatusSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One runner's row of the spec table: after each step, a new status record when the spec's state
 * differs from the one last written (the first step always writes one).
 */
final class SpecTable {
  private SpecStatusSchemas.State written;

  /** {@code records}, followed by the spec's status record if its state changed. */
  List<SourceRecord> changed(JobRunner r, List<SourceRecord> records) {
    if (!r.ctx.records().statusOn()) {
      return records;
    }
    SpecStatusSchemas.State now = state(r);
    if (now.equals(written)) {
      return records;
    }
    written = now;
    List<SourceRecord> out = new ArrayList<>(records);
    out.addAll(r.ctx.records().status(r.spec.name(), now));
    return out;
  }

  static SpecStatusSchemas.State state(JobRunner r) {
    SourceCursor cursor = r.cursor;
    String jobStatus =
        r.lastJob != null
            ? r.lastJob.status().name()
            : cursor != null && cursor.completed() ? "COMPLETED" : null;
    return new SpecStatusSchemas.State(
        r.spec.externalUserId(),
        r.spec.toolType(),
        r.phase.name().toLowerCase(Locale.ROOT),
        r.run,
        cursor == null ? null : cursor.jobId(),
        jobStatus,
        r.totals.rowsRun(),
        r.totals.rowsTotal(),
        r.totals.credits(),
        r.stalledSince(),
        r.lastError,
        r.lastErrorAt,
        r.phase == JobRunner.Phase.WAIT ? r.nextDue : null);
  }
}
