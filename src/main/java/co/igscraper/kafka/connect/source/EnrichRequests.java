package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.source.JobRunner.EnrichRequest;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A spec's enrichment requests from the control topic, each taken on exactly once: in order, none
 * replacing another, and none at or below the high-water mark stored in the run record, however
 * often a restart replays the topic and however compaction has run.
 */
final class EnrichRequests {
  private final Deque<EnrichRequest> pending = new ArrayDeque<>();

  /**
   * Queues {@code request} unless the mark says it was taken on before, or it is already queued.
   *
   * @return whether it was queued
   */
  boolean offer(EnrichRequest request, String mark) {
    if (isTakenBy(request.id(), mark)) {
      return false;
    }
    for (EnrichRequest queued : pending) {
      if (queued.id().equals(request.id())) {
        return false;
      }
    }
    pending.addLast(request);
    return true;
  }

  EnrichRequest next() {
    return pending.peekFirst();
  }

  void taken() {
    pending.pollFirst();
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  /**
   * Whether a request at {@code id} is at or below {@code mark}. Positions are {@code
   * control:<partition>:<offset>}; one spec's requests share a key and so a partition, and any
   * other id is compared as a whole.
   */
  static boolean isTakenBy(String id, String mark) {
    if (mark == null) {
      return false;
    }
    long[] a = position(id);
    long[] b = position(mark);
    if (a == null || b == null || a[0] != b[0]) {
      return id.equals(mark);
    }
    return a[1] <= b[1];
  }

  private static long[] position(String id) {
    String[] parts = id.split(":");
    if (parts.length != 3 || !parts[0].equals("control")) {
      return null;
    }
    try {
      return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
