package co.igscraper.kafka.connect.bench;

import co.igscraper.kafka.connect.it.ProcessCluster;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code n} specs of {@code n} end users on the control topic, one worker process with {@code
 * -Xmx512m}, 2 tasks, limits raised on both sides: start-up to the first submit, all submitted, all
 * rows, heap per spec, a new spec's latency while the others run, and what one spec change costs
 * the others.
 */
final class ScaleBenchmark {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final int ROWS = 5;
  private static final String KEY = "scale-bench-key";

  private final BudgetBenchmark.Figures figures;

  ScaleBenchmark(BudgetBenchmark.Figures figures) {
    this.figures = figures;
  }

  void run(int n) throws Exception {
    Path dir = Path.of("target", "bench", "scale-" + n);
    BenchmarkMain.deleteRecursively(dir);
    try (IgScraperSimulator sim =
            IgScraperSimulator.start(
                SimulatorConfig.builder()
                    .apiKeys(KEY)
                    .queuedFor(Duration.ofMillis(200))
                    .processingFor(Duration.ofSeconds(1))
                    .rateLimits(1_000_000, 10_000_000, 10_000_000, 100, 1000)
                    .build());
        ProcessCluster cluster = ProcessCluster.start(dir, false, "512m", Map.of())) {
      long baselineKb = liveHeapKb(cluster);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
        admin
            .createTopics(
                List.of(
                    new NewTopic("scale.control", 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact"))))
            .all()
            .get();
      }
      try (KafkaProducer<String, String> producer = producer(cluster)) {
        for (int i = 0; i < n; i++) {
          producer.send(new ProducerRecord<>("scale.control", "s" + i, spec("s" + i, i, ROWS)));
        }
        producer.flush();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", "co.igscraper.kafka.connect.IgScraperSourceConnector");
        props.put("igscraper.api.url", sim.baseUrl());
        props.put("igscraper.api.key", KEY);
        props.put("topic", "scale.rows");
        props.put("igscraper.events.topic", "scale.events");
        props.put("igscraper.control.topic", "scale.control");
        props.put("igscraper.control.bootstrap.servers", cluster.bootstrapServers());
        props.put("tasks.max", "2");
        props.put("igscraper.limit.requests.per.minute", "100000");
        props.put("igscraper.limit.requests.per.hour", "1000000");
        props.put("igscraper.limit.submits.per.hour", "1000000");
        props.put("igscraper.poll.interval.min.ms", "1000");
        props.put("igscraper.poll.interval.max.ms", "5000");
        long t0 = System.nanoTime();
        cluster.deploy("scale", props);
        LongSupplier created = () -> sim.stats().jobsCreated();
        await(() -> created.getAsLong() > 0, Duration.ofMinutes(5));
        double startup = secs(t0);
        await(() -> created.getAsLong() >= n / 2, Duration.ofMinutes(30));

        // While the others run: one new spec, and one changed spec.
        long probe = System.nanoTime();
        producer.send(new ProducerRecord<>("scale.control", "probe", spec("probe", n, ROWS)));
        producer.send(new ProducerRecord<>("scale.control", "s0", spec("s0", 0, ROWS + 1)));
        producer.flush();
        double probeSecs = -1;
        double changeSecs = -1;
        // How long the others pause: the longest stretch without any API request in the 10 s
        // after the two records (requests never stop while any spec has work).
        long maxGapMs = 0;
        long lastRequests = sim.stats().totalRequests();
        long lastChange = System.nanoTime();
        while (secs(probe) < 10
            || sim.stats().jobsCreatedFor("scale-user-" + n) == 0
            || sim.stats().jobsCreatedFor("scale-user-0") < 2) {
          if (secs(probe) < 10) {
            long now = sim.stats().totalRequests();
            if (now != lastRequests) {
              lastRequests = now;
              lastChange = System.nanoTime();
            }
            maxGapMs = Math.max(maxGapMs, (System.nanoTime() - lastChange) / 1_000_000);
          }
          if (probeSecs < 0 && sim.stats().jobsCreatedFor("scale-user-" + n) > 0) {
            probeSecs = secs(probe);
          }
          if (changeSecs < 0 && sim.stats().jobsCreatedFor("scale-user-0") >= 2) {
            changeSecs = secs(probe);
          }
          if (secs(probe) > 600) {
            throw new IllegalStateException("the probe spec was not submitted in 10 minutes");
          }
          Thread.sleep(2);
        }
        probeSecs = probeSecs < 0 ? secs(probe) : probeSecs;
        changeSecs = changeSecs < 0 ? secs(probe) : changeSecs;
        await(() -> created.getAsLong() >= n + 2, Duration.ofMinutes(30));
        double allSubmitted = secs(t0);
        await(() -> rowsDelivered(sim) >= (long) n * ROWS, Duration.ofMinutes(30));
        double allRows = secs(t0);
        long heapKb = liveHeapKb(cluster);
        String at = n + " specs, 1 worker -Xmx512m, 2 tasks";
        figures.figure(
            "Scale: " + at + ", deploy -> first submit",
            String.format("%.1f s", startup),
            "-",
            "-");
        figures.figure(
            "Scale: " + at + ", all jobs submitted / all " + (long) n * ROWS + " rows delivered",
            String.format("%.0f s / %.0f s", allSubmitted, allRows),
            String.format(
                "%.1f requests per job",
                (double) sim.stats().totalRequests() / created.getAsLong()),
            "-");
        figures.figure(
            "Scale: " + at + ", live heap after GC",
            String.format("%.0f MB (idle worker %.0f MB)", heapKb / 1024.0, baselineKb / 1024.0),
            String.format("%.1f KB per spec", (heapKb - baselineKb) / (double) n),
            "fits -Xmx512m");
        figures.figure(
            "Scale: "
                + at
                + ", new spec -> its first submit / changed spec -> its next job,"
                + " while the others run",
            String.format("%.1f s / %.1f s", probeSecs, changeSecs),
            String.format("longest stretch without a request in the 10 s after: %d ms", maxGapMs),
            "a spec change pauses no other spec");
        figures.figure(
            "Scale: " + at + ", 429s from the simulator",
            Long.toString(sim.stats().tooManyRequestsSent()),
            "-",
            "0");
        cluster.delete("scale");
      }
    }
  }

  private static long rowsDelivered(IgScraperSimulator sim) {
    long rows = 0;
    for (String id : sim.stats().jobIds()) {
      rows += sim.stats().rowsServed(id);
    }
    return rows;
  }

  private static String spec(String name, int user, int rows) {
    return BenchmarkMain.spec(
        name, "scale-user-" + user, "{\"usernames\":[\"nasa\"],\"max_followers\":" + rows + "}");
  }

  private static KafkaProducer<String, String> producer(ProcessCluster cluster) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  /** Live heap of the worker after a full GC, from {@code jcmd}. */
  private static long liveHeapKb(ProcessCluster cluster) throws IOException, InterruptedException {
    String pid = Long.toString(cluster.worker().pid());
    jcmd(pid, "GC.run");
    Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String jcmd(String pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", pid, command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private static void await(java.util.function.BooleanSupplier done, Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not reached within " + max);
      }
      Thread.sleep(20);
    }
  }

  private static double secs(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
