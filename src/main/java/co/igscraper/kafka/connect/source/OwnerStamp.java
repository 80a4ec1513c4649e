package co.igscraper.kafka.connect.source;

import java.util.HashMap;
import java.util.Map;

/**
 * Which task wrote a run record ({@code task} of {@code tasks}), and whether that task has let the
 * partition go ({@code released}); stored beside the run record in every offset.
 *
 * <p>A control-topic spec changes task when its {@code external_user_id} does. The stamp lets the
 * new owner start only once the old owner's last record is committed, so each source partition has
 * exactly one writer at a time.
 */
record OwnerStamp(int task, int tasks, boolean released, long releasedAt, long since) {
  static final String OWNER = "owner";
  static final String RELEASED = "released";
  static final String RELEASED_AT = "released_at";
  static final String SINCE = "owner_since";

  OwnerStamp {
    if (tasks < 1 || task < 0 || task >= tasks) {
      throw new IllegalArgumentException("task " + task + " of " + tasks);
    }
  }

  /** A writer that holds the partition. */
  OwnerStamp(int task, int tasks) {
    this(task, tasks, false, -1, -1);
  }

  /** Released (or not) at {@code releasedAt}, in a turn that began with no release to wait for. */
  OwnerStamp(int task, int tasks, boolean released, long releasedAt) {
    this(task, tasks, released, releasedAt, -1);
  }

  /** The same writer in the turn that waited for the release at {@code since} (-1: none). */
  OwnerStamp inTurnSince(long since) {
    return new OwnerStamp(task, tasks, released, releasedAt, since);
  }

  /**
   * The same writer, having given the partition up on reading the control record at {@code at} (its
   * offset in the control topic: every version of one spec is in one partition).
   */
  OwnerStamp release(long at) {
    return new OwnerStamp(task, tasks, true, at, since);
  }

  /** {@code offset} with this stamp added; the run record's own keys are left as they are. */
  Map<String, Object> stamp(Map<String, Object> offset) {
    Map<String, Object> stamped = new HashMap<>(offset);
    stamped.put(OWNER, task + "/" + tasks);
    stamped.put(RELEASED, released);
    if (released) {
      stamped.put(RELEASED_AT, releasedAt);
    }
    stamped.put(SINCE, since);
    return stamped;
  }

  /**
   * The stamp of a stored offset; null when it has none (written before stamps existed, or set
   * through the offsets REST API) or an unreadable one, which no task waits for.
   */
  static OwnerStamp read(Map<String, ?> offset) {
    if (offset == null || !(offset.get(OWNER) instanceof String owner)) {
      return null;
    }
    int slash = owner.indexOf('/');
    try {
      int task = Integer.parseInt(owner.substring(0, slash));
      int tasks = Integer.parseInt(owner.substring(slash + 1));
      long at = offset.get(RELEASED_AT) instanceof Number n ? n.longValue() : -1;
      long since = offset.get(SINCE) instanceof Number n ? n.longValue() : -1;
      return new OwnerStamp(task, tasks, Boolean.TRUE.equals(offset.get(RELEASED)), at, since);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
