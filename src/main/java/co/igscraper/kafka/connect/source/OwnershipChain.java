package co.igscraper.kafka.connect.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Which task a spec belongs to, turn by turn, in control-topic order: pure logic over the control
 * records every task reads in the same order, so every task draws the same chain.
 *
 * <p>A turn starts when a record gives the spec to a task other than the one before (or to nobody:
 * a tombstone) and ends at the next such record. The task of a turn writes the spec's partition
 * only after the release that ended the previous task's turn ({@link Move#since}), and releases it
 * at the record that ends its own.
 */
final class OwnershipChain {
  static final int NOBODY = -1;

  /**
   * The record at control offset {@code at} gives the spec from task {@code from} to task {@code
   * to} ({@link #NOBODY} for none); {@code to} waits for a release at or after {@code since} (-1:
   * the spec had no earlier turn, nobody to wait for).
   */
  record Move(int from, int to, long at, long since) {}

  /** One task's turn: wait for a release at or after {@code since}, release at {@code end}. */
  record Turn(int owner, long since, long end) {}

  private int owner = NOBODY;
  private long lastRelease = -1;

  /** The move the record at {@code at} makes by giving the spec to {@code to}, or null if none. */
  Move apply(int to, long at) {
    if (to == owner) {
      return null;
    }
    long since = owner != NOBODY ? at : lastRelease;
    if (owner != NOBODY) {
      lastRelease = at;
    }
    Move move = new Move(owner, to, at, since);
    owner = to;
    return move;
  }

  int owner() {
    return owner;
  }

  /** No task has ever had the spec. */
  boolean untouched() {
    return owner == NOBODY && lastRelease < 0;
  }

  /** The turns the moves make, in order (turns of nobody left out). */
  static List<Turn> turns(List<Move> moves) {
    List<Turn> turns = new ArrayList<>();
    for (int i = 0; i < moves.size(); i++) {
      Move m = moves.get(i);
      long end = i + 1 < moves.size() ? moves.get(i + 1).at() : -1;
      if (m.to() != NOBODY) {
        turns.add(new Turn(m.to(), m.since(), end));
      }
    }
    return turns;
  }

  /**
   * The index in {@code turns} of the turn whose task holds the partition or is next to take it, as
   * the stored offset tells: {@code hasOffset} false for none stored, {@code stamp} null for an
   * offset written before stamps existed (the last turn then takes it as it is).
   */
  static int current(List<Turn> turns, boolean hasOffset, OwnerStamp stamp) {
    if (turns.isEmpty()) {
      return -1;
    }
    int last = turns.size() - 1;
    if (!hasOffset) {
      return 0;
    }
    if (stamp == null) {
      return last;
    }
    if (stamp.released()) {
      if (stamp.releasedAt() < 0) {
        return last; // released before releases said where
      }
      for (int i = 0; i < turns.size(); i++) {
        if (turns.get(i).since() >= stamp.releasedAt() && turns.get(i).since() >= 0) {
          return i; // the first turn that waits for this release (or a later one)
        }
      }
      return last;
    }
    for (int i = last; i >= 0; i--) {
      Turn t = turns.get(i);
      if (t.owner() == stamp.task() && t.since() == stamp.since()) {
        return i;
      }
    }
    for (int i = last; i >= 0; i--) {
      if (turns.get(i).owner() == stamp.task()) {
        return i;
      }
    }
    return last;
  }
}
