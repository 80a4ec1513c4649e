package co.igscraper.kafka.connect.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * The task's runners ordered by when each is due, so finding the next one costs a heap operation,
 * not a scan of 100,000 runners.
 *
 * <p>Entries are never updated in place: a runner is added again whenever its due time may have
 * changed (after its step, or by a rebuild after control records), and an entry whose time no
 * longer matches its runner is stale and skipped. While the task is paused, runners whose next step
 * would start something are set aside until it is not.
 */
final class DueQueue {
  private record Entry(Instant at, long seq, JobRunner runner) {}

  private final PriorityQueue<Entry> heap =
      new PriorityQueue<>(Comparator.comparing(Entry::at).thenComparingLong(Entry::seq));
  private final List<JobRunner> setAside = new ArrayList<>();
  private long seq;

  /** All runners afresh: after control records added, changed or removed some. */
  void rebuild(Collection<JobRunner> runners) {
    heap.clear();
    setAside.clear();
    runners.forEach(this::add);
  }

  /** Queues {@code runner} at its current due time; a runner with nothing to do is left out. */
  void add(JobRunner runner) {
    if (runner.isActive()) {
      heap.add(new Entry(runner.nextDue(), seq++, runner));
    }
  }

  /**
   * The runner due first, or null; {@code current} says whether a runner is still the task's. Not
   * removed: call {@link #take()} when it runs.
   */
  JobRunner peek(boolean paused, Predicate<JobRunner> current) {
    if (!paused && !setAside.isEmpty()) {
      setAside.forEach(this::add);
      setAside.clear();
    }
    while (!heap.isEmpty()) {
      Entry top = heap.peek();
      JobRunner runner = top.runner();
      if (!runner.isActive() || !top.at().equals(runner.nextDue()) || !current.test(runner)) {
        heap.poll(); // stale: the runner was queued again, finished, or dropped
      } else if (paused && runner.startsSomething()) {
        heap.poll();
        setAside.add(runner);
      } else {
        return runner;
      }
    }
    return null;
  }

  /** Removes the runner {@link #peek} returned; add it again after its step. */
  void take() {
    heap.poll();
  }

  int size() {
    return heap.size();
  }
}
