package co.igscraper.kafka.connect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The quickstart's reading of a run, as a table: records in, "done" and the last line out. */
class RunViewTest {
  private static final String ROWS = "q.followers";
  private static final String EVENTS = "q.events";
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** A record in a scripted run: a row of a spec's run, or an event. */
  private record Step(String topic, String spec, long run, String eventJson) {}

  private static Step row(String spec) {
    return new Step(ROWS, spec, 1, null);
  }

  private static Step event(String spec, long run, String type, String extra) {
    String json =
        "{\"schema\":{},\"payload\":{\"spec_name\":\""
            + spec
            + "\",\"run\":"
            + run
            + ",\"event_type\":\""
            + type
            + "\""
            + extra
            + "}}";
    return new Step(EVENTS, spec, run, json);
  }

  private static List<Step> rows(String spec, int n) {
    return Stream.generate(() -> row(spec)).limit(n).toList();
  }

  static Stream<Arguments> runs() {
    List<Step> both = new ArrayList<>();
    both.add(event("a", 1, "SUBMITTED", ""));
    both.add(event("b", 1, "SUBMITTED", ""));
    both.add(event("a", 1, "COMPLETED", ",\"number_of_results\":2"));
    both.add(event("b", 1, "COMPLETED", ",\"number_of_results\":1"));
    List<Step> partial = new ArrayList<>(both);
    partial.addAll(rows("a", 2));
    List<Step> complete = new ArrayList<>(partial);
    complete.addAll(rows("b", 1));
    List<Step> rejected = new ArrayList<>(partial);
    rejected.set(3, event("b", 1, "REJECTED", ",\"error_code\":\"VALIDATION_ERROR\""));
    List<Step> zeroRows =
        List.of(
            event("a", 1, "COMPLETED", ",\"number_of_results\":0"),
            event("a", 1, "EMITTED", ",\"rows_emitted\":0"),
            event("b", 1, "COMPLETED", ",\"number_of_results\":0"),
            event("b", 1, "EMITTED", ",\"rows_emitted\":0"));
    List<Step> noCount = new ArrayList<>(List.of(event("a", 1, "COMPLETED", "")));
    noCount.addAll(rows("a", 3));
    noCount.add(event("b", 1, "COMPLETED", ",\"number_of_results\":0"));
    noCount.add(event("b", 1, "EMITTED", ",\"rows_emitted\":0"));
    List<Step> noCountNoRows =
        List.of(
            event("a", 1, "COMPLETED", ""),
            event("b", 1, "COMPLETED", ",\"number_of_results\":0"),
            event("b", 1, "EMITTED", ",\"rows_emitted\":0"));
    return Stream.of(
        Arguments.of(
            "jobs completed, rows still coming",
            partial,
            0L,
            false,
            false,
            "2 jobs COMPLETED, 2/3 rows, 4 events"),
        Arguments.of(
            "every row read", complete, 0L, true, false, "2 jobs COMPLETED, 3/3 rows, 4 events"),
        Arguments.of(
            "one refused",
            rejected,
            0L,
            true,
            true,
            "1 job COMPLETED, 1 job REJECTED, 2/2 rows, 4 events"),
        Arguments.of(
            "no rows at all", zeroRows, 0L, true, false, "2 jobs COMPLETED, 0/0 rows, 4 events"),
        Arguments.of(
            "no count: not yet quiet",
            noCount,
            4 * SECOND,
            false,
            false,
            "2 jobs COMPLETED, 3/3 rows, 3 events"),
        Arguments.of(
            "no count: quiet for 5 s",
            noCount,
            5 * SECOND,
            true,
            false,
            "2 jobs COMPLETED, 3/3 rows, 3 events"),
        Arguments.of(
            "nothing yet", List.of(), 0L, false, false, "2 jobs RUNNING, 0/0 rows, 0 events"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void readsTheRun(
      String name, List<Step> steps, long later, boolean done, boolean stopped, String summary) {
    RunView view = new RunView(Set.of(ROWS), EVENTS, List.of("a", "b"));
    long[] offsets = new long[2];
    for (Step s : steps) {
      int i = s.topic().equals(ROWS) ? 0 : 1;
      view.accept(record(s, offsets[i]++), 0L);
    }
    assertEquals(done, view.allDone(later), name);
    assertEquals(stopped, view.anyStopped(), name);
    assertEquals(summary, view.summary(), name);
  }

  @org.junit.jupiter.api.Test
  void aRecordReadAgainAfterARebalanceCountsOnce() {
    RunView view = new RunView(Set.of(ROWS), EVENTS, List.of("a"));
    Step e = event("a", 1, "SUBMITTED", "");
    assertEquals(1, view.accept(record(e, 0), 0).size());
    assertEquals(List.of(), view.accept(record(e, 0), 0));
    view.accept(record(row("a"), 0), 0);
    view.accept(record(row("a"), 0), 0);
    assertEquals(1, view.rows());
    assertEquals(1, view.events());
    assertTrue(view.rowsLine().equals("rows 1 (a 1)"), view.rowsLine());
  }

  private static ConsumerRecord<byte[], byte[]> record(Step s, long offset) {
    RecordHeaders headers = new RecordHeaders();
    byte[] value;
    if (s.eventJson() == null) {
      headers.add("igscraper.spec", s.spec().getBytes(StandardCharsets.UTF_8));
      headers.add("igscraper.run", Long.toString(s.run()).getBytes(StandardCharsets.UTF_8));
      value =
          "{\"schema\":{},\"payload\":{\"type\":\"follower\"}}".getBytes(StandardCharsets.UTF_8);
    } else {
      value = s.eventJson().getBytes(StandardCharsets.UTF_8);
    }
    return new ConsumerRecord<>(
        s.topic(),
        0,
        offset,
        0L,
        TimestampType.CREATE_TIME,
        0,
        value.length,
        null,
        value,
        headers,
        Optional.empty());
  }
}
