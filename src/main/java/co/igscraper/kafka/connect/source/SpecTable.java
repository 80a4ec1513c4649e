package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.schema.SpecStatusSchemas;
import java.time.Instant;
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
    if (sameAs(now, written)) {
      return records;
    }
    written = now;
    List<SourceRecord> out = new ArrayList<>(records);
    out.addAll(r.ctx.records().status(r.spec.name(), now));
    return out;
  }

  /** Equal but for when the last error happened: a retry failing the same way is no change. */
  private static boolean sameAs(SpecStatusSchemas.State a, SpecStatusSchemas.State b) {
    return b != null
        && a.equals(
            new SpecStatusSchemas.State(
                b.externalUserId(),
                b.toolType(),
                b.phase(),
                b.run(),
                b.jobId(),
                b.jobStatus(),
                b.rowsEmittedRun(),
                b.rowsEmittedTotal(),
                b.creditsSpent(),
                b.stalledSince(),
                b.lastError(),
                a.lastErrorAt(),
                b.nextRunAt()));
  }

  static SpecStatusSchemas.State state(JobRunner r) {
    SpecLedger ledger = r.totals;
    // Between runs the run number is the next one's while the cursor is still the last job's.
    SourceCursor cursor = r.cursor != null && r.cursor.run() == r.run ? r.cursor : null;
    String jobStatus =
        cursor == null
            ? null
            : r.lastJob != null
                ? r.lastJob.status().name()
                : cursor.completed() ? "COMPLETED" : null;
    // A one-off run that ended FAILED or CANCELLED is stored finished: after a restart it is DONE
    // to the runner (nothing more to do) but stopped to the user, as it was before the restart.
    String phase =
        r.phase == JobRunner.Phase.DONE && ledger.stopped()
            ? "stopped"
            : r.phase.name().toLowerCase(Locale.ROOT);
    return new SpecStatusSchemas.State(
        r.spec.externalUserId(),
        r.spec.toolType(),
        phase,
        r.run,
        cursor == null ? null : cursor.jobId(),
        jobStatus,
        cursor == null ? 0 : ledger.rowsRun(),
        ledger.rowsTotal(),
        ledger.credits(),
        r.stalledSince(),
        ledger.lastError(),
        ledger.lastErrorAt() == 0 ? null : Instant.ofEpochMilli(ledger.lastErrorAt()),
        r.phase == JobRunner.Phase.WAIT ? r.nextDue : null);
  }
}
