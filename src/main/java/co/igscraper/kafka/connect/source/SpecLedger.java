package co.igscraper.kafka.connect.source;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * What the spec table shows that the run record does not, kept beside it in the source offset so it
 * survives restarts: rows of this run and of all runs, the credits its completed jobs were charged
 * (an exact decimal, stored as text), its last error and when, and whether its last run ended
 * stopped. Informational: older offsets have none (zero), and a bad value reads as none.
 */
record SpecLedger(
    long rowsRun,
    long rowsTotal,
    BigDecimal credits,
    String lastError,
    long lastErrorAt,
    boolean stopped) {
  static final SpecLedger ZERO = new SpecLedger(0, 0, BigDecimal.ZERO, null, 0, false);
  static final String ROWS_RUN = "rows_run";
  static final String ROWS_TOTAL = "rows_total";
  static final String CREDITS = "credits_spent";
  static final String LAST_ERROR = "last_error";
  static final String LAST_ERROR_AT = "last_error_at";
  static final String STOPPED = "ended_stopped";
  // An error message kept in every offset: long enough to say why, short enough to be cheap.
  static final int MAX_ERROR_CHARS = 500;

  static SpecLedger from(Map<String, ?> offset) {
    if (offset == null) {
      return ZERO;
    }
    BigDecimal credits = BigDecimal.ZERO;
    Object stored = offset.get(CREDITS);
    try {
      if (stored instanceof String text) {
        credits = new BigDecimal(text);
      } else if (stored instanceof Number n) {
        credits = new BigDecimal(n.toString()); // someone's hand-edited offset
      }
    } catch (NumberFormatException e) {
      credits = BigDecimal.ZERO;
    }
    return new SpecLedger(
        count(offset.get(ROWS_RUN)),
        count(offset.get(ROWS_TOTAL)),
        credits,
        offset.get(LAST_ERROR) instanceof String s ? s : null,
        count(offset.get(LAST_ERROR_AT)),
        Boolean.TRUE.equals(offset.get(STOPPED)));
  }

  private static long count(Object value) {
    return value instanceof Number n && n.longValue() > 0 ? n.longValue() : 0;
  }

  /** {@code offset} with this ledger added. */
  Map<String, Object> addTo(Map<String, Object> offset) {
    Map<String, Object> out = new HashMap<>(offset);
    out.put(ROWS_RUN, rowsRun);
    out.put(ROWS_TOTAL, rowsTotal);
    out.put(CREDITS, credits.toPlainString());
    if (lastError != null) {
      out.put(LAST_ERROR, lastError);
      out.put(LAST_ERROR_AT, lastErrorAt);
    }
    out.put(STOPPED, stopped);
    return out;
  }

  SpecLedger plusRows(long rows) {
    return new SpecLedger(
        rowsRun + rows, rowsTotal + rows, credits, lastError, lastErrorAt, stopped);
  }

  /** A new run's job was submitted: its rows count from zero, and it has not stopped. */
  SpecLedger newRun() {
    return new SpecLedger(0, rowsTotal, credits, lastError, lastErrorAt, false);
  }

  SpecLedger plusCredits(BigDecimal charged) {
    return charged == null || charged.signum() <= 0
        ? this
        : new SpecLedger(rowsRun, rowsTotal, credits.add(charged), lastError, lastErrorAt, stopped);
  }

  /** A call failed with {@code message} at {@code atMs}; {@code stops} when the run stops on it. */
  SpecLedger failed(String message, long atMs, boolean stops) {
    String kept =
        message == null || message.length() <= MAX_ERROR_CHARS
            ? message
            : message.substring(0, MAX_ERROR_CHARS - 3) + "...";
    return new SpecLedger(rowsRun, rowsTotal, credits, kept, atMs, stopped || stops);
  }
}
