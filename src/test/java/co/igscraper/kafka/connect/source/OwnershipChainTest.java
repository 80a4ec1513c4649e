package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import co.igscraper.kafka.connect.source.OwnershipChain.Move;
import co.igscraper.kafka.connect.source.OwnershipChain.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The turns control records make, and which turn a stored offset says is current, as tables. */
class OwnershipChainTest {
  private static final int N = OwnershipChain.NOBODY;

  /** Records giving the spec to these tasks (N: a tombstone) at offsets 10, 20, 30, ... */
  private static List<Move> moves(int... owners) {
    OwnershipChain chain = new OwnershipChain();
    List<Move> moves = new ArrayList<>();
    for (int i = 0; i < owners.length; i++) {
      Move m = chain.apply(owners[i], 10L * (i + 1));
      if (m != null) {
        moves.add(m);
      }
    }
    return moves;
  }

  @Test
  void movesAndTurns() {
    assertEquals(
        List.of(new Turn(0, -1, 30), new Turn(1, 30, 40), new Turn(0, 40, -1)),
        OwnershipChain.turns(moves(0, 0, 1, 0)));
    // A tombstone ends a turn; the next task waits for the release made at it.
    assertEquals(
        List.of(new Turn(0, -1, 20), new Turn(1, 20, -1)), OwnershipChain.turns(moves(0, N, 1)));
    assertEquals(List.of(new Turn(0, -1, 20)), OwnershipChain.turns(moves(0, N, N)));
    assertNull(new OwnershipChain().apply(N, 5), "a tombstone of a spec nobody had moves nothing");
  }

  static Stream<Arguments> positions() {
    List<Turn> flapping = OwnershipChain.turns(moves(0, 1, 0, 1)); // since -1, 20, 30, 40
    return Stream.of(
        Arguments.of(flapping, false, null, 0),
        Arguments.of(flapping, true, null, 3), // written before stamps: the last turn takes it
        Arguments.of(flapping, true, new OwnerStamp(0, 2, false, -1, -1), 0),
        Arguments.of(flapping, true, new OwnerStamp(0, 2, true, 20, -1), 1),
        Arguments.of(flapping, true, new OwnerStamp(1, 2, false, -1, 20), 1),
        Arguments.of(flapping, true, new OwnerStamp(1, 2, true, 30, 20), 2),
        Arguments.of(flapping, true, new OwnerStamp(0, 2, false, -1, 30), 2),
        Arguments.of(flapping, true, new OwnerStamp(0, 2, true, 40, 30), 3),
        Arguments.of(flapping, true, new OwnerStamp(1, 2, false, -1, 40), 3),
        Arguments.of(flapping, true, new OwnerStamp(1, 2, true, -1, -1), 3),
        Arguments.of(List.of(), true, null, -1));
  }

  @ParameterizedTest
  @MethodSource("positions")
  void theStoredOffsetSaysWhichTurnIsCurrent(
      List<Turn> turns, boolean hasOffset, OwnerStamp stamp, int current) {
    assertEquals(current, OwnershipChain.current(turns, hasOffset, stamp));
  }
}
