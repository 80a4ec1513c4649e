package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.source.JobRunner.EnrichRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A spec's queue of enrichment requests: in order, none lost, none twice, none below the mark. */
class EnrichRequestsTest {
  private static final Addons PROFILES = new Addons(true, false);
  private static final Addons COUNTRY = new Addons(false, true);

  private static EnrichRequest request(String id) {
    return new EnrichRequest(id, COUNTRY);
  }

  private static List<String> drain(EnrichRequests queue) {
    List<String> ids = new ArrayList<>();
    while (!queue.isEmpty()) {
      ids.add(queue.next().id());
      queue.taken();
    }
    return ids;
  }

  @Test
  void requestsAreTakenOnInTheOrderOffered() {
    EnrichRequests queue = new EnrichRequests();
    assertTrue(queue.isEmpty());
    assertNull(queue.next());
    EnrichRequest first = request("control:0:7");
    assertTrue(queue.offer(first, null));
    assertTrue(queue.offer(request("control:0:8"), null));
    assertTrue(queue.offer(request("control:0:12"), null));
    assertSame(first, queue.next());
    assertSame(first, queue.next(), "next only looks; taken removes");
    assertEquals(List.of("control:0:7", "control:0:8", "control:0:12"), drain(queue));
    assertNull(queue.next());
  }

  @Test
  void requestsAtOrBelowTheMarkWereTakenOnBefore() {
    EnrichRequests queue = new EnrichRequests();
    String mark = "control:0:5";
    assertFalse(queue.offer(request("control:0:3"), mark), "below the mark");
    assertFalse(queue.offer(request("control:0:5"), mark), "at the mark");
    assertTrue(queue.isEmpty());
    assertTrue(queue.offer(request("control:0:6"), mark), "above the mark");
    assertEquals(List.of("control:0:6"), drain(queue));
  }

  @Test
  void theMarkComparesOffsetsAsNumbersNotAsText() {
    EnrichRequests queue = new EnrichRequests();
    assertTrue(queue.offer(request("control:0:10"), "control:0:9"));
    assertFalse(queue.offer(request("control:0:9"), "control:0:10"));
  }

  @ParameterizedTest(name = "{0} against mark {1}: taken {2}")
  @CsvSource({
    // another partition: compared as a whole, so only the same id is taken
    "control:1:3, control:0:5, false",
    "control:1:5, control:0:5, false",
    "control:0:5, control:1:9, false",
    // not a control-topic position: compared as a whole
    "manual-7, manual-7, true",
    "manual-7, manual-8, false",
    "manual-7, control:0:5, false",
    "control:0:3, manual-7, false",
    "control:x:3, control:x:5, false",
    "control:x:5, control:x:5, true",
    "control:0:3:1, control:0:5, false",
    "topic:0:3, topic:0:5, false",
    // the same partition: by offset
    "control:0:3, control:0:5, true",
    "control:0:5, control:0:5, true",
    "control:0:6, control:0:5, false",
  })
  void positionsOfOtherPartitionsAndOtherIdsAreComparedAsAWhole(
      String id, String mark, boolean taken) {
    assertEquals(taken, EnrichRequests.isTakenBy(id, mark));
    assertEquals(!taken, new EnrichRequests().offer(request(id), mark));
  }

  @Test
  void withoutAMarkNothingWasTakenOn() {
    assertFalse(EnrichRequests.isTakenBy("control:0:0", null));
    assertFalse(EnrichRequests.isTakenBy("manual-1", null));
  }

  @Test
  void aRequestReadAgainWhileQueuedIsNotQueuedTwice() {
    EnrichRequests queue = new EnrichRequests();
    assertTrue(queue.offer(request("control:0:6"), null));
    assertTrue(queue.offer(request("control:0:7"), null));
    // A restart or a rebalance re-reads the control topic from the start.
    assertFalse(queue.offer(request("control:0:6"), null));
    assertFalse(queue.offer(new EnrichRequest("control:0:7", PROFILES), null));
    assertEquals(List.of("control:0:6", "control:0:7"), drain(queue));
  }

  @Test
  void aRequestTakenOnIsRefusedOnceTheMarkHasMovedToIt() {
    EnrichRequests queue = new EnrichRequests();
    assertTrue(queue.offer(request("control:0:6"), null));
    queue.taken();
    assertFalse(queue.offer(request("control:0:6"), "control:0:6"));
    assertTrue(queue.isEmpty());
  }

  @Test
  void twoRequestsForOneSpecAreBothKept() {
    EnrichRequests queue = new EnrichRequests();
    EnrichRequest profiles = new EnrichRequest("control:0:6", PROFILES);
    EnrichRequest country = new EnrichRequest("control:0:9", COUNTRY);
    assertTrue(queue.offer(profiles, "control:0:2"));
    assertTrue(queue.offer(country, "control:0:2"));
    assertSame(profiles, queue.next(), "the later one does not replace the earlier one");
    queue.taken();
    assertSame(country, queue.next());
    queue.taken();
    assertTrue(queue.isEmpty());
  }
}
