package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import org.junit.jupiter.api.Test;

/** A task Connect stops polling counts as paused until it is polled again. */
class SpecSchedulerPauseTest {
  @Test
  void notPolledForLongerThanTheBoundIsPausedUntilTheNextPoll() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
    SpecScheduler scheduler =
        new SpecScheduler(List.of(), null, new ArrayBlockingQueue<>(1), clock);
    assertFalse(scheduler.paused(), "a task that just started is not paused");
    clock.advance(SpecScheduler.PAUSED_AFTER);
    assertFalse(scheduler.paused(), "at the bound, not yet");
    clock.advance(Duration.ofMillis(1));
    assertTrue(scheduler.paused());
    scheduler.polled();
    assertFalse(scheduler.paused());
  }
}
