package co.igscraper.kafka.connect.source;

import static co.igscraper.kafka.connect.source.SimulatedRun.cursorOf;
import static co.igscraper.kafka.connect.source.SimulatedRun.events;
import static co.igscraper.kafka.connect.source.SimulatedRun.header;
import static co.igscraper.kafka.connect.source.SimulatedRun.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.TopicNamer;
import co.igscraper.kafka.connect.source.JobRunner.Phase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A job resumed after a restart is finished by the spec version it was submitted for. */
class RunSpecVersionTest {
  private static final JobSpec FOLLOWERS =
      SimulatedRun.spec(
          "{\"name\":\"edited\",\"external_user_id\":\"u-before\",\"tool_type\":\"followers\","
              + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":200}}");
  // The same spec after an edit of tool_type and external_user_id (and so of the topic).
  private static final JobSpec FOLLOWING =
      SimulatedRun.spec(
          "{\"name\":\"edited\",\"external_user_id\":\"u-after\",\"tool_type\":\"following\","
              + "\"params\":{\"usernames\":[\"nasa\"],\"max_following\":120}}");

  private final SimulatedRun world =
      SimulatedRun.builder().pageSize(50).topicTemplate("rows.${tool_type}").start();

  @AfterEach
  void close() {
    world.close();
  }

  /** Runs the followers spec until its job has emitted its first page, more pages to come. */
  private List<SourceRecord> firstPageOfTheFollowersJob() {
    JobRunner runner = world.runner(FOLLOWERS, null);
    List<SourceRecord> records =
        world.stepWhile(runner, () -> runner.phase() != Phase.FETCH || runner.rowsEmitted == 0);
    assertEquals(Phase.FETCH, runner.phase());
    assertEquals(50, rows(records).size(), "one page of 50 rows of 200");
    return records;
  }

  private static SourceRecord last(List<SourceRecord> records) {
    return records.get(records.size() - 1);
  }

  @Test
  void theStoredRunRecordNamesTheSpecVersionOfItsJob() {
    SourceCursor stored = cursorOf(last(firstPageOfTheFollowersJob()));
    assertEquals(new RunSpec("edited", "u-before", "followers", "rows.followers"), stored.origin());
    assertEquals(2, stored.page());
    assertEquals(0, stored.row());
  }

  @Test
  void aJobResumedAfterAnEditIsMappedRoutedAndLabelledAsItWasSubmitted() {
    List<SourceRecord> before = firstPageOfTheFollowersJob();
    String firstJob = header(rows(before).get(0), RecordFactory.HEADER_JOB_ID);
    SourceCursor stored = cursorOf(last(before));

    // The edit restarts the task: a new runner with the edited spec and the stored record.
    JobRunner restarted = world.runner(FOLLOWING, stored);
    List<SourceRecord> rest = world.runUntil(restarted, Phase.SUBMIT);

    List<SourceRecord> restRows = rows(rest);
    assertEquals(150, restRows.size(), "the 150 rows of the first job not yet in Kafka");
    for (SourceRecord row : restRows) {
      assertEquals("rows.followers", row.topic());
      assertEquals(firstJob, header(row, RecordFactory.HEADER_JOB_ID));
      assertEquals("followers", header(row, RecordFactory.HEADER_TOOL));
      assertEquals("u-before", header(row, RecordFactory.HEADER_USER));
      assertEquals("edited", header(row, RecordFactory.HEADER_SPEC));
      assertEquals("co.igscraper.connect.followers.Row", row.valueSchema().name());
      assertEquals("follower", ((Struct) row.value()).getString("type"));
      assertEquals(
          new RunSpec("edited", "u-before", "followers", "rows.followers"),
          cursorOf(row).origin(),
          "every later record still says which version the job was for");
    }
    for (Struct event : events(rest)) {
      assertEquals("followers", event.getString("tool_type"), event::toString);
      assertEquals("u-before", event.getString("external_user_id"), event::toString);
    }
    assertEquals(1, cursorOf(restRows.get(restRows.size() - 1)).run());
    assertTrue(cursorOf(restRows.get(restRows.size() - 1)).done(), "the first job is finished");

    // Then the edited spec starts run 2: a new job, as the spec is now.
    List<SourceRecord> run2 = world.runUntil(restarted, Phase.DONE);
    assertEquals(2, restarted.run());
    List<SourceRecord> run2Rows = rows(run2);
    assertEquals(120, run2Rows.size());
    for (SourceRecord row : run2Rows) {
      assertEquals("rows.following", row.topic());
      assertEquals("following", header(row, RecordFactory.HEADER_TOOL));
      assertEquals("u-after", header(row, RecordFactory.HEADER_USER));
      assertEquals("co.igscraper.connect.following.Row", row.valueSchema().name());
      assertTrue(!firstJob.equals(header(row, RecordFactory.HEADER_JOB_ID)), "a new job");
    }
    for (Struct event : events(run2)) {
      assertEquals("following", event.getString("tool_type"), event::toString);
      assertEquals("u-after", event.getString("external_user_id"), event::toString);
    }
    assertEquals(1, world.sim.stats().jobsCreatedFor("u-before"));
    assertEquals(1, world.sim.stats().jobsCreatedFor("u-after"));
  }

  @Test
  void aTopicTemplateEditDoesNotMoveTheRowsOfAJobInFlight() {
    SourceCursor stored = cursorOf(last(firstPageOfTheFollowersJob()));
    RunnerContext renamed =
        SimulatedRun.withRecords(
            world.ctx,
            new RecordFactory(
                world.ctx.connectorName(),
                new TopicNamer("renamed.${job}"),
                Optional.of(SimulatedRun.EVENTS),
                world.clock,
                world.ctx.metrics()));
    JobRunner restarted = new JobRunner(FOLLOWERS, stored, renamed);
    List<SourceRecord> restRows = rows(world.runUntil(restarted, Phase.DONE));
    assertEquals(150, restRows.size());
    assertEquals(
        Set.of("rows.followers"),
        restRows.stream().map(SourceRecord::topic).collect(Collectors.toSet()),
        "the job in flight finishes on the topic it started on");
    assertEquals(1, world.sim.stats().jobsCreatedFor("u-before"), "no new run: same content");
  }

  @Test
  void aFormatOneRecordWithoutAnOriginResumesWithTheSpecAsItIsNow() {
    List<SourceRecord> before = firstPageOfTheFollowersJob();
    String firstJob = header(rows(before).get(0), RecordFactory.HEADER_JOB_ID);
    // The same position as a task of the previous version stored it: no v, no origin.
    Map<String, Object> formatOne = new HashMap<>(last(before).sourceOffset());
    formatOne
        .keySet()
        .removeAll(Set.of("v", "spec_name", "external_user_id", "tool_type", "topic"));
    formatOne.remove("reemit_at");
    SourceCursor stored = SourceCursor.fromMap(formatOne);
    assertNull(stored.origin());

    JobRunner restarted = world.runner(FOLLOWING, stored);
    List<SourceRecord> restRows = rows(world.runUntil(restarted, Phase.SUBMIT));

    assertEquals(150, restRows.size(), "the first job is still finished, not abandoned");
    assertEquals(
        Set.of("rows.following"),
        restRows.stream().map(SourceRecord::topic).collect(Collectors.toSet()),
        "documented fallback: a format-1 job follows the spec as it is now");
    for (SourceRecord row : restRows) {
      assertEquals(firstJob, header(row, RecordFactory.HEADER_JOB_ID));
      assertEquals("following", header(row, RecordFactory.HEADER_TOOL));
      assertEquals("u-after", header(row, RecordFactory.HEADER_USER));
      assertEquals("co.igscraper.connect.following.Row", row.valueSchema().name());
    }
    world.runUntil(restarted, Phase.DONE);
    assertEquals(2, restarted.run());
    assertEquals(1, world.sim.stats().jobsCreatedFor("u-after"));
  }

  @Test
  void aFormatOneJobKeepsTheVersionItResumedWithThroughAnotherEdit() {
    List<SourceRecord> before = firstPageOfTheFollowersJob();
    Map<String, Object> formatOne = new HashMap<>(last(before).sourceOffset());
    formatOne
        .keySet()
        .removeAll(Set.of("v", "spec_name", "external_user_id", "tool_type", "topic"));
    formatOne.remove("reemit_at");

    // Upgraded by a task with the spec as it is now, which finishes the job as that version...
    JobRunner upgraded = world.runner(FOLLOWING, SourceCursor.fromMap(formatOne));
    List<SourceRecord> secondPage = world.stepWhile(upgraded, () -> upgraded.rowsEmitted < 50);
    assertEquals(50, rows(secondPage).size());
    SourceRecord lastUpgraded = last(rows(secondPage));
    assertEquals("rows.following", lastUpgraded.topic());

    // ...so a second edit while the same job is in flight does not move its rows again.
    JobSpec third =
        SimulatedRun.spec(
            "{\"name\":\"edited\",\"external_user_id\":\"u-third\",\"tool_type\":\"followers\","
                + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":10}}");
    JobRunner again = world.runner(third, cursorOf(lastUpgraded));
    List<SourceRecord> restRows = rows(world.runUntil(again, Phase.SUBMIT));
    assertEquals(100, restRows.size());
    for (SourceRecord row : restRows) {
      assertEquals("rows.following", row.topic(), "the job's rows stay where they went");
      assertEquals("u-after", header(row, RecordFactory.HEADER_USER));
    }
    assertEquals(
        new RunSpec("edited", "u-after", "following", "rows.following"),
        cursorOf(lastUpgraded).origin(),
        "the record written after the upgrade names the version the job is now finished by");
  }
}
