package co.igscraper.kafka.connect.bench;

import co.igscraper.kafka.connect.client.ClientSettings;
import co.igscraper.kafka.connect.client.IgScraperClient;
import co.igscraper.kafka.connect.client.JobRequest;
import co.igscraper.kafka.connect.client.RateLimits;
import co.igscraper.kafka.connect.client.ResultsPage;
import co.igscraper.kafka.connect.it.ProcessCluster;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import co.igscraper.kafka.connect.simulator.SimulatorStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Benchmarks of the connector on an out-of-process KRaft broker and Connect worker ({@code
 * -Xmx256m}), with the simulator in this JVM. Run with {@code ./bench.sh}; figures go to stdout
 * (lines starting {@code FIGURE}) and to {@code target/bench/results.md}.
 *
 * <p>Flags: {@code --rate-minutes N} (default 2), {@code --pipeline-rows N} (default 200000),
 * {@code --memory-rows N} (default 1000000), {@code --only a,b} (sim, pipeline, memory, efficiency,
 * latency, rate).
 */
public final class BenchmarkMain {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "bench-key";
  private static final int PER_SOURCE = 10_000;
  private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private final Map<String, String> flags;
  private final List<String[]> table = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private ProcessCluster cluster;
  private int connectors;

  private BenchmarkMain(Map<String, String> flags) {
    this.flags = flags;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      flags.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    new BenchmarkMain(flags).run();
    System.exit(0);
  }

  private boolean enabled(String name) {
    String only = flags.get("only");
    return only == null || Arrays.asList(only.split(",")).contains(name);
  }

  /** The long parts run only when named in {@code --only}. */
  private boolean chosen(String name) {
    String only = flags.get("only");
    return only != null && Arrays.asList(only.split(",")).contains(name);
  }

  private int flag(String name, int dflt) {
    return flags.containsKey(name) ? Integer.parseInt(flags.get(name)) : dflt;
  }

  private void run() throws Exception {
    String started = ZonedDateTime.now().toString();
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    Path dir = Path.of("target", "bench", "cluster");
    deleteRecursively(dir);
    cluster = ProcessCluster.start(dir, false, flags.getOrDefault("worker-heap", "256m"), Map.of());
    try {
      int pipelineRows = flag("pipeline-rows", 200_000);
      if (enabled("sim")) {
        simulatorOnly(pipelineRows);
      }
      if (enabled("pipeline")) {
        pipeline(pipelineRows, false);
        pipeline(pipelineRows, true);
      }
      if (enabled("memory")) {
        memory(flag("memory-rows", 1_000_000));
      }
      if (enabled("efficiency")) {
        for (int n : new int[] {1, 10, 100}) {
          efficiency(n);
        }
      }
      if (enabled("latency")) {
        latency(5);
      }
      if (enabled("rate")) {
        rateLimited(flag("rate-minutes", 2), 4);
      }
      if (chosen("budget")) {
        new BudgetBenchmark(this::figure).run();
      }
      if (chosen("scale")) {
        for (String n : flags.getOrDefault("scale-specs", "10000,100000").split(",")) {
          new ScaleBenchmark(this::figure).run(Integer.parseInt(n.trim()));
        }
      }
    } finally {
      cluster.close();
      // Also after a failure, so the figures measured so far are kept.
      writeResults(started, load);
    }
  }

  // ---------------------------------------------------------------- scenarios

  /** How fast one thread can page the simulator through the connector's own client. */
  private void simulatorOnly(int rows) {
    try (IgScraperSimulator sim = fastSimulator()) {
      IgScraperClient client = new IgScraperClient(clientSettings(sim));
      List<String> jobs = new ArrayList<>();
      for (int j = 0; j < rows / 100_000; j++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> params = JSON.readValue(followers("sim" + j + "x", 100_000), Map.class);
        jobs.add(
            client
                .submitJob(new JobRequest("sim-user-" + j, "followers", params), "sim-" + j)
                .jobId());
      }
      sleep(500);
      long start = System.nanoTime();
      long fetched = 0;
      int pages = 0;
      for (String job : jobs) {
        for (int page = 1; ; page++) {
          ResultsPage p = client.getResults(job, page, 200);
          fetched += p.data().size();
          pages++;
          if (!p.pagination().hasNext()) {
            break;
          }
        }
      }
      double secs = (System.nanoTime() - start) / 1e9;
      client.close();
      figure(
          "Simulator only: pages through IgScraperClient, 1 thread",
          String.format(
              "%.0f rows/s (%d rows, %d pages, %.1f s)", fetched / secs, fetched, pages, secs),
          "-",
          "the ceiling for one task's I/O thread");
      simRowsPerSec = fetched / secs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private double simRowsPerSec;
  private double connectorRowsPerSec;
  private double producerRowsPerSec;

  /**
   * One task streams {@code rows} rows (two 100k-row jobs); then a plain producer does the same.
   */
  private void pipeline(int rows, boolean tuned) throws Exception {
    int specsCount = rows / 100_000;
    try (IgScraperSimulator sim = fastSimulator()) {
      StringBuilder specs = new StringBuilder("[");
      for (int j = 0; j < specsCount; j++) {
        specs
            .append(j == 0 ? "" : ",")
            .append(spec("pipe-" + j, "pipe-user-" + j, followers("p" + j + "x", 100_000)));
      }
      specs.append("]");
      String topic = tuned ? "bench.pipeline.tuned" : "bench.pipeline";
      Map<String, String> props = unlimited(sim, specs.toString(), topic);
      props.put("tasks.max", "1");
      props.put("igscraper.poll.interval.min.ms", "100");
      props.put("igscraper.poll.interval.max.ms", "500");
      if (flags.containsKey("buffer")) {
        props.put("igscraper.buffer.max.records", flags.get("buffer"));
      }
      String variant = "defaults";
      if (tuned) {
        // Bigger batches for the worker's producer, and more rows fetched ahead.
        props.put("producer.override.linger.ms", "20");
        props.put("producer.override.batch.size", "1048576");
        props.put("igscraper.buffer.max.records", "10000");
        variant = "tuned: linger.ms=20, batch.size=1 MiB, buffer 10000";
      }
      String name = deploy(props, 1);
      Count count = countUntil(topic, rows, Duration.ofMinutes(10), List.of());
      Instant completed = latestCompletion(sim);
      double fromCompletion = rows / secondsBetween(completed, count.lastAt());
      double fromFirst = rows / secondsBetween(count.firstAt(), count.lastAt());
      cluster.delete(name);
      connectorRowsPerSec = fromCompletion;

      if (tuned) {
        figure(
            "Pipeline: connector (" + variant + "), COMPLETED -> last record",
            String.format("%.0f rows/s", fromCompletion),
            producerRowsPerSec == 0
                ? "-"
                : String.format("%.0f%% of producer", 100 * fromCompletion / producerRowsPerSec),
            ">= 80% of a plain producer");
        return;
      }
      List<SchemaAndValue[]> records = readConnectData(topic, rows);
      double producer = plainProducer(records, "bench.producer");
      producerRowsPerSec = producer;
      long bytes = records.isEmpty() ? 0 : sizeOf(records.get(0));
      records = null;
      figure(
          "Pipeline: connector, 1 task, " + rows + " rows, job COMPLETED -> last record in Kafka",
          String.format("%.0f rows/s", fromCompletion),
          String.format("%.0f%% of producer", 100 * fromCompletion / producer),
          ">= 80% of a plain producer");
      figure(
          "Pipeline: connector, first -> last record in Kafka",
          String.format("%.0f rows/s", fromFirst),
          String.format("%.0f%% of producer", 100 * fromFirst / producer),
          "-");
      figure(
          "Pipeline: plain KafkaProducer, same JsonConverter records (~" + bytes + " B value)",
          String.format("%.0f rows/s", producer),
          "100%",
          "baseline");
      figure(
          "Pipeline: simulator-only paging vs connector",
          String.format("%.0f vs %.0f rows/s", simRowsPerSec, fromCompletion),
          simRowsPerSec == 0 ? "-" : String.format("%.0f%%", 100 * fromCompletion / simRowsPerSec),
          "simulator must not be the bottleneck");
    }
  }

  /**
   * Streams {@code rows} rows through one task of a fresh -Xmx256m worker; samples heap and RSS.
   */
  private void memory(int rows) {
    cluster.killWorker();
    cluster.startWorker();
    int specsCount = Math.max(1, rows / 100_000);
    try (IgScraperSimulator sim = fastSimulator()) {
      StringBuilder specs = new StringBuilder("[");
      for (int j = 0; j < specsCount; j++) {
        specs
            .append(j == 0 ? "" : ",")
            .append(
                spec(
                    "mem-" + j,
                    "mem-user-" + j,
                    followers("m" + j + "x", Math.min(rows, 100_000))));
      }
      specs.append("]");
      String topic = "bench.memory";
      Map<String, String> props = unlimited(sim, specs.toString(), topic);
      props.put("tasks.max", "1");
      String name = deploy(props, 1);
      long pid = cluster.worker().pid();
      AtomicLong maxRss = new AtomicLong();
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  maxRss.accumulateAndGet(rssKb(pid), Math::max);
                  try {
                    Thread.sleep(250);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      long[] at100k = new long[3];
      long[] rssAt100k = new long[1];
      Count count =
          countUntil(
              topic,
              rows,
              Duration.ofMinutes(20),
              List.of(
                  new Threshold(
                      Math.min(100_000, rows),
                      () -> {
                        long[] gc = gcStats(cluster.workerGcLog());
                        System.arraycopy(gc, 0, at100k, 0, 3);
                        rssAt100k[0] = maxRss.get();
                      })));
      sampler.interrupt();
      long[] gc = gcStats(cluster.workerGcLog());
      boolean oom = grepWorkerOut("OutOfMemoryError");
      cluster.delete(name);
      figure(
          "Memory: worker -Xmx256m, max heap used before a GC, at 100k / " + rows + " rows",
          at100k[0] + " MB / " + gc[0] + " MB",
          "-",
          "flat in job size, no OOM");
      figure(
          "Memory: worker heap after GC (live), max at 100k / " + rows + " rows",
          at100k[1] + " MB / " + gc[1] + " MB",
          "-",
          "flat in job size");
      figure(
          "Memory: worker VmRSS, max at 100k / " + rows + " rows",
          rssAt100k[0] / 1024 + " MB / " + maxRss.get() / 1024 + " MB",
          "-",
          "-");
      figure(
          "Memory: OutOfMemoryError in the worker",
          oom ? "YES" : "none",
          "-",
          "none (" + count.count() + " records streamed)");
    }
  }

  /** Requests per job against the minimum, for n concurrent specs of 1,000 rows each. */
  private void efficiency(int n) {
    // Each job runs 9 s (1 s queued, 8 s processing): at the documented cadence (every 2 s for
    // jobs younger than 20 s) it is seen COMPLETED at the 5th poll, 10 s after submit.
    try (IgScraperSimulator sim =
        IgScraperSimulator.start(
            SimulatorConfig.builder()
                .apiKeys(KEY)
                .queuedFor(Duration.ofSeconds(1))
                .processingFor(Duration.ofSeconds(8))
                .rateLimitsDisabled()
                .build())) {
      int rowsPerSpec = 1_000;
      StringBuilder specs = new StringBuilder("[");
      for (int j = 0; j < n; j++) {
        specs
            .append(j == 0 ? "" : ",")
            .append(spec("eff-" + j, "eff-user-" + j, followers("e" + j + "x", rowsPerSpec)));
      }
      specs.append("]");
      String topic = "bench.eff." + n;
      Map<String, String> props = unlimited(sim, specs.toString(), topic);
      props.remove("igscraper.poll.interval.min.ms");
      props.remove("igscraper.poll.interval.max.ms");
      props.put("tasks.max", Integer.toString(Math.min(n, 4)));
      String name = deploy(props, Math.min(n, 4));
      countUntil(topic, n * rowsPerSpec, Duration.ofMinutes(5), List.of());
      sleep(1_000);
      cluster.delete(name);
      SimulatorStats s = sim.stats();
      long submits = s.requests("POST /jobs", 201) + s.requests("POST /jobs", 200);
      long polls = s.requests("GET /jobs/{id}", 200);
      long pages = s.requests("GET /jobs/{id}/results", 200);
      long total = s.totalRequests();
      long pagesMin = (rowsPerSpec + 199) / 200;
      long pollsMin = minimumPolls(Duration.ofSeconds(9));
      long minPerJob = 1 + pagesMin + pollsMin;
      double perJob = (double) total / n;
      figure(
          "Requests per job, " + n + " concurrent spec(s) of 1,000 rows, 9 s jobs",
          String.format(
              "%.2f (submit %.2f, polls %.2f, pages %.2f; min %d = 1 + %d + %d)",
              perJob,
              (double) submits / n,
              (double) polls / n,
              (double) pages / n,
              minPerJob,
              pagesMin,
              pollsMin),
          String.format("%.3f x min", perJob / minPerJob),
          "within 5% (<= 1.05 x)");
    }
  }

  /** Polls needed at the documented cadence to see a job of {@code duration} COMPLETED. */
  static long minimumPolls(Duration duration) {
    Duration min = Duration.ofSeconds(2);
    Duration max = Duration.ofSeconds(15);
    Duration t = min;
    long polls = 1;
    while (t.compareTo(duration) < 0) {
      Duration tenth = t.dividedBy(10);
      t = t.plus(tenth.compareTo(min) < 0 ? min : tenth.compareTo(max) > 0 ? max : tenth);
      polls++;
    }
    return polls;
  }

  /** Completion to first record, and control-topic spec to first submit, {@code n} times. */
  private void latency(int n) throws Exception {
    try (IgScraperSimulator sim =
        IgScraperSimulator.start(
            SimulatorConfig.builder()
                .apiKeys(KEY)
                .queuedFor(Duration.ofMillis(200))
                .processingFor(Duration.ofSeconds(5))
                .rateLimitsDisabled()
                .build())) {
      Map<String, String> props = unlimited(sim, "[]", "bench.lat.${job}");
      props.remove("igscraper.poll.interval.min.ms");
      props.remove("igscraper.poll.interval.max.ms");
      props.put("tasks.max", "1");
      props.put("igscraper.control.topic", "bench.control");
      props.put("igscraper.events.topic", "bench.lat.events");
      props.put("igscraper.control.bootstrap.servers", cluster.bootstrapServers());
      String name = deploy(props, 1);
      List<Long> toSubmit = new ArrayList<>();
      List<Long> toFirstRecord = new ArrayList<>();
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        for (int i = 0; i < n; i++) {
          String spec = "lat-" + i;
          String user = "lat-user-" + i;
          producer
              .send(
                  new ProducerRecord<>(
                      "bench.control",
                      spec.getBytes(),
                      spec(spec, user, followers("l" + i + "x", 200)).getBytes()))
              .get();
          long produced = System.nanoTime();
          while (sim.stats().jobsCreatedFor(user) == 0) {
            if (System.nanoTime() - produced > Duration.ofSeconds(60).toNanos()) {
              throw new IllegalStateException("no submit for " + spec);
            }
            Thread.sleep(1);
          }
          toSubmit.add((System.nanoTime() - produced) / 1_000_000);
          Count first = countUntil("bench.lat." + spec, 1, Duration.ofSeconds(60), List.of());
          List<String> ids = sim.stats().jobIds();
          Instant completed = completedAt(sim, ids.get(ids.size() - 1));
          toFirstRecord.add(Duration.between(completed, first.firstAt()).toMillis());
        }
      }
      cluster.delete(name);
      figure(
          "Latency: control-topic spec -> first submit (n=" + n + ")",
          "median " + median(toSubmit) + " ms, max " + max(toSubmit) + " ms",
          "-",
          "control topic read every 0.5 s");
      figure(
          "Latency: job COMPLETED -> first record in Kafka (n=" + n + ", default 2 s poll)",
          "median " + median(toFirstRecord) + " ms, max " + max(toFirstRecord) + " ms",
          "-",
          "<= poll interval (2 s) + one page");
    }
  }

  /** Default limits on both sides, {@code tasks} tasks sharing one key, for {@code minutes}. */
  private void rateLimited(int minutes, int tasks) {
    try (IgScraperSimulator sim =
        IgScraperSimulator.start(SimulatorConfig.builder().apiKeys(KEY).build())) {
      StringBuilder specs = new StringBuilder("[");
      for (int j = 0; j < tasks; j++) {
        specs
            .append(j == 0 ? "" : ",")
            .append(spec("rate-" + j, "rate-user-" + j, followers("r" + j + "x", 20_000)));
      }
      specs.append("]");
      String topic = "bench.rate";
      Map<String, String> props = new LinkedHashMap<>();
      props.put("connector.class", "co.igscraper.kafka.connect.IgScraperSourceConnector");
      props.put("tasks.max", Integer.toString(tasks));
      props.put("igscraper.api.url", sim.baseUrl());
      props.put("igscraper.api.key", KEY);
      props.put("igscraper.jobs", specs.toString());
      props.put("topic", topic);
      String name = deploy(props, tasks);
      long start = System.nanoTime();
      while (sim.stats().totalRequests() == 0) {
        sleep(1);
      }
      long firstRequest = System.nanoTime();
      Duration window = Duration.ofMinutes(minutes);
      long deadline = firstRequest + window.toNanos();
      while (System.nanoTime() < deadline) {
        sleep(200);
      }
      long requests = sim.stats().totalRequests();
      long busiest = sim.stats().busiestWindow(Duration.ofMinutes(1));
      long rows = countNow(topic);
      long tooMany = sim.stats().tooManyRequestsSent();
      long submits = sim.stats().requests("POST /jobs", 201);
      long polls = sim.stats().requests("GET /jobs/{id}", 200);
      cluster.delete(name);
      long ceilingRequests = 60L * minutes;
      long ceilingRows = (ceilingRequests - submits - polls) * 200;
      figure(
          "Rate-limited: "
              + tasks
              + " tasks, one key, default limits (60/min), "
              + minutes
              + " min from first request",
          String.format(
              "%d rows = %.0f rows/min (%d requests, %d submits, %d polls; busiest minute %d)",
              rows, rows / (double) minutes, requests, submits, polls, busiest),
          String.format("%.1f%% of ceiling %d rows", 100.0 * rows / ceilingRows, ceilingRows),
          ">= 95% of ceiling");
      figure("Rate-limited: 429s received", Long.toString(tooMany), "-", "0");
      notes.add(
          "Rate-limited ceiling = (60 requests/min x "
              + minutes
              + " min - submits - status polls) x 200 rows; deploy-to-first-request took "
              + (firstRequest - start) / 1_000_000
              + " ms and is not counted.");
    }
  }

  // ---------------------------------------------------------------- Kafka helpers

  private record Count(long count, Instant firstAt, Instant lastAt) {}

  private record Threshold(long count, Runnable action) {}

  /** Consumes {@code topic} from the start until {@code target} records; times first and last. */
  private Count countUntil(String topic, long target, Duration max, List<Threshold> thresholds) {
    long deadline = System.nanoTime() + max.toNanos();
    long count = 0;
    Instant first = null;
    int next = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (count < target) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + ": only " + count + " of " + target);
        }
        var batch = consumer.poll(Duration.ofMillis(100));
        if (!batch.isEmpty() && first == null) {
          first = Instant.now();
        }
        count += batch.count();
        while (next < thresholds.size() && count >= thresholds.get(next).count()) {
          thresholds.get(next++).action().run();
        }
      }
      return new Count(count, first, Instant.now());
    }
  }

  private long countNow(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      TopicPartition tp = new TopicPartition(topic, 0);
      return consumer.endOffsets(List.of(tp)).get(tp);
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The connector's records, deserialized back to Connect data (untimed), for the producer. */
  private List<SchemaAndValue[]> readConnectData(String topic, int rows) {
    JsonConverter keys = converter(true);
    JsonConverter values = converter(false);
    List<SchemaAndValue[]> out = new ArrayList<>(rows);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (out.size() < rows) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(
              new SchemaAndValue[] {
                keys.toConnectData(topic, r.key()), values.toConnectData(topic, r.value())
              });
        }
      }
    }
    return out;
  }

  /** Serializes with JsonConverter and sends with a default KafkaProducer; rows/s to last ack. */
  private double plainProducer(List<SchemaAndValue[]> records, String topic) {
    JsonConverter keys = converter(true);
    JsonConverter values = converter(false);
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.partitionsFor(topic);
      long start = System.nanoTime();
      for (SchemaAndValue[] r : records) {
        producer.send(
            new ProducerRecord<>(
                topic,
                keys.fromConnectData(topic, r[0].schema(), r[0].value()),
                values.fromConnectData(topic, r[1].schema(), r[1].value())));
      }
      producer.flush();
      return records.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  private long sizeOf(SchemaAndValue[] r) {
    return converter(false).fromConnectData("x", r[1].schema(), r[1].value()).length;
  }

  private static JsonConverter converter(boolean isKey) {
    JsonConverter c = new JsonConverter();
    c.configure(Map.of("schemas.enable", "true"), isKey);
    return c;
  }

  // ---------------------------------------------------------------- simulator and connector

  private static IgScraperSimulator fastSimulator() {
    return IgScraperSimulator.start(
        SimulatorConfig.builder()
            .apiKeys(KEY)
            .queuedFor(Duration.ofMillis(50))
            .processingFor(Duration.ofMillis(300))
            .rateLimitsDisabled()
            .build());
  }

  private static ClientSettings clientSettings(IgScraperSimulator sim) {
    return ClientSettings.builder()
        .baseUrl(sim.baseUrl())
        .apiKey(KEY)
        .userAgent("bench")
        .rateLimits(new RateLimits(1_000_000, 10_000_000, 1_000_000, 1_000_000, 1_000_000))
        .build();
  }

  private Map<String, String> unlimited(IgScraperSimulator sim, String jobs, String topic) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("connector.class", "co.igscraper.kafka.connect.IgScraperSourceConnector");
    props.put("igscraper.api.url", sim.baseUrl());
    props.put("igscraper.api.key", KEY);
    props.put("igscraper.jobs", jobs);
    props.put("topic", topic);
    // High but not huge: the client's sliding-log limiter holds one long per permit.
    props.put("igscraper.limit.requests.per.minute", "50000");
    props.put("igscraper.limit.requests.per.hour", "200000");
    props.put("igscraper.limit.submits.per.hour", "10000");
    props.put("igscraper.limit.user.submits.per.minute", "100");
    props.put("igscraper.limit.user.submits.per.hour", "1000");
    props.put("igscraper.poll.interval.min.ms", "100");
    props.put("igscraper.poll.interval.max.ms", "500");
    return props;
  }

  private String deploy(Map<String, String> props, int tasks) {
    String name = "bench-" + (++connectors);
    cluster.deploy(name, props);
    cluster.awaitRunning(name, tasks, Duration.ofSeconds(60));
    return name;
  }

  static String spec(String name, String user, String params) {
    return "{\"name\":\""
        + name
        + "\",\"external_user_id\":\""
        + user
        + "\",\"tool_type\":\"followers\",\"params\":"
        + params
        + "}";
  }

  /**
   * Followers params for {@code rows} rows over sources of at most 10,000 (the connector's cap).
   */
  static String followers(String prefix, int rows) {
    int sources = (rows + PER_SOURCE - 1) / PER_SOURCE;
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < sources; i++) {
      names.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append('"');
    }
    return "{\"usernames\":[" + names + "],\"max_followers\":" + rows / sources + "}";
  }

  private static Instant latestCompletion(IgScraperSimulator sim) {
    Instant latest = Instant.MIN;
    for (String id : sim.stats().jobIds()) {
      Instant c = completedAt(sim, id);
      latest = c.isAfter(latest) ? c : latest;
    }
    return latest;
  }

  private static Instant completedAt(IgScraperSimulator sim, String jobId) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/jobs/" + jobId))
                      .header("Authorization", "Bearer " + KEY)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      return Instant.parse(body.get("completed_at").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- process figures

  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process is gone.
    }
    return 0;
  }

  /** Max heap before a GC, max after a GC, committed (MB), from a {@code -Xlog:gc} file. */
  private static long[] gcStats(Path gcLog) {
    long[] out = new long[3];
    try {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher m = GC_LINE.matcher(line);
        if (m.find()) {
          out[0] = Math.max(out[0], Long.parseLong(m.group(1)));
          out[1] = Math.max(out[1], Long.parseLong(m.group(2)));
          out[2] = Math.max(out[2], Long.parseLong(m.group(3)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private boolean grepWorkerOut(String needle) {
    try {
      return Files.readString(cluster.dir().resolve("worker.out")).contains(needle)
          || Files.readString(cluster.dir().resolve("worker.log")).contains(needle);
    } catch (IOException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- output

  private void figure(String what, String value, String ratio, String target) {
    System.out.println("FIGURE " + what + ": " + value + " | " + ratio + " | target " + target);
    System.out.flush();
    table.add(new String[] {what, value, ratio, target});
  }

  private void writeResults(String started, String load) throws IOException {
    long memKb = 0;
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    StringBuilder md = new StringBuilder();
    md.append("## Run of ").append(started).append("\n\n");
    md.append("- Date: ").append(started).append('\n');
    md.append("- Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(memKb / 1024 / 1024)
        .append(" GiB memory, Java ")
        .append(System.getProperty("java.version"))
        .append(" (")
        .append(System.getProperty("java.vm.name"))
        .append(")\n");
    md.append("- Load average at start: ").append(load).append('\n');
    md.append(
        "- Setup: out-of-process KRaft broker and distributed Connect worker (-Xmx"
            + flags.getOrDefault("worker-heap", "256m")
            + ", G1,"
            + " JsonConverter with schemas, offset flush 1 s), simulator in the benchmark JVM, all"
            + " on this machine\n");
    md.append("- Command: ./bench.sh ").append(String.join(" ", flagsAsArgs())).append("\n\n");
    md.append("| Measure | Value | Ratio | Target |\n|---|---|---|---|\n");
    for (String[] row : table) {
      md.append("| ")
          .append(String.join(" | ", Arrays.stream(row).map(s -> s.replace("|", "/")).toList()))
          .append(" |\n");
    }
    if (!notes.isEmpty()) {
      md.append('\n');
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    Path out = Path.of("target", "bench", "results.md");
    Files.createDirectories(out.getParent());
    if (!Files.exists(out)) {
      Files.writeString(out, "# Benchmark results (one section per run of ./bench.sh)\n\n");
    }
    Files.writeString(out, md.append('\n').toString(), java.nio.file.StandardOpenOption.APPEND);
    System.out.println("Results written to " + out.toAbsolutePath());
  }

  private List<String> flagsAsArgs() {
    List<String> args = new ArrayList<>();
    flags.forEach((k, v) -> args.add("--" + k + " " + v));
    return args;
  }

  private static double secondsBetween(Instant a, Instant b) {
    return Duration.between(a, b).toNanos() / 1e9;
  }

  private static long median(List<Long> xs) {
    List<Long> sorted = new ArrayList<>(xs);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static long max(List<Long> xs) {
    return xs.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
