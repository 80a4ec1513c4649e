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
    SourceCursor cursor = new SourceCursor(3, "abc", "job-1", 7, 42, 200, false);
    // Connect's offset store writes JSON; small numbers come back as Integer or Long.
    Map<String, Object> back = JSON.readValue(JSON.writeValueAsString(cursor.toMap()), Map.class);
    assertEquals(cursor, SourceCursor.fromMap(back));
  }

  @Test
  void finishedAndAtKeepTheJob() {
    SourceCursor c = SourceCursor.submitted(2, "h", "job-9", 50);
    assertEquals(new SourceCursor(2, "h", "job-9", 1, 0, 50, false), c);
    assertEquals(new SourceCursor(2, "h", "job-9", 4, 10, 50, false), c.at(4, 10));
    assertTrue(c.at(4, 10).finished().done());
  }

  @Test
  void rejectsBadOffsetsNamingTheKey() {
    Map<String, Object> good = new SourceCursor(1, "h", "j", 1, 0, 200, false).toMap();
    for (String key : good.keySet()) {
      if (key.equals(SourceCursor.JOB_ID)) {
        continue; // job_id may be null
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
