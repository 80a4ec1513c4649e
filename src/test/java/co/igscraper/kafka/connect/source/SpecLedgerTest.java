package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec table's ledger in the offsets: a round trip, and tolerance for what it cannot read. */
class SpecLedgerTest {
  @Test
  void aLedgerReadsBackAsWritten() {
    SpecLedger ledger =
        SpecLedger.ZERO
            .plusRows(25)
            .plusCredits(new BigDecimal("0.1"))
            .plusCredits(new BigDecimal("0.2"))
            .failed("HTTP 503", 1_700_000_000_000L, true)
            .newRun()
            .plusRows(5);
    Map<String, Object> offset = ledger.addTo(Map.of("run", 2L));
    assertEquals(2L, offset.get("run"), "the run record's keys stay");
    assertEquals(ledger, SpecLedger.from(offset));
    assertEquals(
        new SpecLedger(5, 30, new BigDecimal("0.3"), "HTTP 503", 1_700_000_000_000L, false),
        ledger);
  }

  @Test
  void whatCannotBeReadCountsAsNothingAndNeverStopsAResume() {
    Map<String, Object> bad = new HashMap<>();
    bad.put("rows_run", "many");
    bad.put("rows_total", -4L);
    bad.put("credits_spent", "lots");
    bad.put("last_error", 42);
    bad.put("ended_stopped", "yes");
    assertEquals(SpecLedger.ZERO, SpecLedger.from(bad));
    assertEquals(SpecLedger.ZERO, SpecLedger.from(null));
    assertEquals(SpecLedger.ZERO, SpecLedger.from(Map.of()));
    // A hand-edited offset with a JSON number for the credits.
    assertEquals(
        0,
        new BigDecimal("12.5").compareTo(SpecLedger.from(Map.of("credits_spent", 12.5)).credits()));
  }

  @Test
  void aLongErrorIsKeptToFiveHundredCharacters() {
    String kept = SpecLedger.ZERO.failed("x".repeat(600), 1, false).lastError();
    assertEquals(SpecLedger.MAX_ERROR_CHARS, kept.length());
    assertTrue(kept.endsWith("..."));
    assertEquals("short", SpecLedger.ZERO.failed("short", 1, false).lastError());
  }
}
