package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.ConnectFixture.payload;
import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.Faults;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real broker and Connect worker, each its own JVM; the worker is killed with SIGKILL at random
 * points while two large jobs are paged, and restarted each time. Checked against the simulator's
 * ground truth: no row lost, no extra job; duplicates are counted, and must be zero with
 * exactly-once source support.
 *
 * <p>Long form: {@code -Dhardcrash.kills=50 -Dhardcrash.rows=50000 -Dhardcrash.seed=42}; one case
 * only: {@code -Dhardcrash.mode=exactly-once} (or {@code at-least-once}).
 */
class HardCrashIT {
  private static final String KEY = "hard-crash-key-5e1f";
  private static final String TOPIC = "hc.rows";
  private static final int KILLS = Integer.getInteger("hardcrash.kills", 5);
  private static final int ROWS_PER_SPEC = Integer.getInteger("hardcrash.rows", 15_000);
  private static final int PAGE_DELAY_MS = Integer.getInteger("hardcrash.page.delay.ms", 300);
  private static final long MIN_RUN_MS = Long.getLong("hardcrash.min.run.ms", 1_500);
  private static final long MAX_RUN_MS = Long.getLong("hardcrash.max.run.ms", 4_500);
  // With exactly-once, a restarted worker reads its offsets read_committed and so waits for the
  // killed task's open transaction to time out: 60 s by default, per restart.
  private static final String TXN_TIMEOUT_MS =
      System.getProperty("hardcrash.transaction.timeout.ms", "5000");

  @ParameterizedTest(name = "exactly once = {0}")
  @ValueSource(booleans = {false, true})
  void sigkillMidPagingLosesNoRowAndCreatesNoExtraJob(boolean exactlyOnce) throws IOException {
    long seed = Long.getLong("hardcrash.seed", System.nanoTime());
    String mode = exactlyOnce ? "exactly-once" : "at-least-once";
    String only = System.getProperty("hardcrash.mode", "");
    Assumptions.assumeTrue(only.isEmpty() || only.equals(mode), "-Dhardcrash.mode=" + only);
    System.out.printf(
        "hard crash (%s): seed %d (-Dhardcrash.seed=%d), %d kills, 2 specs x %d rows, %d ms/page%n",
        mode, seed, seed, KILLS, ROWS_PER_SPEC, PAGE_DELAY_MS);
    Path dir = Path.of("target", "hard-crash", mode);
    deleteRecursively(dir);
    long started = System.nanoTime();
    try (IgScraperSimulator sim = simulator();
        ProcessCluster cluster =
            ProcessCluster.start(
                dir,
                exactlyOnce,
                "256m",
                exactlyOnce
                    ? Map.of("producer.transaction.timeout.ms", TXN_TIMEOUT_MS)
                    : Map.of())) {
      sim.setFaults(
          Faults.builder().slowResultsPage(1.0, Duration.ofMillis(PAGE_DELAY_MS)).build());
      String jobs =
          "["
              + spec("crash-a", "hc-user-a", "followers", followers("a", ROWS_PER_SPEC))
              + ","
              + spec("crash-b", "hc-user-b", "followers", followers("b", ROWS_PER_SPEC))
              + "]";
      Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
      props.put("topic", TOPIC);
      props.put("igscraper.page.size", "200");
      cluster.deploy("hard-crash", props);
      cluster.awaitRunning("hard-crash", 2, Duration.ofSeconds(60));

      Random random = new Random(seed);
      long restartTotalMs = 0;
      for (int kill = 1; kill <= KILLS; kill++) {
        long runMs = MIN_RUN_MS + (long) (random.nextDouble() * (MAX_RUN_MS - MIN_RUN_MS));
        ProcessCluster.sleep(runMs);
        long served = rowsServed(sim);
        int exit = cluster.killWorker();
        System.out.printf(
            "kill %d: SIGKILL after %d ms of running, %d rows served so far, exit code %d%n",
            kill, runMs, served, exit);
        // 128 + 9: the JVM died of SIGKILL and ran no shutdown hook.
        assertEquals(137, exit, "destroyForcibly() sends SIGKILL");
        long restart = System.nanoTime();
        cluster.startWorker();
        cluster.awaitRunning("hard-crash", 2, Duration.ofSeconds(120));
        long restartMs = (System.nanoTime() - restart) / 1_000_000;
        restartTotalMs += restartMs;
        System.out.printf("restart %d: tasks RUNNING again after %d ms%n", kill, restartMs);
      }
      System.out.printf(
          "FIGURE hard-crash %s restart to tasks RUNNING: %d ms on average%n",
          mode, restartTotalMs / Math.max(1, KILLS));

      List<String> jobIds = sim.stats().jobIds();
      long delivered = jobIds.stream().mapToLong(id -> sim.stats().rowsDelivered(id)).sum();
      assertEquals(2L * ROWS_PER_SPEC, delivered, "simulator delivered both jobs in full");
      sim.setFaults(Faults.none());
      Set<String> truth = groundTruth(sim, jobIds);
      assertEquals(delivered, truth.size());

      Reading reading = read(cluster.bootstrapServers(), truth, Duration.ofSeconds(180));
      // Less the pages groundTruth() read itself.
      long pageReads =
          sim.stats().requests("GET /jobs/{id}/results", 200) - 2 * ((ROWS_PER_SPEC + 199) / 200);
      Set<String> missing = new HashSet<>(truth);
      missing.removeAll(reading.unique());
      long duplicates = reading.total() - reading.unique().size();
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("FIGURE hard-crash %s kills: %d (seed %d)%n", mode, KILLS, seed);
      System.out.printf(
          "FIGURE hard-crash %s rows: %d delivered by the simulator, %d records in Kafka, %d"
              + " unique%n",
          mode, delivered, reading.total(), reading.unique().size());
      System.out.printf("FIGURE hard-crash %s rows lost: %d%n", mode, missing.size());
      System.out.printf(
          "FIGURE hard-crash %s duplicates: %d (%.2f%% of rows)%n",
          mode, duplicates, 100.0 * duplicates / delivered);
      System.out.printf(
          "FIGURE hard-crash %s jobs created: %d for 2 specs x 1 run; %d results-page reads"
              + " for %d pages%n",
          mode, sim.stats().jobsCreated(), pageReads, 2 * ((ROWS_PER_SPEC + 199) / 200));
      System.out.printf("FIGURE hard-crash %s wall time: %d ms%n", mode, elapsedMs);

      assertTrue(missing.isEmpty(), "rows lost: " + missing.size() + ", e.g. " + first(missing));
      assertTrue(
          reading.unique().containsAll(truth) && truth.containsAll(reading.unique()),
          "Kafka holds exactly the simulator's rows");
      assertEquals(1, sim.stats().jobsCreatedFor("hc-user-a"), "no extra job for spec a");
      assertEquals(1, sim.stats().jobsCreatedFor("hc-user-b"), "no extra job for spec b");
      if (exactlyOnce) {
        assertEquals(0, duplicates, "exactly-once: no duplicates under read_committed");
      }
    }
  }

  /**
   * Params for {@code rows} followers: the connector allows at most 10,000 per source, so larger
   * jobs spread over several sources, named {@code prefix0}, {@code prefix1}, ...
   */
  static String followers(String prefix, int rows) {
    int sources = (rows + 9_999) / 10_000;
    if (rows % sources != 0) {
      throw new IllegalArgumentException(rows + " rows do not split evenly over " + sources);
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < sources; i++) {
      names.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append('"');
    }
    return "{\"usernames\":[" + names + "],\"max_followers\":" + rows / sources + "}";
  }

  private static IgScraperSimulator simulator() {
    return IgScraperSimulator.start(
        SimulatorConfig.builder()
            .apiKeys(KEY)
            .queuedFor(Duration.ofMillis(50))
            .processingFor(Duration.ofMillis(300))
            .rateLimitsDisabled()
            .build());
  }

  private static long rowsServed(IgScraperSimulator sim) {
    return sim.stats().jobIds().stream().mapToLong(id -> sim.stats().rowsServed(id)).sum();
  }

  /** Every row the simulator delivered, as {@code source|user_id}, read back through its API. */
  static Set<String> groundTruth(IgScraperSimulator sim, List<String> jobIds) {
    HttpClient http = HttpClient.newHttpClient();
    Set<String> keys = new HashSet<>();
    for (String jobId : jobIds) {
      for (int page = 1; ; page++) {
        HttpRequest request =
            HttpRequest.newBuilder(
                    URI.create(
                        sim.baseUrl() + "/jobs/" + jobId + "/results?page=" + page + "&limit=200"))
                .header("Authorization", "Bearer " + KEY)
                .build();
        JsonNode body;
        try {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          assertEquals(200, response.statusCode(), response.body());
          body = ConnectFixture.JSON.readTree(response.body());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        for (JsonNode row : body.get("data")) {
          keys.add(row.get("source").asText() + "|" + row.get("user_id").asText());
        }
        if (!body.get("pagination").get("has_next").asBoolean()) {
          break;
        }
      }
    }
    return keys;
  }

  record Reading(long total, Set<String> unique) {}

  /**
   * Reads the topic (read_committed) until every expected key is there, then until it stays quiet
   * for 3 s, so late duplicates are counted too.
   */
  private static Reading read(String bootstrap, Set<String> expected, Duration max) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    Set<String> unique = new HashSet<>();
    long total = 0;
    long deadline = System.nanoTime() + max.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long lastArrival = System.nanoTime();
      while (System.nanoTime() < deadline) {
        var batch = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          JsonNode key = payload(r.key());
          unique.add(key.get("source").asText() + "|" + key.get("user_id").asText());
          total++;
        }
        if (!batch.isEmpty()) {
          lastArrival = System.nanoTime();
        } else if (unique.containsAll(expected)
            && System.nanoTime() - lastArrival > Duration.ofSeconds(3).toNanos()) {
          break;
        }
      }
    }
    return new Reading(total, unique);
  }

  private static String first(Set<String> set) {
    return set.isEmpty() ? "-" : set.iterator().next();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
