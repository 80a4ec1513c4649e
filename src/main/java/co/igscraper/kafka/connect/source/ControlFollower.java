package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.source.ControlState.Change;
import co.igscraper.kafka.connect.source.ControlTopicReader.ControlRecord;
import co.igscraper.kafka.connect.source.OwnershipChain.Move;
import co.igscraper.kafka.connect.source.OwnershipChain.Turn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies control-topic records to a task's runners: adds, changes and removes the specs this task
 * owns, hands a spec that moves to another task over through its offsets, and passes enrichment
 * requests to their runners.
 *
 * <p>Who writes a spec's partition when is the spec's {@link OwnershipChain}: every task draws the
 * same chain from the same records. This task takes each of its turns once the stored offset shows
 * the release that ended the turn before ({@link Handover#claim}), and releases at the record that
 * ends it, even a turn in which it ran nothing, so the next task waits for exactly one release.
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

  /**
   * A turn of this task's still to take: wait for a release at or after {@code since} (-1: none to
   * wait for), then run {@code spec} (or hold the partition, if {@code refused}), and release at
   * {@code handOnAt} (-1: not yet known); {@code resume} when the stored offset is this turn's own.
   */
  private record Pending(JobSpec spec, boolean refused, long since, long handOnAt, boolean resume) {
    Pending endingAt(long at) {
      return new Pending(spec, refused, since, at, resume);
    }
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
  private final Map<String, OwnershipChain> chains = new HashMap<>();
  // This task's turns still to take, per spec, in chain order.
  private final Map<String, ArrayDeque<Pending>> pending = new LinkedHashMap<>();
  // Enrichment requests read before their runner exists, this task's or not; bounded per spec.
  private final Map<String, List<JobRunner.EnrichRequest>> held = new HashMap<>();
  // While reading to the end at start-up: every move of every spec, and each spec's last version.
  private Map<String, List<Move>> catchUpMoves;
  private Map<String, JobSpec> catchUpSpecs;
  private Map<String, Boolean> catchUpRefused;
  private Map<String, Long> catchUpTombstones; // name -> position of its last tombstone
  private Instant nextCheck = Instant.MIN;
  private boolean checkNow;
  // Counts calls that may have added, changed or dropped runners: the scheduler re-sorts then.
  private long changes;

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
   * Applies the records of the topic as read at start-up: the chains first, then one read of the
   * stored offsets says where each chain stands, and so which turns this task still has.
   */
  List<SourceRecord> catchUp(List<ControlRecord> batch, Map<String, JobRunner> runners) {
    catchUpMoves = new LinkedHashMap<>();
    catchUpSpecs = new HashMap<>();
    catchUpRefused = new HashMap<>();
    catchUpTombstones = new HashMap<>();
    List<SourceRecord> out = apply(batch, runners);
    Map<String, List<Move>> moves = catchUpMoves;
    Map<String, JobSpec> specs = catchUpSpecs;
    Map<String, Boolean> refused = catchUpRefused;
    catchUpMoves = null;
    catchUpSpecs = null;
    catchUpRefused = null;
    List<String> mineSomewhere = new ArrayList<>();
    moves.forEach(
        (name, list) -> {
          if (list.stream().anyMatch(m -> m.to() == taskIndex)) {
            mineSomewhere.add(name);
          }
        });
    // Compaction may have left only a tombstone: the partition may still be this task's to let go.
    Map<String, Long> tombstones = catchUpTombstones;
    catchUpTombstones = null;
    List<String> onlyRemoved = new ArrayList<>(tombstones.keySet());
    onlyRemoved.removeAll(moves.keySet());
    List<String> names = new ArrayList<>(mineSomewhere);
    names.addAll(onlyRemoved);
    Map<String, Map<String, Object>> offsets = names.isEmpty() ? Map.of() : storedOffsets(names);
    for (String name : onlyRemoved) {
      Map<String, Object> offset = offsets.get(name);
      SourceCursor cursor = SourceCursor.fromStored(offset);
      if (Handover.mustRelease(OwnerStamp.read(offset), taskIndex, taskCount)
          && cursor != null
          && cursor.origin() != null) {
        log.info("Spec '{}' was removed while this task was down; releasing its partition", name);
        out.addAll(
            records.released(
                cursor.origin(),
                cursor,
                cursor.run(),
                "the spec was removed",
                tombstones.get(name),
                OwnerStamp.read(offset),
                SpecLedger.from(offset)));
        out.addAll(records.statusRemoved(name));
      }
    }
    for (String name : mineSomewhere) {
      Map<String, Object> offset = offsets.get(name);
      OwnerStamp stamp = OwnerStamp.read(offset);
      List<Turn> turns = OwnershipChain.turns(moves.get(name));
      int current = OwnershipChain.current(turns, offset != null, stamp);
      for (int i = Math.max(0, current); i < turns.size(); i++) {
        Turn t = turns.get(i);
        if (t.owner() != taskIndex) {
          continue;
        }
        boolean own =
            i == current && stamp != null && stamp.task() == taskIndex && !stamp.released();
        boolean legacy = i == current && offset != null && stamp == null;
        JobSpec spec = specs.get(name);
        if (spec == null) {
          continue; // a turn of a spec this task never parsed a version of cannot happen
        }
        queue(
            name,
            new Pending(
                spec,
                Boolean.TRUE.equals(refused.get(name)) && t.end() < 0,
                legacy ? -1 : t.since(),
                t.end(),
                own || legacy));
      }
    }
    takeWhatIsFree(runners, mineSomewhere, offsets);
    // Requests kept for specs that turned out to be another task's are that task's business.
    held.keySet()
        .removeIf(n -> state.defines(n) && !pending.containsKey(n) && !runners.containsKey(n));
    metrics.awaitingHandover(pending.size());
    log.info(
        "Control topic read: {} spec(s) run here, {} wait for another task to hand them over",
        runners.size(),
        pending.size());
    return out;
  }

  /** Applies what arrived since the last call; waits at most {@code timeout} for it. */
  List<SourceRecord> poll(Map<String, JobRunner> runners, Duration timeout) {
    List<SourceRecord> out = apply(reader.poll(timeout), runners);
    settle(runners);
    return out;
  }

  /** Drops released runners and takes the turns whose release is in. */
  void settle(Map<String, JobRunner> runners) {
    if (runners.values().removeIf(JobRunner::released)) {
      changes++;
      checkNow = true;
    }
    Instant now = clock.instant();
    if (!pending.isEmpty() && (checkNow || !now.isBefore(nextCheck))) {
      nextCheck = now.plus(AWAIT_CHECK);
      checkNow = false;
      List<String> ready = new ArrayList<>();
      for (String name : pending.keySet()) {
        if (!runners.containsKey(name)) {
          ready.add(name); // not while this task's own runner of an earlier turn still releases
        }
      }
      if (!ready.isEmpty()) {
        takeWhatIsFree(runners, ready, storedOffsets(ready));
      }
    }
    metrics.awaitingHandover(pending.size());
  }

  /** Takes the first pending turn of each of {@code names} whose release the offsets show. */
  private void takeWhatIsFree(
      Map<String, JobRunner> runners,
      Collection<String> names,
      Map<String, Map<String, Object>> offsets) {
    for (String name : names) {
      ArrayDeque<Pending> turns = pending.get(name);
      if (turns == null || runners.containsKey(name)) {
        continue;
      }
      Pending next = turns.peekFirst();
      Map<String, Object> offset = offsets.get(name);
      boolean free =
          next.resume()
              || Handover.claim(OwnerStamp.read(offset), taskIndex, taskCount, next.since())
                  == Handover.Claim.ADOPT;
      if (!free) {
        continue;
      }
      turns.pollFirst();
      if (turns.isEmpty()) {
        pending.remove(name);
      }
      start(name, next, offset, runners);
    }
  }

  private void start(
      String name, Pending turn, Map<String, Object> offset, Map<String, JobRunner> runners) {
    JobRunner runner = newRunner.create(turn.spec(), offset);
    runner.inTurnSince(turn.since());
    runners.put(name, runner);
    changes++;
    if (turn.refused()) {
      runner.refuse();
    }
    List<JobRunner.EnrichRequest> waiting = held.remove(name);
    if (turn.handOnAt() >= 0) {
      runner.handOver(turn.handOnAt());
      log.info("Spec '{}' taken over here and handed on at once", name);
    } else {
      if (waiting != null) {
        waiting.forEach(runner::requestEnrichment);
      }
      log.info("Spec '{}' runs here", name);
    }
  }

  /** How many specs of this task wait for another task to release them. */
  int awaitingHandover() {
    return pending.size();
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
    List<String> toClaim = new ArrayList<>();
    for (ControlRecord record : batch) {
      Change change = state.apply(record.key(), record.value(), record.id());
      long at = position(record.id());
      if (change instanceof ControlState.Enrich enrich) {
        enrich(enrich, runners);
        continue;
      }
      JobSpec spec = null;
      boolean refused = false;
      if (change instanceof ControlState.Upsert upsert) {
        spec = upsert.spec();
      } else if (change instanceof ControlState.Rejected rejected) {
        spec = rejected.spec(); // null unless only its schedule was refused
        refused = spec != null;
        if (taskIndex == 0 || !rejected.everyTask()) {
          // Every task reads every record; one of them reports a bad one: task 0 what all find,
          // the owner of the spec's end user what only it can tell.
          metrics.controlRecordRejected();
          log.warn(
              "Control record {} for '{}' rejected; the previous version (if any) keeps running:"
                  + " {}",
              record.id(),
              rejected.key(),
              rejected.reason());
          out.addAll(records.invalidSpec(rejected.key(), rejected.reason()));
        }
      }
      boolean tombstone = isSpecTombstone(record);
      if (spec == null && !tombstone) {
        continue; // an unreadable record changes nobody's turn
      }
      String name = tombstone ? record.key() : spec.name();
      int to = tombstone ? OwnershipChain.NOBODY : ownerOf(spec.externalUserId());
      OwnershipChain chain = chains.computeIfAbsent(name, n -> new OwnershipChain());
      Move move = chain.apply(to, at);
      if (tombstone) {
        held.remove(name);
        if (catchUpTombstones != null) {
          catchUpTombstones.put(name, at);
        }
        if (chain.untouched()) {
          chains.remove(name); // a tombstone of a spec nobody had
        }
      }
      if (catchUpMoves != null) {
        if (move != null) {
          catchUpMoves.computeIfAbsent(name, n -> new ArrayList<>()).add(move);
        }
        if (spec != null && to == taskIndex && !(refused && catchUpSpecs.containsKey(name))) {
          catchUpSpecs.put(name, spec);
          catchUpRefused.put(name, refused);
        }
        continue;
      }
      if (move != null) {
        out.addAll(moved(name, move, spec, refused, runners, toClaim));
      } else if (to == taskIndex && !refused) {
        changed(name, spec, runners);
      }
    }
    if (!toClaim.isEmpty()) {
      takeWhatIsFree(runners, toClaim, storedOffsets(toClaim));
    }
    return out;
  }

  /** A record moved the spec: this task's turn ends, or one begins, or neither. */
  private List<SourceRecord> moved(
      String name,
      Move move,
      JobSpec spec,
      boolean refused,
      Map<String, JobRunner> runners,
      List<String> toClaim) {
    List<SourceRecord> out = new ArrayList<>();
    if (move.from() == taskIndex) {
      ArrayDeque<Pending> turns = pending.get(name);
      JobRunner runner = runners.get(name);
      if (turns != null && !turns.isEmpty()) {
        // The turn ending is one not taken yet: taken when its release is in, then released.
        turns.addLast(turns.pollLast().endingAt(move.at()));
      } else if (runner != null && !runner.handingOver()) {
        if (move.to() == OwnershipChain.NOBODY) {
          runners.remove(name);
          changes++;
          out.addAll(runner.releaseNow("the spec was removed", move.at()));
          log.info(
              "Spec '{}' removed by the control topic; a job in flight is left to the API", name);
        } else {
          runner.handOver(move.at());
          log.info(
              "Spec '{}' moved to another task (its external_user_id changed); its run in flight"
                  + " is finished here first",
              name);
        }
      }
      held.remove(name);
    }
    if (move.to() == taskIndex) {
      queue(name, new Pending(spec, refused, move.since(), -1, false));
      toClaim.add(name);
      log.info(
          "Spec '{}' is this task's now{}",
          name,
          move.since() >= 0 ? "; it starts once its previous task has handed it over" : "");
    }
    return out;
  }

  /** A new version for the same task: the runner or the turn still to take follows it. */
  private void changed(String name, JobSpec spec, Map<String, JobRunner> runners) {
    ArrayDeque<Pending> turns = pending.get(name);
    if (turns != null && !turns.isEmpty()) {
      Pending last = turns.pollLast();
      turns.addLast(new Pending(spec, false, last.since(), last.handOnAt(), last.resume()));
      return;
    }
    JobRunner runner = runners.get(name);
    if (runner != null && !runner.handingOver()) {
      runner.update(spec);
      log.info("Spec '{}' changed by the control topic", name);
    }
  }

  private void queue(String name, Pending turn) {
    pending.computeIfAbsent(name, n -> new ArrayDeque<>()).addLast(turn);
  }

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
