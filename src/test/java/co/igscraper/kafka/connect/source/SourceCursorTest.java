package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run record: format 2 round trips, format 1 is upgraded, a bad one names its key. */
class SourceCursorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final RunSpec ORIGIN = new RunSpec("nasa", "customer-1", "followers", "t.f");

  @Test
  @SuppressWarnings("unchecked")
  void roundTripsThroughJsonAsConnectStoresIt() throws Exception {
    SourceCursor cursor =
        new SourceCursor(
            3,
            "abc",
            "job-1",
            7,
            42,
            200,
            false,
            1_764_000_000_000L,
            "control:0:17",
            "d1",
            ORIGIN,
            1_764_000_100_000L,
            true,
            true);
    // Connect's offset store writes JSON; small numbers come back as Integer or Long.
    Map<String, Object> back = JSON.readValue(JSON.writeValueAsString(cursor.toMap()), Map.class);
    assertEquals(cursor, SourceCursor.fromMap(back));
    assertEquals(2, ((Number) back.get(SourceCursor.VERSION)).intValue());
  }

  @Test
  @SuppressWarnings("unchecked")
  void upgradesStoredBytesOfFormatOne() throws Exception {
    // Exactly what version 0.1.0-SNAPSHOT before the run record wrote (format 1, no "v").
    String stored =
        "{\"run\":3,\"spec_hash\":\"abc\",\"job_id\":\"job-1\",\"page\":7,\"row\":42,"
            + "\"page_size\":200,\"done\":false,\"started_at\":1764000000000,"
            + "\"enrich_request\":\"control:0:17\",\"prev_digest\":null}";
    SourceCursor read = SourceCursor.fromMap(JSON.readValue(stored, Map.class));
    assertEquals(
        new SourceCursor(
            3,
            "abc",
            "job-1",
            7,
            42,
            200,
            false,
            1_764_000_000_000L,
            "control:0:17",
            null,
            null,
            0,
            true,
            false),
        read,
        "past the first row, the job had completed");
    assertEquals(null, read.origin(), "the rest of the job follows the spec as it is now");
    assertFalse(read.reemitting());
    assertEquals(2L, read.toMap().get(SourceCursor.VERSION), "written back as format 2");
  }

  @Test
  void readsOffsetsWrittenBeforeSchedulesAndEnrichmentExisted() {
    Map<String, Object> old =
        new HashMap<>(new SourceCursor(1, "h", "j", 2, 3, 200, true, 9L, "x").toMap());
    old.remove(SourceCursor.VERSION);
    old.remove(SourceCursor.STARTED_AT);
    old.remove(SourceCursor.ENRICH_REQUEST);
    old.remove(SourceCursor.REEMIT_AT);
    SourceCursor read = SourceCursor.fromMap(old);
    assertEquals(0L, read.startedAt());
    assertEquals(null, read.enrichRequest());
  }

  @Test
  void refusesAFormatFromTheFuture() {
    Map<String, Object> future =
        new HashMap<>(SourceCursor.submitted(1, "h", "j", 50, 5L, null, ORIGIN).toMap());
    future.put(SourceCursor.VERSION, 3L);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SourceCursor.fromMap(future));
    assertTrue(e.getMessage().contains("'v'"), e.getMessage());
  }

  @Test
  void finishedAndAtKeepTheJobAndItsOrigin() {
    SourceCursor c = SourceCursor.submitted(2, "h", "job-9", 50, 5L, null, ORIGIN);
    assertEquals(
        new SourceCursor(2, "h", "job-9", 1, 0, 50, false, 5L, null, null, ORIGIN, 0, false, false),
        c);
    assertEquals(ORIGIN, c.at(4, 10).origin());
    assertTrue(c.at(4, 10).finished().done());
    SourceCursor reemit = c.finished().reemitFor("control:0:3", 99L);
    assertTrue(reemit.reemitting());
    assertEquals(99L, reemit.reemitAt());
    assertFalse(reemit.nextPage("d").finished().reemitting(), "finishing ends the re-emission");
  }

  @Test
  void rejectsBadOffsetsNamingTheKey() {
    Map<String, Object> good =
        new SourceCursor(1, "h", "j", 1, 0, 200, false, 0L, "e", "d", ORIGIN, 0, false, false)
            .toMap();
    for (String key : good.keySet()) {
      Map<String, Object> bad = new HashMap<>(good);
      boolean textKey = good.get(key) instanceof String;
      bad.put(key, textKey ? 5 : "x");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SourceCursor.fromMap(bad), key);
      assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }
    Map<String, Object> negative = new HashMap<>(good);
    negative.put(SourceCursor.PAGE, 0L);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SourceCursor.fromMap(negative))
            .getMessage()
            .contains("page"));
    Map<String, Object> halfOrigin = new HashMap<>(good);
    halfOrigin.remove(SourceCursor.TOPIC);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SourceCursor.fromMap(halfOrigin))
            .getMessage()
            .contains("all or none"));
  }

  @Test
  void rejectsPositionsThatCouldNotBeResumed() {
    Map<String, Object> good = new SourceCursor(1, "h", "j", 1, 0, 200, false, 0L, null).toMap();
    Map<String, Object> noJob = new HashMap<>(good);
    noJob.put(SourceCursor.JOB_ID, null);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SourceCursor.fromMap(noJob))
            .getMessage()
            .contains("job_id"));
    Map<String, Object> hugePage = new HashMap<>(good);
    hugePage.put(SourceCursor.PAGE, 1L << 40);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SourceCursor.fromMap(hugePage))
            .getMessage()
            .contains("page"));
    Map<String, Object> bigPageSize = new HashMap<>(good);
    bigPageSize.put(SourceCursor.PAGE_SIZE, 1L << 40);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SourceCursor.fromMap(bigPageSize))
            .getMessage()
            .contains("page_size"));
  }

  @Test
  void partitionCarriesAProtocolVersion() {
    Map<String, Object> partition = SpecPartition.of("nasa");
    assertEquals("1", partition.get("protocol"));
    assertEquals("nasa", SpecPartition.specName(partition));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpecPartition.specName(Map.of("protocol", "2", "spec", "x")));
    assertTrue(e.getMessage().contains("protocol"));
  }
}
