package co.igscraper.kafka.connect.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's I/O loop: runs whichever spec is due next and hands its records to {@code poll()}.
 *
 * <p>All HTTP happens on this one thread, so {@code poll()} only waits on a queue and returns
 * within a second. The bounded queue is the backpressure: while Kafka is slower than the API, this
 * thread blocks on a full queue and fetches nothing more; while the API is slower, the next page is
 * already being fetched as {@code poll()} hands out the current one.
 */
final class SpecScheduler implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SpecScheduler.class);
  private static final long IDLE_SLICE_MS = 1_000;

  private final List<JobRunner> runners;
  private final BlockingQueue<SourceRecord> queue;
  private final Clock clock;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running = true;

  SpecScheduler(List<JobRunner> runners, BlockingQueue<SourceRecord> queue, Clock clock) {
    this.runners = List.copyOf(runners);
    this.queue = queue;
    this.clock = clock;
  }

  /** The error that stopped the loop, if any; {@code poll()} rethrows it to fail the task. */
  Throwable failure() {
    return failure.get();
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    try {
      while (running && !Thread.currentThread().isInterrupted()) {
        JobRunner next = nextDue();
        if (next == null) {
          Thread.sleep(IDLE_SLICE_MS);
          continue;
        }
        long waitMs = Duration.between(clock.instant(), next.nextDue()).toMillis();
        if (waitMs > 0) {
          Thread.sleep(Math.min(waitMs, IDLE_SLICE_MS));
          continue;
        }
        for (SourceRecord record : next.step()) {
          while (!queue.offer(record, 100, TimeUnit.MILLISECONDS)) {
            if (!running) {
              return;
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (running) {
        failure.set(e);
        log.error("igscraper task stopped working: {}", e.getMessage());
      }
    }
  }

  private JobRunner nextDue() {
    JobRunner best = null;
    Instant bestDue = null;
    for (JobRunner r : runners) {
      if (r.isActive() && (bestDue == null || r.nextDue().isBefore(bestDue))) {
        best = r;
        bestDue = r.nextDue();
      }
    }
    return best;
  }
}
