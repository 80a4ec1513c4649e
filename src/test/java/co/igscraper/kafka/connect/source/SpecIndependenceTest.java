package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.ClientSettings;
import co.igscraper.kafka.connect.client.IgScraperClient;
import co.igscraper.kafka.connect.client.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * One end user's spent submit quota never holds up another user's paging in the same task: the spec
 * without a permit is rescheduled for when it frees, and submits then.
 */
class SpecIndependenceTest {
  private static final String PAGING =
      "{\"name\":\"pager\",\"external_user_id\":\"u-pager\","
          + "\"tool_type\":\"followers\",\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":2000}}";

  private static String quotaSpec(String name) {
    return "{\"name\":\""
        + name
        + "\",\"external_user_id\":\"u-quota\",\"tool_type\":\"followers\","
        + "\"params\":{\"usernames\":[\"esa\"],\"max_followers\":10}}";
  }

  /** The manual-clock time the pager's job took from its submit to its last row. */
  private record Outcome(
      Duration pagerPaging, Instant secondQuotaSubmit, Instant firstQuotaSubmit) {}

  private static Outcome run(boolean withQuotaSpecs) throws InterruptedException {
    try (SimulatedRun world = SimulatedRun.builder().pageSize(20).start()) {
      IgScraperClient client =
          new IgScraperClient(
              ClientSettings.builder()
                  .baseUrl(world.sim.baseUrl())
                  .apiKey(SimulatedRun.KEY)
                  // One submit per user per hour; everything else plentiful.
                  .rateLimits(new RateLimits(100_000, 1_000_000, 100_000, 1, 1))
                  .maxPermitWait(Duration.ZERO)
                  .build(),
              () -> world.clock.millis() * 1_000_000L);
      RunnerContext ctx = SimulatedRun.withClient(world.ctx, client);
      List<JobRunner> runners = new ArrayList<>();
      if (withQuotaSpecs) {
        runners.add(new JobRunner(SimulatedRun.spec(quotaSpec("quota-1")), null, ctx));
        runners.add(new JobRunner(SimulatedRun.spec(quotaSpec("quota-2")), null, ctx));
      }
      JobRunner pager = new JobRunner(SimulatedRun.spec(PAGING), null, ctx);
      runners.add(pager);
      long pagerRows = 0;
      BlockingQueue<SourceRecord> queue = new ArrayBlockingQueue<>(10_000);
      SpecScheduler scheduler = new SpecScheduler(runners, null, queue, world.clock);
      Instant pagerSubmit = null;
      Instant pagerDone = null;
      List<Instant> quotaSubmits = new ArrayList<>();
      for (int turn = 0;
          turn < 100_000 && (pagerDone == null || quotaSubmits.size() < (withQuotaSpecs ? 2 : 0));
          turn++) {
        scheduler.polled();
        long waitMs = scheduler.turn();
        List<SourceRecord> out = new ArrayList<>();
        queue.drainTo(out);
        for (var event : SimulatedRun.events(out)) {
          String type = event.getString("event_type");
          String spec = event.getString("spec_name");
          if (type.equals("SUBMITTED") && spec.equals("pager")) {
            pagerSubmit = world.clock.instant();
          } else if (type.equals("SUBMITTED")) {
            quotaSubmits.add(world.clock.instant());
          }
        }
        pagerRows +=
            SimulatedRun.rows(out).stream()
                .filter(r -> "pager".equals(SimulatedRun.header(r, RecordFactory.HEADER_SPEC)))
                .count();
        if (pager.phase() == JobRunner.Phase.DONE && pagerDone == null) {
          pagerDone = world.clock.instant(); // its last row was just handed on
          assertEquals(2000, pagerRows);
        }
        if (waitMs > 0) {
          world.clock.advance(Duration.ofMillis(waitMs));
        }
      }
      client.close();
      return new Outcome(
          Duration.between(pagerSubmit, pagerDone),
          quotaSubmits.size() > 1 ? quotaSubmits.get(1) : null,
          quotaSubmits.isEmpty() ? null : quotaSubmits.get(0));
    }
  }

  @Test
  void aSpentUserQuotaLeavesAnotherUsersPagingAtFullSpeedAndSubmitsWhenItFrees()
      throws InterruptedException {
    Outcome alone = run(false);
    Outcome shared = run(true);
    System.out.println(
        "FIGURE pager's job (2,000 rows, 100 pages), submit to last row on the manual clock: alone "
            + alone.pagerPaging().toMillis()
            + " ms, beside a user whose submit quota is spent "
            + shared.pagerPaging().toMillis()
            + " ms");
    assertEquals(alone.pagerPaging(), shared.pagerPaging(), "not a millisecond slower");
    Duration untilSecond = Duration.between(shared.firstQuotaSubmit(), shared.secondQuotaSubmit());
    assertTrue(
        untilSecond.compareTo(Duration.ofHours(1)) >= 0
            && untilSecond.compareTo(Duration.ofHours(1).plusSeconds(2)) <= 0,
        "the second spec of the spent user submits as its permit frees: " + untilSecond);
  }
}
