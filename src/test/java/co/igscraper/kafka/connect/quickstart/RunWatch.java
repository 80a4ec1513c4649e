package co.igscraper.kafka.connect.quickstart;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The quickstart's live view: reads the row and event topics and prints each job event, the first
 * rows in full, the row count and the connector status as they change, and a last line once every
 * job is done.
 */
final class RunWatch {
  private static final Duration STATUS_EVERY = Duration.ofSeconds(2);

  private final QuickstartOptions options;
  private final PrintStream out;
  private final BooleanSupplier stopRequested;
  private final long started;

  /**
   * {@code started}: the quickstart's start ({@link System#nanoTime()}), where its timeout counts
   * from.
   */
  RunWatch(
      QuickstartOptions options, PrintStream out, BooleanSupplier stopRequested, long started) {
    this.options = options;
    this.out = out;
    this.stopRequested = stopRequested;
    this.started = started;
  }

  Quickstart.Outcome watch(
      String bootstrap, List<String> topics, RunView view, Supplier<String> status) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "igscraper-quickstart-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A pattern subscription sees topics created after it only on a metadata refresh.
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
    long deadline = started + options.timeout().toNanos();
    String lastStatus = "";
    String lastRows = "";
    boolean announced = false;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(
          Pattern.compile(topics.stream().map(Pattern::quote).collect(Collectors.joining("|"))));
      long nextStatus = System.nanoTime();
      while (!stopRequested.getAsBoolean()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          List<String> lines = view.accept(record, System.nanoTime());
          if (!lines.isEmpty()) {
            print(lines);
          }
        }
        long now = System.nanoTime();
        boolean done = view.allDone(now);
        if (now >= nextStatus || (done && !announced)) {
          String s = status.get();
          if (!s.equals(lastStatus)) {
            print(List.of(s));
            lastStatus = s;
          }
          String rows = view.rowsLine();
          if (view.rows() > 0 && !rows.equals(lastRows)) {
            print(List.of(rows));
            lastRows = rows;
          }
          nextStatus = now + STATUS_EVERY.toNanos();
        }
        if (done && !announced) {
          announced = true;
          print(List.of((view.anyStopped() ? "ended: " : "done: ") + view.summary()));
          out.println(
              "        read every record again: ./quickstart.sh --print"
                  + "   (one topic: ./quickstart.sh --print "
                  + topics.get(0)
                  + ")");
          if (!options.interactive()) {
            break;
          }
          out.println("        Ctrl-C stops everything; the records stay readable with --print.");
        }
        if (!options.interactive() && view.rows() >= options.exitAfterRows()) {
          print(List.of("got " + view.rows() + " rows (wanted " + options.exitAfterRows() + ")"));
          break;
        }
        if (!options.interactive() && now > deadline) {
          print(
              List.of(
                  "timed out after "
                      + options.timeout().toSeconds()
                      + " s: "
                      + view.summary()
                      + " (wanted "
                      + options.exitAfterRows()
                      + " rows)"));
          break;
        }
      }
    }
    return new Quickstart.Outcome(view.rows(), view.allDone(System.nanoTime()), view.anyStopped());
  }

  /** The first line after the seconds since start, the others indented under it. */
  private void print(List<String> lines) {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    out.printf("[%4ds] %s%n", seconds, lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      out.println("        " + line);
    }
  }
}
