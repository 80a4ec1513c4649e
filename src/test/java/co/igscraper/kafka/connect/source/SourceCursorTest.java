package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceCursorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @SuppressWarnings("unchecked")
  void roundTripsThroughJsonAsConnectStoresIt() throws Exception {
    SourceCursor cursor =
        new SourceCursor(3, "abc", "job-1", 7, 42, 200, false, 1_764_000_000_000L, "control-0:17");
    // Connect's offset store writes JSON; small numbers come back as Integer or Long.
    Map<String, Object> back = JSON.readValue(JSON.writeValueAsString(cursor.toMap()), Map.class);
    assertEquals(cursor, SourceCursor.fromMap(back));
  }

  @Test
  void readsOffsetsWrittenBeforeSchedulesAndEnrichmentExisted() {
    Map<String, Object> old =
        new HashMap<>(new SourceCursor(1, "h", "j", 2, 3, 200, true, 9L, "x").toMap());
    old.remove(SourceCursor.STARTED_AT);
    old.remove(SourceCursor.ENRICH_REQUEST);
    SourceCursor read = SourceCursor.fromMap(old);
    assertEquals(0L, read.startedAt());
    assertEquals(null, read.enrichRequest());
  }

  @Test
  void finishedAndAtKeepTheJob() {
    SourceCursor c = SourceCursor.submitted(2, "h", "job-9", 50, 5L, null);
    assertEquals(new SourceCursor(2, "h", "job-9", 1, 0, 50, false, 5L, null), c);
    assertEquals(new SourceCursor(2, "h", "job-9", 4, 10, 50, false, 5L, null), c.at(4, 10));
    assertTrue(c.at(4, 10).finished().done());
  }

  @Test
  void rejectsBadOffsetsNamingTheKey() {
    Map<String, Object> good = new SourceCursor(1, "h", "j", 1, 0, 200, false, 0L, null).toMap();
    for (String key : good.keySet()) {
      if (key.equals(SourceCursor.JOB_ID) || key.equals(SourceCursor.ENRICH_REQUEST)) {
        continue; // these may be null
      }
      Map<String, Object> bad = new HashMap<>(good);
      bad.put(key, key.equals(SourceCursor.SPEC_HASH) ? 5 : "x");
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
