package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.source.ControlState.Change;
import co.igscraper.kafka.connect.source.ControlTopicReader.ControlRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies control-topic records to a task's runners: adds, changes and removes the specs this task
 * owns, hands a spec that moves to another task over through its offsets ({@link Handover}), and
 * passes enrichment requests to their runners.
 */
final class ControlFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlFollower.class);
  static final Duration AWAIT_CHECK = Duration.ofSeconds(1);
  private static final int MAX_HELD = 100;
  private static final int MAX_HELD_SPECS = 1000;

  /** The stored offsets of spec partitions, many at once (one read of the offsets topic). */
  interface StoredOffsets {
    Map<String, Map<String, Object>> of(Collection<String> specNames);
  }

  /** Builds a runner for a spec from its stored offset (null when none). */
  interface RunnerFactory {
    JobRunner create(JobSpec spec, Map<String, Object> storedOffset);
  }

  private final ControlTopicReader reader;
  private final ControlState state;
  private final int taskIndex;
  private final int taskCount;
  private final RunnerFactory newRunner;
  private final StoredOffsets stored;
  private final RecordFactory records;
  private final TaskMetrics metrics;
  private final Clock clock;
  // Enrichment requests read before their runner exists, this task's or not; bounded per spec.
  private final Map<String, List<JobRunner.EnrichRequest>> held = new HashMap<>();

  /**
   * A spec this task waits to take: {@code since} is the control offset of the move that brought it
   * here from another task (-1: no move to wait for), {@code handOnAt} that of a move that took it
   * away again before it was taken (-1: none): it is then taken and at once released onwards.
   */
  private record Awaited(JobSpec spec, long since, long handOnAt) {}

  // Specs this task is to take once another task of this set has released them, in order: a spec
  // that flaps between tasks can have several turns here, each waiting for the release before it.
  private final Map<String, ArrayDeque<Awaited>> awaiting = new LinkedHashMap<>();
  // Runners finishing a spec that moved away; dropped once released.
  private final Set<String> releasing = new HashSet<>();
  // Specs to claim once the batch being applied is through: one read of the offsets for all.
  private final Map<String, Awaited> toClaim = new LinkedHashMap<>();
  // While reading to the end at start-up: the last version of each spec and where it came from.
  private Map<String, Awaited> catchUpSpecs;
  private Map<String, String> catchUpPreviousUser;
  private Set<String> catchUpRemoved;
  private Instant nextAwaitCheck = Instant.MIN;
  // Counts calls that may have added, changed or dropped runners: the scheduler re-sorts then.
  private long changes;

  /** Reads stored offsets; says so when the read held the I/O thread up for long. */
  private Map<String, Map<String, Object>> storedOffsets(Collection<String> names) {
    long start = System.nanoTime();
    Map<String, Map<String, Object>> found = stored.of(names);
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (ms >= 1_000) {
      log.info("Reading the stored offsets of {} spec(s) took {} ms", names.size(), ms);
    }
    return found;
  }

  ControlFollower(
      ControlTopicReader reader,
      ControlState state,
      int taskIndex,
      int taskCount,
      RunnerFactory newRunner,
      StoredOffsets stored,
      RecordFactory records,
      TaskMetrics metrics,
      Clock clock) {
    this.reader = reader;
    this.state = state;
    this.taskIndex = taskIndex;
    this.taskCount = taskCount;
    this.newRunner = newRunner;
    this.stored = stored;
    this.records = records;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Reads the topic to its end at start-up. */
  List<SourceRecord> catchUp(Map<String, JobRunner> runners) {
    return catchUp(reader.readToEnd(Duration.ofSeconds(60)), runners);
  }

  /**
   * Applies the records of the topic as read at start-up: all specs first, then one read of their
   * stored offsets decides what each is (this task's to run or to wait for, or another's that this
   * task still owes a release).
   */
  List<SourceRecord> catchUp(List<ControlRecord> batch, Map<String, JobRunner> runners) {
    catchUpSpecs = new LinkedHashMap<>();
    catchUpPreviousUser = new HashMap<>();
    catchUpRemoved = new HashSet<>();
    List<SourceRecord> out = apply(batch, runners);
    Map<String, Awaited> specs = catchUpSpecs;
    Map<String, String> previousUser = catchUpPreviousUser;
    Set<String> removed = catchUpRemoved;
    catchUpSpecs = null;
    catchUpPreviousUser = null;
    catchUpRemoved = null;
    List<String> names = new ArrayList<>(specs.keySet());
    names.addAll(removed);
    Map<String, Map<String, Object>> offsets = names.isEmpty() ? Map.of() : storedOffsets(names);
    for (Awaited a : specs.values()) {
      JobSpec spec = a.spec();
      Map<String, Object> offset = offsets.get(spec.name());
      OwnerStamp stamp = OwnerStamp.read(offset);
      String before = previousUser.get(spec.name());
      boolean wasMine = before != null && ownerOf(before) == taskIndex;
      if (mine(spec)) {
        long since = before != null && !wasMine ? a.since() : -1;
        claimOrAwait(new Awaited(spec, since, -1), offset, runners);
      } else if (Handover.mustRelease(stamp, taskIndex, taskCount)
          || (wasMine && !Handover.releasedSince(stamp, taskCount, a.since()))) {
        // This task had it last and may not have let it go before it stopped: it does so now
        // (at once if another task's release is not in yet: it is taken, then handed on).
        claimOrAwait(new Awaited(spec, -1, a.since()), offset, runners);
      }
    }
    for (String name : removed) {
      Map<String, Object> offset = offsets.get(name);
      if (Handover.mustRelease(OwnerStamp.read(offset), taskIndex, taskCount)) {
        out.addAll(releaseRemoved(name, offset));
      }
    }
    // Requests kept for specs that turned out to be another task's are that task's business.
    held.keySet()
        .removeIf(n -> state.defines(n) && !awaiting.containsKey(n) && !runners.containsKey(n));
    metrics.awaitingHandover(awaiting.size());
    log.info(
        "Control topic read: {} spec(s) run here, {} wait for another task to hand them over",
        runners.size() - releasing.size(),
        awaiting.size());
    return out;
  }

  /** Applies what arrived since the last call; waits at most {@code timeout} for it. */
  List<SourceRecord> poll(Map<String, JobRunner> runners, Duration timeout) {
    List<SourceRecord> out = apply(reader.poll(timeout), runners);
    settle(runners);
    return out;
  }

  /** Drops released runners and starts the awaited specs whose old owner has let them go. */
  void settle(Map<String, JobRunner> runners) {
    releasing.removeIf(
        name -> {
          JobRunner runner = runners.get(name);
          if (runner == null || !runner.handingOver()) {
            return true;
          }
          if (runner.released()) {
            runners.remove(name);
            changes++;
            return true;
          }
          return false;
        });
    Instant now = clock.instant();
    if (awaiting.isEmpty() || now.isBefore(nextAwaitCheck)) {
      return;
    }
    nextAwaitCheck = now.plus(AWAIT_CHECK);
    List<String> ready = new ArrayList<>();
    for (String name : awaiting.keySet()) {
      if (!runners.containsKey(name)) {
        ready.add(name); // not while this task's own runner still releases it
      }
    }
    if (ready.isEmpty()) {
      return;
    }
    Map<String, Map<String, Object>> offsets = storedOffsets(ready);
    for (String name : ready) {
      ArrayDeque<Awaited> turns = awaiting.get(name);
      Awaited a = turns.peekFirst();
      Map<String, Object> offset = offsets.get(name);
      if (Handover.claim(OwnerStamp.read(offset), taskIndex, taskCount, a.since())
          == Handover.Claim.ADOPT) {
        turns.pollFirst();
        if (turns.isEmpty()) {
          awaiting.remove(name);
        }
        start(a, offset, runners);
        log.info("Spec '{}' handed over by its previous task; it runs here now", name);
      }
    }
    metrics.awaitingHandover(awaiting.size());
  }

  /** How many specs of this task wait for another task to release them. */
  int awaitingHandover() {
    return awaiting.size();
  }

  /** Grows whenever runners may have been added, changed or dropped. */
  long changes() {
    return changes;
  }

  List<SourceRecord> apply(List<ControlRecord> batch, Map<String, JobRunner> runners) {
    if (!batch.isEmpty()) {
      changes++;
    }
    List<SourceRecord> out = new ArrayList<>();
    for (ControlRecord record : batch) {
      Change change = state.apply(record.key(), record.value(), record.id());
      long at = position(record.id());
      if (catchUpSpecs != null
          && isSpecTombstone(record)
          && !catchUpSpecs.containsKey(record.key())) {
        // Compaction may have left only the tombstone: its partition may still be this task's.
        catchUpRemoved.add(record.key());
      }
      if (change instanceof ControlState.Upsert upsert) {
        if (catchUpSpecs != null) {
          String name = upsert.spec().name();
          catchUpSpecs.put(name, new Awaited(upsert.spec(), at, -1));
          if (upsert.previousUser() != null) {
            catchUpPreviousUser.put(name, upsert.previousUser());
          } else {
            catchUpPreviousUser.remove(name);
          }
          catchUpRemoved.remove(name);
        } else {
          upsert(upsert.spec(), upsert.previousUser(), at, runners);
        }
      } else if (change instanceof ControlState.Remove remove) {
        out.addAll(remove(remove.name(), at, runners));
      } else if (change instanceof ControlState.Enrich enrich) {
        enrich(enrich, runners);
      } else if (change instanceof ControlState.Rejected rejected
          && (taskIndex == 0 || !rejected.everyTask())) {
        // Every task reads every record; one of them reports a bad one: task 0 what all find,
        // the owner of the spec's end user what only it can tell.
        metrics.controlRecordRejected();
        log.warn(
            "Control record {} for '{}' rejected; the previous version (if any) keeps running: {}",
            record.id(),
            rejected.key(),
            rejected.reason());
        out.addAll(records.invalidSpec(rejected.key(), rejected.reason()));
      }
    }
    if (!toClaim.isEmpty()) {
      Map<String, Map<String, Object>> offsets = storedOffsets(new ArrayList<>(toClaim.keySet()));
      for (Awaited a : toClaim.values()) {
        claimOrAwait(a, offsets.get(a.spec().name()), runners);
      }
      toClaim.clear();
    }
    return out;
  }

  /** The offset part of a control record's id ({@code control:<partition>:<offset>}), or -1. */
  static long position(String id) {
    try {
      return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static boolean isSpecTombstone(ControlRecord record) {
    return record.value() == null
        && record.key() != null
        && !record.key().isEmpty()
        && !record.key().startsWith(ControlState.ENRICH_PREFIX);
  }

  private int ownerOf(String user) {
    return TaskAssignment.ownerOf(user, taskCount);
  }

  private boolean mine(JobSpec spec) {
    return ownerOf(spec.externalUserId()) == taskIndex;
  }

  private void upsert(JobSpec spec, String previousUser, long at, Map<String, JobRunner> runners) {
    String name = spec.name();
    JobRunner existing = runners.get(name);
    boolean running = existing != null && !existing.handingOver();
    ArrayDeque<Awaited> turns = awaiting.get(name);
    Awaited last = turns == null ? null : turns.peekLast();
    // Whether the version before this one was this task's: then this task owes its release.
    boolean previousHere = previousUser != null && ownerOf(previousUser) == taskIndex;
    if (!mine(spec)) {
      if (!previousHere) {
        return;
      }
      Awaited pending = toClaim.remove(name);
      if (running) {
        existing.handOver(at);
        releasing.add(name);
        log.info(
            "Spec '{}' moved to another task (its external_user_id changed); its run in flight"
                + " is finished here first",
            name);
      } else if (last != null && last.handOnAt() < 0) {
        // Not taken yet: taken when its release is in, then released onwards at once, so the
        // next task waits for one release only.
        turns.pollLast();
        turns.addLast(new Awaited(last.spec(), last.since(), at));
      } else if (pending != null) {
        await(new Awaited(pending.spec(), pending.since(), at));
      } else {
        // A version this task refused (its schedule): never run here, but the next task waits for
        // a release from here, which it gets once the partition is this task's to give.
        toClaim.put(name, new Awaited(spec, -1, at));
      }
      return;
    }
    if (running) {
      existing.update(spec);
      log.info("Spec '{}' changed by the control topic", name);
    } else if (last != null && last.handOnAt() < 0) {
      turns.pollLast();
      turns.addLast(new Awaited(spec, last.since(), -1)); // the same turn, a newer version
    } else if (last != null || existing != null) {
      // Back while this task still hands it on: another turn here, after the task it went to.
      await(new Awaited(spec, at, -1));
    } else {
      toClaim.put(name, new Awaited(spec, previousUser != null && !previousHere ? at : -1, -1));
    }
  }

  private void await(Awaited a) {
    awaiting.computeIfAbsent(a.spec().name(), n -> new ArrayDeque<>()).addLast(a);
  }

  private void claimOrAwait(Awaited a, Map<String, Object> offset, Map<String, JobRunner> runners) {
    if (Handover.claim(OwnerStamp.read(offset), taskIndex, taskCount, a.since())
        == Handover.Claim.ADOPT) {
      start(a, offset, runners);
      log.debug("Spec '{}' added by the control topic", a.spec().name());
    } else {
      await(a);
      log.info(
          "Spec '{}' is this task's now; it starts once its previous task has handed it over",
          a.spec().name());
    }
  }

  private void start(Awaited a, Map<String, Object> offset, Map<String, JobRunner> runners) {
    JobRunner runner = newRunner.create(a.spec(), offset);
    runners.put(a.spec().name(), runner);
    changes++;
    List<JobRunner.EnrichRequest> waiting = held.remove(a.spec().name());
    if (a.handOnAt() >= 0) {
      runner.handOver(a.handOnAt());
      releasing.add(a.spec().name());
    } else if (waiting != null) {
      waiting.forEach(runner::requestEnrichment);
    }
  }

  private List<SourceRecord> remove(String name, long at, Map<String, JobRunner> runners) {
    held.remove(name);
    awaiting.remove(name);
    toClaim.remove(name);
    if (catchUpSpecs != null) {
      catchUpSpecs.remove(name);
      catchUpRemoved.add(name);
      return List.of();
    }
    JobRunner removed = runners.get(name);
    if (removed == null) {
      return List.of();
    }
    if (removed.handingOver() && !removed.released()) {
      return List.of(); // it finishes and releases as it was going to; nothing more for it here
    }
    runners.remove(name);
    releasing.remove(name);
    if (removed.released()) {
      return List.of();
    }
    log.info(
        "Spec '{}' removed by the control topic; a job in flight is left to finish on the API side",
        name);
    return removed.releaseNow("the spec was removed", at);
  }

  /** A spec removed while this task was down, before it could write its released record. */
  private List<SourceRecord> releaseRemoved(String name, Map<String, Object> offset) {
    SourceCursor cursor;
    try {
      cursor = SourceCursor.fromMap(offset);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    if (cursor.origin() == null) {
      return List.of();
    }
    log.info("Spec '{}' was removed while this task was down; releasing its partition", name);
    return records.released(cursor.origin(), cursor, cursor.run(), "the spec was removed", -1);
  }

  private void enrich(ControlState.Enrich enrich, Map<String, JobRunner> runners) {
    String name = enrich.specName();
    JobRunner runner = runners.get(name);
    if (runner != null && !runner.handingOver()) {
      log.info(
          "Spec '{}': enrichment request {} {}",
          name,
          enrich.request().id(),
          enrich.request().addons());
      runner.requestEnrichment(enrich.request());
      return;
    }
    // No runner here (yet): the spec is another task's, waits for a handover, or its version came
    // after the request (compaction). Kept for whichever runner this task gets for it, which takes
    // it on unless the run record's mark says it was taken already.
    if (held.containsKey(name) || held.size() < MAX_HELD_SPECS) {
      List<JobRunner.EnrichRequest> waiting = held.computeIfAbsent(name, n -> new ArrayList<>());
      if (waiting.size() < MAX_HELD) {
        waiting.add(enrich.request());
      }
    }
  }

  @Override
  public void close() {
    reader.close();
  }
}
