package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The due queue hands out the runner due first, skips stale entries, and holds starts in pause. */
class DueQueueTest {
  private static JobRunner runner(SimulatedRun world, String name) {
    return world.runner(
        SimulatedRun.spec(
            "{\"name\":\""
                + name
                + "\",\"external_user_id\":\"u-"
                + name
                + "\",\"tool_type\":\"followers\",\"params\":{\"usernames\":[\"nasa\"]}}"),
        null);
  }

  @Test
  void handsOutTheEarliestAndSkipsWhatIsStaleOrGone() {
    try (SimulatedRun world = SimulatedRun.start()) {
      JobRunner a = runner(world, "a");
      JobRunner b = runner(world, "b");
      JobRunner c = runner(world, "c");
      a.nextDue = world.clock.instant().plusSeconds(30);
      b.nextDue = world.clock.instant().plusSeconds(10);
      c.nextDue = world.clock.instant().plusSeconds(20);
      DueQueue queue = new DueQueue();
      queue.rebuild(List.of(a, b, c));
      assertSame(b, queue.peek(false, r -> true));
      queue.take();
      // b's step moved it to later than the others; c was re-timed without being queued again.
      b.nextDue = world.clock.instant().plusSeconds(40);
      queue.add(b);
      c.nextDue = world.clock.instant().plusSeconds(5);
      assertSame(a, queue.peek(false, r -> true), "c's old entry is stale, its new time unknown");
      queue.rebuild(List.of(a, b, c));
      assertSame(c, queue.peek(false, r -> true));
      assertSame(a, queue.peek(false, r -> r != c), "a runner no longer the task's is skipped");
      queue.take();
      assertSame(b, queue.peek(false, r -> r != c));
      queue.take();
      assertNull(queue.peek(false, r -> r != c));
    }
  }

  @Test
  void whilePausedRunnersThatWouldStartSomethingWaitAndComeBackAfter() {
    try (SimulatedRun world = SimulatedRun.start()) {
      JobRunner submitting = runner(world, "s");
      JobRunner polling = runner(world, "p");
      world.step(polling); // submitted: it polls next
      assertEquals(JobRunner.Phase.POLL, polling.phase());
      polling.nextDue = submitting.nextDue().plus(Duration.ofSeconds(1));
      DueQueue queue = new DueQueue();
      queue.rebuild(List.of(submitting, polling));
      assertSame(polling, queue.peek(true, r -> true), "a job in flight goes on in a pause");
      queue.take();
      assertNull(queue.peek(true, r -> true));
      assertSame(submitting, queue.peek(false, r -> true), "resumed: the submit is due again");
    }
  }
}
