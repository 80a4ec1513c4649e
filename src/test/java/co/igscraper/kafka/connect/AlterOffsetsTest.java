package co.igscraper.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.source.SpecPartition;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** Offsets the connector writes can be written back through the offsets REST API; junk cannot. */
class AlterOffsetsTest {
  private final IgScraperSourceConnector connector = new IgScraperSourceConnector();

  private boolean alter(Map<String, Object> offset) {
    Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
    offsets.put(SpecPartition.of("s"), offset);
    return connector.alterOffsets(Map.of(), offsets);
  }

  @Test
  void aReleaseStampAloneIsAcceptedAndAnOffsetWithNeitherRunNorStampIsNot() {
    assertTrue(
        alter(Map.of("owner", "0/2", "released", true, "released_at", 9L, "owner_since", -1L)));
    ConnectException e = assertThrows(ConnectException.class, () -> alter(Map.of("page", 1L)));
    assertTrue(e.getMessage().contains("'run'"), e.getMessage());
  }
}
