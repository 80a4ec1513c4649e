package co.igscraper.kafka.connect.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's I/O loop: runs whichever spec is due next and hands its records to {@code poll()}.
 *
 * <p>All HTTP (and control-topic reading) happens on this one thread, so {@code poll()} only waits
 * on a queue and returns within a second. The bounded queue is the backpressure: while Kafka is
 * slower than the API this thread blocks on a full queue; while the API is slower, the next page is
 * already being fetched as {@code poll()} hands out the current one.
 */
final class SpecScheduler implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SpecScheduler.class);
  private static final long SLICE_MS = 500;
  private static final Duration CONTROL_POLL = Duration.ofMillis(100);

  private final Map<String, JobRunner> runners = new LinkedHashMap<>();
  private final BlockingQueue<SourceRecord> queue;
  private final Clock clock;
  private final ControlFollower control;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running = true;
  // When poll() last asked for records: Connect stops asking while the task is paused.
  private volatile Instant lastPoll;
  static final Duration PAUSED_AFTER = Duration.ofSeconds(2);
  private Instant nextControlPoll = Instant.MIN;
  private final DueQueue due = new DueQueue();
  private long controlChanges = -1;
  private final TaskMetrics metrics;
  private Instant nextCensus = Instant.MIN;

  SpecScheduler(
      List<JobRunner> staticRunners,
      ControlFollower control,
      BlockingQueue<SourceRecord> queue,
      Clock clock) {
    this(staticRunners, control, queue, clock, null);
  }

  /** With {@code metrics}, the specs per phase are counted there every half second. */
  SpecScheduler(
      List<JobRunner> staticRunners,
      ControlFollower control,
      BlockingQueue<SourceRecord> queue,
      Clock clock,
      TaskMetrics metrics) {
    this.metrics = metrics;
    staticRunners.forEach(r -> runners.put(r.spec().name(), r));
    due.rebuild(runners.values());
    this.control = control;
    this.queue = queue;
    this.clock = clock;
    this.lastPoll = clock.instant();
  }

  /** The error that stopped the loop, if any; {@code poll()} rethrows it to fail the task. */
  Throwable failure() {
    return failure.get();
  }

  void stop() {
    running = false;
  }

  /** Called by {@code poll()}: the task is being drained, so it is not paused. */
  void polled() {
    lastPoll = clock.instant();
  }

  /**
   * Connect has stopped calling {@code poll()} for a while: the task is paused (or its producer is
   * stuck). Jobs in flight go on paging into the buffer, but no job is submitted and no run starts.
   */
  boolean paused() {
    return clock.instant().isAfter(lastPoll.plus(PAUSED_AFTER));
  }

  @Override
  public void run() {
    try {
      if (control != null) {
        enqueue(control.catchUp(runners));
      }
      // Every spec's row as this task starts, including those that are done and will not step.
      writeTableRows();
      while (running && !Thread.currentThread().isInterrupted()) {
        long waitMs = turn();
        if (waitMs > 0) {
          Thread.sleep(Math.min(waitMs, SLICE_MS));
        }
      }
    } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // Errors too (a LinkageError from a plugin-path conflict, an OOM): a dead loop must fail the
      // task, not leave it RUNNING and idle.
      if (running) {
        failure.set(e);
        log.error("igscraper task stopped working: {}", e.getMessage());
      }
    } finally {
      if (running && failure.get() == null) {
        failure.set(new IllegalStateException("the igscraper I/O thread stopped unexpectedly"));
      }
      if (control != null) {
        // The consumer refuses to close on an interrupted thread; clear the flag, then restore it.
        boolean interrupted = Thread.interrupted();
        try {
          control.close();
        } catch (RuntimeException e) {
          log.debug("Closing the control topic reader failed", e);
        } finally {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }
  }

  /**
   * One turn of the loop: new control records, then one step of the spec due first. Returns 0 when
   * a spec ran, otherwise how many ms until one is due (tests drive it on a manual clock).
   */
  long turn() throws InterruptedException {
    if (metrics != null && !clock.instant().isBefore(nextCensus)) {
      long[] counts = new long[JobRunner.Phase.values().length];
      runners.values().forEach(r -> counts[r.phase().ordinal()]++);
      metrics.phases(counts);
      metrics.stalled(runners.values().stream().filter(JobRunner::stalled).count());
      nextCensus = clock.instant().plusMillis(SLICE_MS);
    }
    if (control != null && !clock.instant().isBefore(nextControlPoll)) {
      enqueue(control.poll(runners, CONTROL_POLL));
      nextControlPoll = clock.instant().plusMillis(SLICE_MS);
    }
    if (control != null && control.changes() != controlChanges) {
      controlChanges = control.changes();
      due.rebuild(runners.values());
      // A runner the control topic added (a turn taken over, a spec added again) may not step
      // soon, if ever (a spec already done): its row is written now.
      writeTableRows();
    }
    JobRunner next = due.peek(paused(), r -> runners.get(r.spec().name()) == r);
    long waitMs =
        next == null ? SLICE_MS : Duration.between(clock.instant(), next.nextDue()).toMillis();
    if (waitMs > 0) {
      return waitMs;
    }
    due.take();
    try {
      enqueue(next.step());
    } finally {
      due.add(next);
    }
    return 0;
  }

  /** The spec-table rows that changed; no scan of the runners when the table is off. */
  private void writeTableRows() throws InterruptedException {
    if (runners.isEmpty() || !runners.values().iterator().next().writesTable()) {
      return;
    }
    // enqueue may block while Connect drains the buffer; it never changes the runners.
    for (JobRunner runner : runners.values()) {
      enqueue(runner.tableRow());
    }
  }

  private void enqueue(List<SourceRecord> records) throws InterruptedException {
    for (SourceRecord record : records) {
      while (!queue.offer(record, 100, TimeUnit.MILLISECONDS)) {
        if (!running) {
          return;
        }
      }
    }
  }
}
