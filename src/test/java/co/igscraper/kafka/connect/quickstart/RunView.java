package co.igscraper.kafka.connect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the quickstart knows about the run from the records it read: rows per spec, each spec's job
 * as its events tell it, and whether every job is done. Pure: it turns records into lines to print.
 */
final class RunView {
  static final int SAMPLE_ROWS = 3;

  /** How long a completed job with no row count may stay quiet before it counts as done. */
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** How long one that delivered fewer rows than its count may stay quiet before it does. */
  private static final long SHORT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private static final Set<String> ENDS =
      Set.of(
          "EMITTED",
          "FAILED",
          "CANCELLED",
          "TIMED_OUT",
          "OUT_OF_CREDITS",
          "REJECTED",
          "PAGE_REPEATED",
          "SPEC_INVALID");

  /** One spec's latest run as its events and rows show it. */
  private static final class SpecRun {
    long run;
    String lastEvent;
    long results = -1;
    long rowsEmitted = -1;
    long lastActivityAt;
    final Map<Long, Long> rowsByRun = new HashMap<>();

    boolean ended() {
      return lastEvent != null && ENDS.contains(lastEvent);
    }

    long rowsOfRun() {
      return rowsByRun.getOrDefault(run, 0L);
    }

    /**
     * Ended, with every row it emitted read. A completed job's rows carry no "last" mark and its
     * {@code EMITTED} event is written only when no row can carry the end: the job's {@code
     * number_of_results} says how many rows to wait for, or, where the API left it out (or sent
     * fewer rows than it said), a quiet spell after the COMPLETED event and the last row does.
     */
    boolean done(long now) {
      if ("COMPLETED".equals(lastEvent)) {
        long quiet = now - lastActivityAt;
        return results >= 0 ? rowsOfRun() >= results || quiet >= SHORT_NANOS : quiet >= QUIET_NANOS;
      }
      return ended() && rowsOfRun() >= rowsEmitted;
    }

    boolean completed() {
      return "EMITTED".equals(lastEvent) || "COMPLETED".equals(lastEvent);
    }

    long expectedRows() {
      return Math.max(rowsOfRun(), "COMPLETED".equals(lastEvent) ? results : rowsEmitted);
    }
  }

  private final Set<String> rowTopics;
  private final String eventsTopic;
  private final Map<String, SpecRun> specs = new LinkedHashMap<>();
  private final Map<String, Long> nextOffsets = new HashMap<>();
  private long rows;
  private long events;

  /** {@code specNames}: the specs of the connector's config (a control topic may add more). */
  RunView(Set<String> rowTopics, String eventsTopic, List<String> specNames) {
    this.rowTopics = Set.copyOf(rowTopics);
    this.eventsTopic = eventsTopic;
    specNames.forEach(n -> specs.put(n, new SpecRun()));
  }

  /**
   * Takes one record and returns what to print for it: an event line, or a sample row in full. A
   * record at a position read before (a consumer that rebalanced reads it again) counts once.
   */
  List<String> accept(ConsumerRecord<byte[], byte[]> record, long now) {
    String position = record.topic() + "-" + record.partition();
    if (record.offset() < nextOffsets.getOrDefault(position, 0L)) {
      return List.of();
    }
    nextOffsets.put(position, record.offset() + 1);
    if (record.topic().equals(eventsTopic)) {
      events++;
      JsonNode event = RecordText.payload(record.value());
      String name = event.path("spec_name").asText(null);
      if (name != null) {
        SpecRun spec = specs.computeIfAbsent(name, n -> new SpecRun());
        long run = event.path("run").asLong(spec.run);
        if (run != spec.run) {
          spec.run = run;
          spec.results = -1;
          spec.rowsEmitted = -1;
        }
        spec.lastEvent = event.path("event_type").asText(null);
        if ("COMPLETED".equals(spec.lastEvent)) {
          spec.results = event.path("number_of_results").asLong(-1);
          spec.lastActivityAt = now;
        }
        if ("EMITTED".equals(spec.lastEvent)) {
          spec.rowsEmitted = event.path("rows_emitted").asLong(0);
        }
      }
      return List.of("event  " + RecordText.event(event));
    }
    if (!rowTopics.contains(record.topic())) {
      return List.of();
    }
    rows++;
    String name = RecordText.header(record, "igscraper.spec");
    String run = RecordText.header(record, "igscraper.run");
    if (name != null) {
      SpecRun spec = specs.computeIfAbsent(name, n -> new SpecRun());
      long r = run == null ? spec.run : Long.parseLong(run);
      spec.rowsByRun.merge(r, 1L, Long::sum);
      spec.lastActivityAt = now;
    }
    if (rows > SAMPLE_ROWS) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    List<String> full = RecordText.full(record);
    lines.add("row " + rows + " of the first " + SAMPLE_ROWS + ": " + full.get(0));
    lines.addAll(full.subList(1, full.size()));
    return lines;
  }

  long rows() {
    return rows;
  }

  long events() {
    return events;
  }

  /** Every spec's latest job ended and all the rows it emitted were read. */
  boolean allDone(long now) {
    return !specs.isEmpty() && specs.values().stream().allMatch(s -> s.done(now));
  }

  /** Some spec ended other than with its job completed. */
  boolean anyStopped() {
    return specs.values().stream().anyMatch(s -> s.ended() && !s.completed());
  }

  /** {@code rows 120 (nasa-followers 100, natgeo-followers 20)}. */
  String rowsLine() {
    List<String> parts = new ArrayList<>();
    specs.forEach(
        (name, s) -> parts.add(name + " " + s.rowsByRun.values().stream().mapToLong(v -> v).sum()));
    return "rows " + rows + " (" + String.join(", ", parts) + ")";
  }

  /** {@code 2 jobs COMPLETED, 200/200 rows, 8 events}: outcomes, rows read of rows emitted. */
  String summary() {
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    long expected = 0;
    for (SpecRun s : specs.values()) {
      String outcome = s.completed() ? "COMPLETED" : s.ended() ? s.lastEvent : "RUNNING";
      outcomes.merge(outcome, 1, Integer::sum);
      long earlierRuns =
          s.rowsByRun.entrySet().stream()
              .filter(e -> e.getKey() != s.run)
              .mapToLong(Map.Entry::getValue)
              .sum();
      expected += earlierRuns + s.expectedRows();
    }
    List<String> parts = new ArrayList<>();
    outcomes.forEach((outcome, n) -> parts.add(n + (n == 1 ? " job " : " jobs ") + outcome));
    return String.join(", ", parts)
        + ", "
        + rows
        + "/"
        + expected
        + " rows, "
        + events
        + (events == 1 ? " event" : " events");
  }
}
