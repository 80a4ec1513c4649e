package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.source.ControlTopicReader.ControlRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Control records reach their runner whatever order compaction has left them in. */
class ControlFollowerTest {
  private static final String SPEC =
      "{\"name\":\"late\",\"external_user_id\":\"u-late\",\"tool_type\":\"followers\","
          + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":10}}";
  private static final String ADDONS = "{\"enrich_country_date\":true}";

  private static ControlFollower follower(SimulatedRun world, int taskCount, int taskIndex) {
    return new ControlFollower(
        null,
        new ControlState(Set.of(), 12, 5, true),
        taskIndex,
        taskCount,
        (spec, offset) -> new JobRunner(spec, null, world.ctx),
        names -> Map.of(),
        world.ctx.records(),
        world.ctx.metrics(),
        world.clock);
  }

  @Test
  void anEnrichmentRequestReadBeforeItsSpecIsKeptForIt() {
    try (SimulatedRun world = SimulatedRun.start()) {
      Map<String, JobRunner> runners = new LinkedHashMap<>();
      // Compaction removed the spec's first version: its request now comes before the survivor.
      follower(world, 1, 0)
          .apply(
              List.of(
                  new ControlRecord("enrich:late", ADDONS, "control:0:3"),
                  new ControlRecord("late", SPEC, "control:0:4")),
              runners);
      JobRunner runner = runners.get("late");
      assertEquals(
          new JobRunner.EnrichRequest("control:0:3", new Addons(false, true)),
          runner.enrichments.next());
    }
  }

  @Test
  void aRemovedSpecsJobNoLongerCountsAsRunning() {
    try (SimulatedRun world = SimulatedRun.start()) {
      Map<String, JobRunner> runners = new LinkedHashMap<>();
      ControlFollower follower = follower(world, 1, 0);
      follower.apply(List.of(new ControlRecord("late", SPEC, "control:0:1")), runners);
      world.step(runners.get("late")); // submitted: a job in flight
      assertEquals(1, world.ctx.metrics().jobsRunning());
      follower.apply(List.of(new ControlRecord("late", null, "control:0:2")), runners);
      assertEquals(0, world.ctx.metrics().jobsRunning(), "the tombstone took its job along");
    }
  }
}
