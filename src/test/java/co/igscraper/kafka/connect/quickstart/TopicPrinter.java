package co.igscraper.kafka.connect.quickstart;

import co.igscraper.kafka.connect.it.ProcessCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code ./quickstart.sh --print}: every record of the last quickstart run, in full, from its
 * broker while it runs, or from the data it kept once it stopped.
 */
final class TopicPrinter {
  static final String STATE_FILE = "quickstart.properties";
  static final String BOOTSTRAP = "bootstrap.servers";
  static final String TOPICS = "topics";

  private TopicPrinter() {}

  /** Remembers where the run's broker listens and what it writes to, for a later print. */
  static void remember(Path home, String bootstrap, List<String> topics) throws IOException {
    Properties p = new Properties();
    p.setProperty(BOOTSTRAP, bootstrap);
    p.setProperty(TOPICS, String.join(",", topics));
    try (var out = Files.newBufferedWriter(home.resolve(STATE_FILE))) {
      p.store(out, "the last ./quickstart.sh run, read by ./quickstart.sh --print");
    }
  }

  /** Prints the records of {@code topics} (all of the run's when empty); returns how many. */
  static long print(Path home, List<String> topics, PrintStream out) throws IOException {
    Properties state = new Properties();
    try (InputStream in = Files.newInputStream(home.resolve(STATE_FILE))) {
      state.load(in);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "no quickstart run to print: run ./quickstart.sh first (it keeps its records in "
              + home
              + ")");
    }
    List<String> wanted =
        topics.isEmpty() ? Arrays.asList(state.getProperty(TOPICS, "").split(",")) : topics;
    String bootstrap = state.getProperty(BOOTSTRAP);
    ProcessCluster broker = null;
    try {
      if (!listening(bootstrap)) {
        out.println("starting a broker on the records the last run kept in " + home + " ...");
        broker = ProcessCluster.startBroker(home.resolve(Quickstart.CLUSTER_DIR));
        // Ctrl-C during the read must not leave that broker running on the kept data.
        ProcessCluster started = broker;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "print-broker-stop"));
        bootstrap = broker.bootstrapServers();
      }
      Map<String, Long> counts = read(bootstrap, wanted, out);
      List<String> parts = new ArrayList<>();
      counts.forEach((topic, n) -> parts.add(n + " in " + topic));
      long total = counts.values().stream().mapToLong(Long::longValue).sum();
      out.println(total + (total == 1 ? " record: " : " records: ") + String.join(", ", parts));
      return total;
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  private static Map<String, Long> read(String bootstrap, List<String> topics, PrintStream out) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // A misspelt topic must be reported, not created in the kept data.
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    Map<String, Long> counts = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (String topic : topics) {
        counts.put(topic, 0L);
        List<TopicPartition> partitions = new ArrayList<>();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        for (PartitionInfo p : infos == null ? List.<PartitionInfo>of() : infos) {
          partitions.add(new TopicPartition(topic, p.partition()));
        }
        if (partitions.isEmpty()) {
          out.println(topic + ": no such topic");
          continue;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!atEnd(consumer, ends) && System.nanoTime() < deadline) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            RecordText.full(r).forEach(out::println);
            counts.merge(topic, 1L, Long::sum);
          }
        }
        if (!atEnd(consumer, ends)) {
          out.println(
              topic + ": stopped reading after 60 s short of its end; the count is partial");
        }
      }
    }
    return counts;
  }

  private static boolean atEnd(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    // read_committed: the position moves past transaction markers and aborted records, so it
    // reaches the end offset once every committed record before it was returned.
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private static boolean listening(String bootstrap) {
    if (bootstrap == null) {
      return false;
    }
    String[] hostPort = bootstrap.split(":");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
