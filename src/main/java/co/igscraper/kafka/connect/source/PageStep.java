package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.ResultsPage;
import co.igscraper.kafka.connect.schema.JobEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one results page of a runner's job and emits its rows, each carrying the run record of the
 * row after it; the last row of the job carries the finished record.
 */
final class PageStep {
  private static final Logger log = LoggerFactory.getLogger(PageStep.class);

  private PageStep() {}

  static List<SourceRecord> fetch(JobRunner r, Instant now) {
    SourceCursor cursor = r.cursor;
    long page = cursor.page();
    ResultsPage results = r.ctx.client().getResults(cursor.jobId(), (int) page, cursor.pageSize());
    List<Map<String, String>> rows = results.data() == null ? List.of() : results.data();
    // has_next, else total_pages, else a full page; an empty page ends the job whatever it says.
    boolean hasNext =
        results.pagination().nextPageFollows((int) page, cursor.pageSize(), rows.size());
    String digest = rows.isEmpty() ? null : PageDigest.of(rows);
    if (digest != null && digest.equals(cursor.prevDigest())) {
      r.ctx.metrics().pageFetched(r.spec.name(), rows.size(), 0);
      return r.endRun(
          JobEventType.PAGE_REPEATED,
          r.lastJob,
          "page "
              + page
              + " of job "
              + cursor.jobId()
              + " holds the same rows as page "
              + (page - 1)
              + ": the API ignores the page parameter. Nothing of the repeat was emitted; the rows"
              + " of the earlier pages stand");
    }
    List<SourceRecord> out = new ArrayList<>(rows.size() + 1);
    for (int i = (int) Math.min(cursor.row(), rows.size()); i < rows.size(); i++) {
      SourceCursor next;
      if (i + 1 < rows.size()) {
        next = cursor.at(page, i + 1);
      } else if (hasNext) {
        next = cursor.nextPage(digest);
      } else {
        next = cursor.at(page, i + 1).finished();
      }
      // A re-emission for an upgrade sends rows already counted: the totals stay.
      SpecLedger after = cursor.reemitting() ? r.totals : r.totals.plusRows(out.size() + 1L);
      out.add(
          r.ctx.records().row(r.origin, cursor, next, rows.get(i), page, i, r.run, r.stamp, after));
      r.rowsEmitted++;
    }
    if (!cursor.reemitting()) {
      r.totals = r.totals.plusRows(out.size());
    }
    r.ctx.metrics().pageFetched(r.spec.name(), rows.size(), out.size());
    warnIfOversized(r, page, rows.size());
    if (hasNext) {
      r.cursor = cursor.nextPage(digest);
      r.nextDue = now;
      return out;
    }
    boolean reemitted = cursor.reemitting();
    r.cursor = cursor.at(page, rows.size()).finished();
    log.info(
        "Spec '{}' run {}: all rows of job {} emitted ({} this session)",
        r.spec.name(),
        r.run,
        cursor.jobId(),
        r.rowsEmitted);
    if (!reemitted) {
      r.ctx.metrics().jobDelivered(Duration.between(Instant.ofEpochMilli(cursor.startedAt()), now));
    }
    r.ended();
    JobEventType type = reemitted ? JobEventType.ENRICHMENT_COMPLETED : JobEventType.EMITTED;
    if (out.isEmpty() || reemitted || r.spec.repeatEvery().isPresent()) {
      // The event carries the "done" record when no row did, and marks the end of a re-emission.
      out.addAll(r.event(type, r.lastJob, null));
    }
    r.afterRun(now);
    return out;
  }

  private static void warnIfOversized(JobRunner r, long page, int rows) {
    if (rows > r.cursor.pageSize() && !r.cursor.jobId().equals(r.oversizeWarnedJob)) {
      r.oversizeWarnedJob = r.cursor.jobId();
      // Never dropped: the rows are real, and the row key tells a repeat on the next page apart.
      log.warn(
          "Spec '{}': job {} page {} has {} rows, more than the {} asked for; all are emitted",
          r.spec.name(),
          r.cursor.jobId(),
          page,
          rows,
          r.cursor.pageSize());
    }
  }
}
