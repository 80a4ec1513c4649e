package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.config.ControlGuards;
import co.igscraper.kafka.connect.config.TopicNamer;
import co.igscraper.kafka.connect.source.ControlTopicReader.ControlRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * A control-topic spec whose end user moves it to the other of two tasks: the old task finishes the
 * run in flight and releases the partition, the new one starts only once that is committed, and the
 * offsets show one writer at a time; also across a restart of the old task.
 */
class SpecHandoverTest {
  private static final String USER_0 = userOf(0);
  private static final String USER_1 = userOf(1);

  /** Two tasks over one world, and the offsets Connect has committed. */
  private static final class TwoTasks {
    final SimulatedRun world = SimulatedRun.builder().processingFor(Duration.ofSeconds(2)).start();
    final Map<String, Map<String, Object>> committed = new HashMap<>();
    // Every offset committed, in order: (spec, stamp) pairs.
    final List<OwnerStamp> writes = new ArrayList<>();
    final List<SourceRecord> delivered = new ArrayList<>();
    final List<ControlRecord> topic = new ArrayList<>();
    final List<Map<String, JobRunner>> runners =
        List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
    final List<ControlFollower> followers = new ArrayList<>(List.of(follower(0), follower(1)));

    ControlFollower follower(int task) {
      RecordFactory records =
          new RecordFactory(
              "simulated",
              new TopicNamer("rows"),
              Optional.of(SimulatedRun.EVENTS),
              world.clock,
              world.ctx.metrics(),
              new OwnerStamp(task, 2));
      RunnerContext ctx = SimulatedRun.withRecords(world.ctx, records);
      return new ControlFollower(
          null,
          new ControlState(
              Set.of(),
              12,
              5,
              true,
              user -> TaskAssignment.ownerOf(user, 2) == task,
              ControlGuards.NONE),
          task,
          2,
          (spec, offset) -> new JobRunner(spec, SourceCursor.fromStored(offset), ctx),
          names -> {
            Map<String, Map<String, Object>> found = new HashMap<>();
            names.forEach(
                n -> Optional.ofNullable(committed.get(n)).ifPresent(o -> found.put(n, o)));
            return found;
          },
          records,
          world.ctx.metrics(),
          world.clock);
    }

    void control(String key, String value) {
      ControlRecord record = new ControlRecord(key, value, "control:0:" + topic.size());
      topic.add(record);
      for (int t = 0; t < 2; t++) {
        commit(followers.get(t).apply(List.of(record), runners.get(t)));
      }
    }

    /** Task 0 dies with what it has not committed, and starts again from the control topic. */
    void restartTask0(List<ControlRecord> compactedTopic) {
      runners.get(0).clear();
      followers.set(0, follower(0));
      commit(followers.get(0).catchUp(compactedTopic, runners.get(0)));
    }

    // Records written but whose offsets are not committed yet (when commits are held back).
    final List<SourceRecord> uncommitted = new ArrayList<>();
    boolean holdCommits;

    /** Connect writes the records and commits their offsets, in order (later, when held back). */
    void commit(List<SourceRecord> records) {
      if (holdCommits) {
        uncommitted.addAll(records);
        return;
      }
      commitNow(records);
    }

    /** The offset commit that was held back. */
    void flush() {
      List<SourceRecord> all = new ArrayList<>(uncommitted);
      uncommitted.clear();
      commitNow(all);
    }

    private void commitNow(List<SourceRecord> records) {
      for (SourceRecord r : records) {
        delivered.add(r);
        if (r.sourcePartition() != null) {
          @SuppressWarnings("unchecked")
          Map<String, Object> offset = (Map<String, Object>) r.sourceOffset();
          committed.put(SpecPartition.specName(r.sourcePartition()), offset);
          writes.add(OwnerStamp.read(offset));
        }
      }
    }

    JobRunner runner(int task) {
      return runners.get(task).get("mover");
    }

    /** One step of task {@code t}'s runner (clock to its due time), committed. */
    void step(int t) {
      commit(world.step(runner(t)));
    }

    /** Steps task {@code t}'s runner until its run is all in Kafka. */
    void runToDone(int t) {
      JobRunner runner = runner(t);
      while (runner.phase() != JobRunner.Phase.DONE) {
        step(t);
      }
    }

    /** Steps task 0 until some rows of its job are in Kafka: the job is being paged. */
    void pageSome(int rows) {
      while (SimulatedRun.rows(delivered).size() < rows) {
        step(0);
      }
    }

    void settle() {
      world.clock.advance(ControlFollower.AWAIT_CHECK);
      for (int t = 0; t < 2; t++) {
        followers.get(t).settle(runners.get(t));
      }
    }

    Set<String> rowIds() {
      Set<String> ids = new HashSet<>();
      for (SourceRecord r : SimulatedRun.rows(delivered)) {
        String id =
            SimulatedRun.header(r, RecordFactory.HEADER_JOB_ID)
                + "/"
                + SimulatedRun.header(r, RecordFactory.HEADER_PAGE)
                + "/"
                + SimulatedRun.header(r, RecordFactory.HEADER_ROW);
        assertTrue(ids.add(id), "row " + id + " delivered twice");
      }
      return ids;
    }

    /**
     * The partition had one writer at a time: the writer changes only right after a released write,
     * and a task that released writes again only after another task did.
     */
    void assertOneWriterAtATime() {
      for (int i = 1; i < writes.size(); i++) {
        OwnerStamp before = writes.get(i - 1);
        OwnerStamp now = writes.get(i);
        if (now.task() != before.task()) {
          assertTrue(before.released(), "write " + i + " by another task before a release");
        } else {
          assertFalse(before.released(), "write " + i + " after its own task released");
        }
      }
    }
  }

  private static String spec(String user, int rows) {
    return "{\"name\":\"mover\",\"external_user_id\":\""
        + user
        + "\",\"tool_type\":\"followers\",\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":"
        + rows
        + "}}";
  }

  private static String userOf(int task) {
    for (int i = 0; ; i++) {
      String user = "handover-user-" + i;
      if (TaskAssignment.ownerOf(user, 2) == task) {
        return user;
      }
    }
  }

  @Test
  void aSpecMovedWhileItsJobIsPagedIsFinishedByItsOldTaskThenRunByTheNewOne() {
    TwoTasks tasks = new TwoTasks();
    try (SimulatedRun world = tasks.world) {
      tasks.control("mover", spec(USER_0, 250));
      assertNull(tasks.runner(1));
      JobRunner old = tasks.runner(0);
      tasks.pageSome(1);
      assertEquals(JobRunner.Phase.FETCH, old.phase());

      tasks.control("mover", spec(USER_1, 40));
      assertNull(tasks.runner(1), "the new task waits: the old one still writes the partition");
      assertEquals(1, tasks.followers.get(1).awaitingHandover());
      while (!old.released()) {
        tasks.step(0);
        tasks.settle();
        if (!old.released()) {
          assertNull(tasks.runner(1), "never two writers");
        }
      }
      tasks.settle();
      assertNull(tasks.runner(0), "the released runner is dropped");
      assertNotNull(tasks.runner(1), "then the new task runs it");
      assertEquals(0, tasks.followers.get(1).awaitingHandover());
      tasks.runToDone(1);

      assertEquals(250 + 40, tasks.rowIds().size(), "every row of both jobs exactly once");
      assertEquals(1, world.sim.stats().jobsCreatedFor(USER_0), "the old job was finished, once");
      assertEquals(1, world.sim.stats().jobsCreatedFor(USER_1));
      assertTrue(
          SimulatedRun.eventTypes(tasks.delivered).contains("HANDED_OVER"),
          "the handover is on the events topic");
      tasks.assertOneWriterAtATime();
    }
  }

  @Test
  void anOldTaskRestartedBeforeItReleasedFinishesTheRunFromItsOffsetsThenReleases() {
    TwoTasks tasks = new TwoTasks();
    try (SimulatedRun world = tasks.world) {
      tasks.control("mover", spec(USER_0, 250));
      tasks.pageSome(100);
      tasks.control("mover", spec(USER_1, 40));
      tasks.step(0); // one more page, committed; then task 0 dies
      assertFalse(tasks.runner(0).released());

      tasks.restartTask0(tasks.topic);
      JobRunner restarted = tasks.runner(0);
      assertTrue(restarted.handingOver(), "it knows from its offsets that it still owes the run");
      while (!restarted.released()) {
        tasks.step(0);
        tasks.settle();
      }
      tasks.settle();
      tasks.runToDone(1);
      assertEquals(250 + 40, tasks.rowIds().size());
      assertEquals(1, world.sim.stats().jobsCreatedFor(USER_0));
      tasks.assertOneWriterAtATime();
    }
  }

  @Test
  void aRemovedSpecReleasesAtOnceAndAddedBackOnTheOtherTaskFinishesItsJobThere() {
    TwoTasks tasks = new TwoTasks();
    try (SimulatedRun world = tasks.world) {
      tasks.control("mover", spec(USER_0, 250));
      tasks.pageSome(1);
      tasks.control("mover", null);
      assertNull(tasks.runner(0));
      assertEquals(0, world.ctx.metrics().jobsRunning(), "the tombstone took its job along");
      tasks.control("mover", spec(USER_1, 40));
      tasks.runToDone(1);
      assertEquals(250 + 40, tasks.rowIds().size(), "the job in flight resumed on task 1");
      assertEquals(1, world.sim.stats().jobsCreatedFor(USER_0));
      tasks.assertOneWriterAtATime();
    }
  }

  @Test
  void aSpecThatComesBackBeforeItIsHandedOverGoesRoundOnceAndLosesNothing() {
    TwoTasks tasks = new TwoTasks();
    try (SimulatedRun world = tasks.world) {
      tasks.control("mover", spec(USER_0, 250));
      tasks.pageSome(1);
      tasks.control("mover", spec(USER_1, 250));
      tasks.control("mover", spec(USER_0, 250));
      // Task 0 finishes the run and releases; task 1 takes it and hands it back; task 0 resumes.
      for (int i = 0; i < 1000 && (tasks.runner(0) == null || tasks.runner(0).handingOver()); i++) {
        if (tasks.runner(0) != null) {
          tasks.step(0);
        }
        if (tasks.runner(1) != null) {
          tasks.step(1);
        }
        tasks.settle();
      }
      assertNull(tasks.runner(1), "task 1 let it go again");
      tasks.runToDone(0);
      assertEquals(250, tasks.rowIds().size());
      assertEquals(1, world.sim.stats().jobsCreatedFor(USER_0));
      assertEquals(0, world.sim.stats().jobsCreatedFor(USER_1), "task 1 only passed it on");
      tasks.assertOneWriterAtATime();
    }
  }

  @Test
  void aNewOwnerWaitsForTheReleaseEvenWhileTheOldOwnersWritesAreNotCommittedYet() {
    TwoTasks tasks = new TwoTasks();
    try (SimulatedRun world = tasks.world) {
      tasks.holdCommits = true;
      tasks.control("mover", spec(USER_0, 250));
      tasks.step(0); // submitted: written, not committed
      tasks.control("mover", spec(USER_1, 40));
      tasks.settle();
      assertNull(tasks.runner(1), "nothing committed, but task 0 may be writing: task 1 waits");
      JobRunner old = tasks.runner(0);
      while (!old.released()) {
        tasks.step(0);
        tasks.settle();
        assertNull(tasks.runner(1), "never two writers");
      }
      tasks.settle();
      assertNull(tasks.runner(1), "the release is written but not committed yet");
      tasks.flush();
      tasks.holdCommits = false;
      tasks.settle();
      assertNotNull(tasks.runner(1));
      tasks.runToDone(1);
      assertEquals(250 + 40, tasks.rowIds().size());
      assertEquals(1, world.sim.stats().jobsCreatedFor(USER_0));
      tasks.assertOneWriterAtATime();
    }
  }

  @Test
  void aSpecMovedBeforeItsTaskWroteAnythingIsReleasedWithoutARunRecord() {
    TwoTasks tasks = new TwoTasks();
    try (SimulatedRun world = tasks.world) {
      tasks.control("mover", spec(USER_0, 250));
      tasks.control("mover", spec(USER_1, 40));
      JobRunner old = tasks.runner(0);
      tasks.step(0); // the release: no run record, only the stamp
      assertTrue(old.released());
      tasks.settle();
      tasks.runToDone(1);
      assertEquals(40, tasks.rowIds().size());
      assertEquals(0, world.sim.stats().jobsCreatedFor(USER_0), "nothing was submitted for it");
      tasks.assertOneWriterAtATime();
    }
  }

  @Test
  void aTaskThatDiedBeforeItsRemovalReleaseWasCommittedReleasesWhenItComesBack() {
    TwoTasks tasks = new TwoTasks();
    try (SimulatedRun world = tasks.world) {
      tasks.control("mover", spec(USER_0, 250));
      tasks.pageSome(1);
      ControlRecord tombstone = new ControlRecord("mover", null, "control:0:9");
      // Task 0 applies the tombstone, but dies before its released record is committed.
      tasks.followers.get(0).apply(List.of(tombstone), tasks.runners.get(0));
      tasks.followers.get(1).apply(List.of(tombstone), tasks.runners.get(1));
      ControlRecord readded = new ControlRecord("mover", spec(USER_1, 40), "control:0:10");
      tasks.followers.get(1).apply(List.of(readded), tasks.runners.get(1));
      assertEquals(1, tasks.followers.get(1).awaitingHandover(), "task 0 has not let it go");

      // Compaction has left only the tombstone of the first version when task 0 comes back.
      tasks.restartTask0(List.of(tombstone));
      tasks.followers.get(0).apply(List.of(readded), tasks.runners.get(0));
      tasks.settle();
      tasks.runToDone(1);
      assertEquals(250 + 40, tasks.rowIds().size());
      tasks.assertOneWriterAtATime();
    }
  }

  /** Steps both tasks and settles until {@code done}, at most 2,000 rounds. */
  private static void runBoth(TwoTasks tasks, java.util.function.BooleanSupplier done) {
    for (int i = 0; i < 2_000 && !done.getAsBoolean(); i++) {
      for (int t = 0; t < 2; t++) {
        JobRunner r = tasks.runner(t);
        if (r != null && r.isActive()) {
          tasks.step(t);
        }
      }
      tasks.settle();
    }
    assertTrue(done.getAsBoolean(), "the chain of turns came through");
  }

  @Test
  void aTaskRestartedWhileItsSpecWentAwayAndCameBackStillOwesAndGivesTheFirstRelease() {
    TwoTasks tasks = new TwoTasks();
    try (SimulatedRun world = tasks.world) {
      tasks.control("mover", spec(USER_0, 250));
      tasks.pageSome(100);
      tasks.control("mover", spec(USER_1, 250)); // to task 1, which waits
      tasks.control("mover", spec(USER_0, 250)); // back to task 0, before it released
      tasks.restartTask0(tasks.topic);
      runBoth(
          tasks,
          () ->
              tasks.runner(0) != null
                  && !tasks.runner(0).handingOver()
                  && tasks.runner(0).phase() == JobRunner.Phase.DONE
                  && tasks.followers.get(0).awaitingHandover() == 0);
      assertEquals(250, tasks.rowIds().size());
      assertEquals(1, world.sim.stats().jobsCreatedFor(USER_0));
      assertEquals(0, world.sim.stats().jobsCreatedFor(USER_1));
      tasks.assertOneWriterAtATime();
    }
  }

  @Test
  void aVersionTheNewTaskRefusesStillMovesTheSpecAndTheNextOneRunsThere() {
    TwoTasks tasks = new TwoTasks();
    try (SimulatedRun world = tasks.world) {
      tasks.holdCommits = true;
      tasks.control("mover", spec(USER_0, 250));
      tasks.step(0); // submitted, not committed
      // For user 1 every minute: more than its 12 submits an hour, so task 1 refuses it.
      tasks.control("mover", spec(USER_1, 250).replace("}}", "},\"repeat_every\":\"PT1M\"}"));
      tasks.control("mover", spec(USER_1, 40));
      tasks.settle();
      assertNull(
          tasks.runner(1), "task 0 may still be writing: nothing committed proves otherwise");
      runBoth(tasks, () -> tasks.runner(0) == null);
      tasks.flush();
      tasks.holdCommits = false;
      tasks.settle();
      tasks.runToDone(1);
      assertEquals(250 + 40, tasks.rowIds().size());
      assertEquals(1, world.sim.stats().jobsCreatedFor(USER_1), "the refused version never ran");
      tasks.assertOneWriterAtATime();
    }
  }

  @Test
  void aSpecRemovedAfterAMoveAndAddedBackToItsFirstTaskWaitsForTheWholeChain() {
    TwoTasks tasks = new TwoTasks();
    try (SimulatedRun world = tasks.world) {
      tasks.control("mover", spec(USER_0, 250));
      tasks.pageSome(100);
      tasks.control("mover", spec(USER_1, 250)); // task 0 finishes, task 1 waits
      tasks.control("mover", null); // removed before task 1 took it
      // Back on task 0, whose runner still releases; another source, so its rows are new.
      tasks.control("mover", spec(USER_0, 40).replace("nasa", "esa"));
      runBoth(
          tasks,
          () ->
              tasks.runner(0) != null
                  && !tasks.runner(0).handingOver()
                  && tasks.runner(0).phase() == JobRunner.Phase.DONE);
      assertEquals(0, tasks.followers.get(1).awaitingHandover());
      assertEquals(250 + 40, tasks.rowIds().size(), "the old job finished, the new run ran");
      assertEquals(2, world.sim.stats().jobsCreatedFor(USER_0));
      tasks.assertOneWriterAtATime();
    }
  }
}
