package co.igscraper.kafka.connect.source;

/**
 * The rules by which a control-topic spec changes task, as pure functions of the stored stamp.
 *
 * <p>Within one set of tasks (same {@code tasks.max}), only the task named in the stamp may write
 * the partition until it has released it. A stamp from another number of tasks was written by a set
 * Connect has stopped (and, with exactly-once, fenced) before starting this one, so it binds
 * nobody.
 */
final class Handover {
  /** What the task that now owns a spec does with its partition. */
  enum Claim {
    /** Start the runner from the stored record. */
    ADOPT,
    /** Another task of this set still writes it; look again later. */
    WAIT
  }

  private Handover() {}

  /**
   * For a spec that hashes to task {@code me} of {@code tasks}. With {@code since} (a control-topic
   * offset, or -1), the spec came to this task at {@code since} from another task of this set: only
   * that task's release on or after it proves that nothing it wrote is still on its way (a
   * committed offset can be older than what a task has produced).
   */
  static Claim claim(OwnerStamp stored, int me, int tasks, long since) {
    if (since >= 0) {
      return stored != null
              && stored.tasks() == tasks
              && stored.released()
              && stored.releasedAt() >= since
          ? Claim.ADOPT
          : Claim.WAIT;
    }
    return claim(stored, me, tasks);
  }

  /** For a spec that hashes to task {@code me} of {@code tasks}, with no move to wait for. */
  static Claim claim(OwnerStamp stored, int me, int tasks) {
    if (stored == null || stored.tasks() != tasks || stored.task() == me || stored.released()) {
      return Claim.ADOPT;
    }
    return Claim.WAIT;
  }

  /**
   * For a spec that no longer hashes to task {@code me}: whether this task wrote its partition last
   * and has not let it go, so it must finish the run in flight and release it.
   */
  static boolean mustRelease(OwnerStamp stored, int me, int tasks) {
    return stored != null && stored.tasks() == tasks && stored.task() == me && !stored.released();
  }
}
