package co.igscraper.kafka.connect.source;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * What a spec has delivered and spent, kept beside its run record in the source offset so the spec
 * table's totals survive restarts: rows of this run, rows of all runs, and the credits its
 * completed jobs were charged (an exact decimal, stored as text). Older offsets have none: zero.
 */
record SpecTotals(long rowsRun, long rowsTotal, BigDecimal credits) {
  static final SpecTotals ZERO = new SpecTotals(0, 0, BigDecimal.ZERO);
  static final String ROWS_RUN = "rows_run";
  static final String ROWS_TOTAL = "rows_total";
  static final String CREDITS = "credits_spent";

  /**
   * The totals in a stored offset; informational, so a missing or unreadable value counts as zero
   * rather than stopping a resume.
   */
  static SpecTotals from(Map<String, ?> offset) {
    if (offset == null) {
      return ZERO;
    }
    BigDecimal credits = BigDecimal.ZERO;
    if (offset.get(CREDITS) instanceof String text) {
      try {
        credits = new BigDecimal(text);
      } catch (NumberFormatException e) {
        credits = BigDecimal.ZERO;
      }
    }
    return new SpecTotals(count(offset.get(ROWS_RUN)), count(offset.get(ROWS_TOTAL)), credits);
  }

  private static long count(Object value) {
    return value instanceof Number n && n.longValue() > 0 ? n.longValue() : 0;
  }

  /** {@code offset} with these totals added. */
  Map<String, Object> addTo(Map<String, Object> offset) {
    Map<String, Object> out = new HashMap<>(offset);
    out.put(ROWS_RUN, rowsRun);
    out.put(ROWS_TOTAL, rowsTotal);
    out.put(CREDITS, credits.toPlainString());
    return out;
  }

  SpecTotals plusRows(long rows) {
    return new SpecTotals(rowsRun + rows, rowsTotal + rows, credits);
  }

  SpecTotals newRun() {
    return new SpecTotals(0, rowsTotal, credits);
  }

  SpecTotals plusCredits(BigDecimal charged) {
    return charged == null || charged.signum() <= 0
        ? this
        : new SpecTotals(rowsRun, rowsTotal, credits.add(charged));
  }
}
