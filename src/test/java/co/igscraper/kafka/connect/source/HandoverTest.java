package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import co.igscraper.kafka.connect.source.Handover.Claim;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The handover rules as a table: stored stamp and this task, to what this task does. */
class HandoverTest {
  static Stream<Arguments> table() {
    return Stream.of(
        // stored stamp, me, tasks, claim (spec is mine), must release (spec is not mine)
        Arguments.of(null, 1, 2, Claim.ADOPT, false),
        Arguments.of(new OwnerStamp(1, 2), 1, 2, Claim.ADOPT, true),
        Arguments.of(new OwnerStamp(0, 2), 1, 2, Claim.WAIT, false),
        Arguments.of(new OwnerStamp(0, 2, true, 5), 1, 2, Claim.ADOPT, false),
        Arguments.of(new OwnerStamp(1, 2, true, 5), 1, 2, Claim.ADOPT, false),
        // Another number of tasks: that set is stopped (and fenced) before this one starts.
        Arguments.of(new OwnerStamp(0, 3), 1, 2, Claim.ADOPT, false),
        Arguments.of(new OwnerStamp(1, 3), 1, 2, Claim.ADOPT, false),
        Arguments.of(new OwnerStamp(0, 1), 0, 2, Claim.ADOPT, false));
  }

  @ParameterizedTest
  @MethodSource("table")
  void decides(OwnerStamp stored, int me, int tasks, Claim claim, boolean mustRelease) {
    assertEquals(claim, Handover.claim(stored, me, tasks));
    assertEquals(mustRelease, Handover.mustRelease(stored, me, tasks));
  }

  static Stream<Arguments> moves() {
    return Stream.of(
        // stored stamp, since (the move's control offset), claim: only a release on or after it
        Arguments.of(null, 7L, Claim.WAIT),
        Arguments.of(new OwnerStamp(0, 2), 7L, Claim.WAIT),
        Arguments.of(new OwnerStamp(0, 2, true, 6), 7L, Claim.WAIT),
        Arguments.of(new OwnerStamp(0, 2, true, 7), 7L, Claim.ADOPT),
        Arguments.of(new OwnerStamp(0, 2, true, 8), 7L, Claim.ADOPT),
        Arguments.of(new OwnerStamp(1, 2, true, 3), 7L, Claim.WAIT),
        Arguments.of(new OwnerStamp(0, 3, true, 9), 7L, Claim.WAIT),
        Arguments.of(new OwnerStamp(0, 2), -1L, Claim.WAIT),
        Arguments.of(null, -1L, Claim.ADOPT));
  }

  @ParameterizedTest
  @MethodSource("moves")
  void aMoveWaitsForTheReleaseItCausedNotForAnOlderOne(OwnerStamp stored, long since, Claim claim) {
    assertEquals(claim, Handover.claim(stored, 1, 2, since));
  }

  static Stream<Arguments> stamps() {
    return Stream.of(
        Arguments.of(Map.of(), null),
        Arguments.of(
            Map.of("owner", "1/4", "released", true, "released_at", 9L),
            new OwnerStamp(1, 4, true, 9)),
        Arguments.of(Map.of("owner", "1/4", "released", true), new OwnerStamp(1, 4, true, -1)),
        Arguments.of(Map.of("owner", "0/2"), new OwnerStamp(0, 2)),
        Arguments.of(Map.of("owner", "2/2"), null),
        Arguments.of(Map.of("owner", "x/2"), null),
        Arguments.of(Map.of("owner", "12"), null),
        Arguments.of(Map.of("owner", 3L), null));
  }

  @ParameterizedTest
  @MethodSource("stamps")
  void readsWhatItWritesAndNoStampFromWhatItCannotRead(
      Map<String, Object> offset, OwnerStamp expected) {
    assertEquals(expected, OwnerStamp.read(offset));
    if (expected != null) {
      Map<String, Object> run = new HashMap<>(Map.of("run", 1L));
      assertEquals(expected, OwnerStamp.read(expected.stamp(run)));
      assertEquals(1L, expected.stamp(run).get("run"), "the run record's keys stay");
    }
  }
}
