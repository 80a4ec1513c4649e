package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.source.ControlState.Change;
import co.igscraper.kafka.connect.source.ControlTopicReader.ControlRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
  // Enrichment requests read before their runner exists; bounded per spec.
  private final Map<String, List<JobRunner.EnrichRequest>> held = new HashMap<>();
  // Specs of this task whose partition another task of this set still writes.
  private final Map<String, JobSpec> awaiting = new LinkedHashMap<>();
  // Runners finishing a spec that moved away; dropped once released.
  private final Set<String> releasing = new HashSet<>();
  // While reading to the end at start-up, decisions wait for one read of all stored offsets.
  private Map<String, JobSpec> catchUpSpecs;
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
   * stored offsets decides what each is (this task's to run, to wait for, or to release).
   */
  List<SourceRecord> catchUp(List<ControlRecord> batch, Map<String, JobRunner> runners) {
    catchUpSpecs = new LinkedHashMap<>();
    catchUpRemoved = new HashSet<>();
    List<SourceRecord> out = apply(batch, runners);
    Map<String, JobSpec> specs = catchUpSpecs;
    Set<String> removed = catchUpRemoved;
    catchUpSpecs = null;
    catchUpRemoved = null;
    List<String> names = new ArrayList<>(specs.keySet());
    names.addAll(removed);
    Map<String, Map<String, Object>> offsets = names.isEmpty() ? Map.of() : storedOffsets(names);
    for (JobSpec spec : specs.values()) {
      Map<String, Object> offset = offsets.get(spec.name());
      if (mine(spec)) {
        claim(spec, offset, runners);
      } else if (Handover.mustRelease(OwnerStamp.read(offset), taskIndex, taskCount)) {
        // This task wrote it last and stopped before letting it go: it finishes that now.
        JobRunner runner = newRunner.create(spec, offset);
        runner.handOver();
        runners.put(spec.name(), runner);
        releasing.add(spec.name());
        log.info("Spec '{}' moved to another task; finishing its run here first", spec.name());
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
    Map<String, Map<String, Object>> offsets = storedOffsets(new ArrayList<>(awaiting.keySet()));
    for (JobSpec spec : new ArrayList<>(awaiting.values())) {
      Map<String, Object> offset = offsets.get(spec.name());
      if (Handover.claim(OwnerStamp.read(offset), taskIndex, taskCount) == Handover.Claim.ADOPT) {
        awaiting.remove(spec.name());
        start(spec, offset, runners);
        changes++;
        log.info("Spec '{}' handed over by its previous task; it runs here now", spec.name());
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
      if (catchUpSpecs != null
          && isSpecTombstone(record)
          && !catchUpSpecs.containsKey(record.key())) {
        // Compaction may have left only the tombstone: its partition may still be this task's.
        catchUpRemoved.add(record.key());
      }
      if (change instanceof ControlState.Upsert upsert) {
        if (catchUpSpecs != null) {
          catchUpSpecs.put(upsert.spec().name(), upsert.spec());
          catchUpRemoved.remove(upsert.spec().name());
        } else {
          upsert(upsert.spec(), runners);
        }
      } else if (change instanceof ControlState.Remove remove) {
        out.addAll(remove(remove.name(), runners));
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
    return out;
  }

  private static boolean isSpecTombstone(ControlRecord record) {
    return record.value() == null
        && record.key() != null
        && !record.key().isEmpty()
        && !record.key().startsWith(ControlState.ENRICH_PREFIX);
  }

  private boolean mine(JobSpec spec) {
    return TaskAssignment.ownerOf(spec.externalUserId(), taskCount) == taskIndex;
  }

  private void upsert(JobSpec spec, Map<String, JobRunner> runners) {
    JobRunner existing = runners.get(spec.name());
    if (!mine(spec)) {
      awaiting.remove(spec.name());
      if (existing != null && !existing.handingOver()) {
        existing.handOver();
        releasing.add(spec.name());
        log.info(
            "Spec '{}' moved to another task (its external_user_id changed); its run in flight"
                + " is finished here first",
            spec.name());
      }
      return;
    }
    if (existing != null) {
      if (existing.handingOver()) {
        existing.reclaim(spec);
        releasing.remove(spec.name());
        log.info("Spec '{}' came back to this task before it was handed over", spec.name());
      } else {
        existing.update(spec);
        log.info("Spec '{}' changed by the control topic", spec.name());
      }
    } else if (awaiting.containsKey(spec.name())) {
      awaiting.put(spec.name(), spec);
    } else {
      claim(spec, storedOffsets(List.of(spec.name())).get(spec.name()), runners);
    }
  }

  private void claim(JobSpec spec, Map<String, Object> offset, Map<String, JobRunner> runners) {
    if (Handover.claim(OwnerStamp.read(offset), taskIndex, taskCount) == Handover.Claim.ADOPT) {
      start(spec, offset, runners);
      log.debug("Spec '{}' added by the control topic", spec.name());
    } else {
      awaiting.put(spec.name(), spec);
      log.info(
          "Spec '{}' is this task's now; it starts once its previous task has handed it over",
          spec.name());
    }
  }

  private void start(JobSpec spec, Map<String, Object> offset, Map<String, JobRunner> runners) {
    JobRunner runner = newRunner.create(spec, offset);
    runners.put(spec.name(), runner);
    List<JobRunner.EnrichRequest> waiting = held.remove(spec.name());
    if (waiting != null) {
      waiting.forEach(runner::requestEnrichment);
    }
  }

  private List<SourceRecord> remove(String name, Map<String, JobRunner> runners) {
    held.remove(name);
    awaiting.remove(name);
    releasing.remove(name);
    if (catchUpSpecs != null) {
      catchUpSpecs.remove(name);
      catchUpRemoved.add(name);
      return List.of();
    }
    JobRunner removed = runners.remove(name);
    if (removed == null) {
      return List.of();
    }
    log.info(
        "Spec '{}' removed by the control topic; a job in flight is left to finish on the API side",
        name);
    return removed.releaseNow("the spec was removed");
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
    return records.released(cursor.origin(), cursor, cursor.run(), "the spec was removed");
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
    boolean noRunnerYet =
        catchUpSpecs != null || awaiting.containsKey(name) || !state.defines(name);
    if (runner == null && noRunnerYet && (held.containsKey(name) || held.size() < MAX_HELD_SPECS)) {
      // Compaction may have put the request before its spec's surviving version, or the runner
      // waits for a handover: keep it for the runner, which takes it on (or skips it by its mark).
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
