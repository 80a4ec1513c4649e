package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.source.ControlState.Change;
import co.igscraper.kafka.connect.source.ControlTopicReader.ControlRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies control-topic records to a task's runners: adds, changes and removes the specs this task
 * owns, and hands enrichment requests to their runners.
 */
final class ControlFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlFollower.class);

  private final ControlTopicReader reader;
  private final ControlState state;
  private final int taskIndex;
  private final int taskCount;
  private final Function<JobSpec, JobRunner> newRunner;
  private final RecordFactory records;
  private final TaskMetrics metrics;
  // Enrichment requests read before any version of their spec; bounded per spec.
  private final Map<String, List<JobRunner.EnrichRequest>> held = new HashMap<>();
  private static final int MAX_HELD = 100;
  private static final int MAX_HELD_SPECS = 1000;

  ControlFollower(
      ControlTopicReader reader,
      ControlState state,
      int taskIndex,
      int taskCount,
      Function<JobSpec, JobRunner> newRunner,
      RecordFactory records,
      TaskMetrics metrics) {
    this.reader = reader;
    this.state = state;
    this.taskIndex = taskIndex;
    this.taskCount = taskCount;
    this.newRunner = newRunner;
    this.records = records;
    this.metrics = metrics;
  }

  /** Reads the topic to its end at start-up. */
  List<SourceRecord> catchUp(Map<String, JobRunner> runners) {
    return apply(reader.readToEnd(Duration.ofSeconds(60)), runners);
  }

  /** Applies what arrived since the last call; waits at most {@code timeout} for it. */
  List<SourceRecord> poll(Map<String, JobRunner> runners, Duration timeout) {
    return apply(reader.poll(timeout), runners);
  }

  List<SourceRecord> apply(List<ControlRecord> batch, Map<String, JobRunner> runners) {
    List<SourceRecord> out = new ArrayList<>();
    for (ControlRecord record : batch) {
      Change change = state.apply(record.key(), record.value(), record.id());
      if (change instanceof ControlState.Upsert upsert) {
        upsert(upsert.spec(), runners);
      } else if (change instanceof ControlState.Remove remove) {
        held.remove(remove.name());
        JobRunner removed = runners.remove(remove.name());
        if (removed != null) {
          removed.ended(); // its job no longer counts in jobs-running here
          log.info(
              "Spec '{}' removed by the control topic; a job in flight is left to finish on the"
                  + " API side",
              remove.name());
        }
      } else if (change instanceof ControlState.Enrich enrich) {
        JobRunner runner = runners.get(enrich.specName());
        if (runner != null) {
          log.info(
              "Spec '{}': enrichment request {} {}",
              enrich.specName(),
              enrich.request().id(),
              enrich.request().addons());
          runner.requestEnrichment(enrich.request());
        } else if (!state.defines(enrich.specName())
            && (held.containsKey(enrich.specName()) || held.size() < MAX_HELD_SPECS)) {
          // Compaction may have put the request before its spec's surviving version: keep it
          // for the spec, which the runner then takes on (or skips by its mark).
          List<JobRunner.EnrichRequest> waiting =
              held.computeIfAbsent(enrich.specName(), n -> new ArrayList<>());
          if (waiting.size() < MAX_HELD) {
            waiting.add(enrich.request());
          }
        }
      } else if (change instanceof ControlState.Rejected rejected && taskIndex == 0) {
        // Every task reads every record; one of them reports a bad one.
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

  private void upsert(JobSpec spec, Map<String, JobRunner> runners) {
    boolean mine = TaskAssignment.ownerOf(spec.externalUserId(), taskCount) == taskIndex;
    JobRunner existing = runners.get(spec.name());
    if (!mine) {
      if (existing != null) {
        runners.remove(spec.name()).ended();
        log.info("Spec '{}' moved to another task (its external_user_id changed)", spec.name());
      }
      return;
    }
    if (existing != null) {
      existing.update(spec);
      log.info("Spec '{}' changed by the control topic", spec.name());
    } else {
      JobRunner runner = newRunner.apply(spec);
      runners.put(spec.name(), runner);
      log.info("Spec '{}' added by the control topic", spec.name());
      List<JobRunner.EnrichRequest> waiting = held.remove(spec.name());
      if (waiting != null) {
        waiting.forEach(runner::requestEnrichment);
      }
    }
  }

  @Override
  public void close() {
    reader.close();
  }
}
