package co.igscraper.kafka.connect.it;

import static org.awaitility.Awaitility.await;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * A real KRaft broker and Connect worker(s) in process, with helpers to deploy the connector
 * through the REST API and read what it wrote.
 */
public final class ConnectFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final EmbeddedConnectCluster connect;

  private ConnectFixture(EmbeddedConnectCluster connect) {
    this.connect = connect;
  }

  /**
   * Starts a cluster with {@code workers} workers; {@code exactlyOnce} enables EOS source support.
   */
  public static ConnectFixture start(String name, int workers, boolean exactlyOnce) {
    return start(name, workers, exactlyOnce, Map.of());
  }

  /**
   * Like {@link #start(String, int, boolean)}, with {@code extraWorkerProps} (e.g. {@code
   * plugin.path}) applied last, so they override the defaults.
   */
  public static ConnectFixture start(
      String name, int workers, boolean exactlyOnce, Map<String, String> extraWorkerProps) {
    Map<String, String> workerProps = new HashMap<>();
    workerProps.put("plugin.discovery", "service_load");
    workerProps.put("offset.flush.interval.ms", "500");
    workerProps.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    workerProps.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    workerProps.put("key.converter.schemas.enable", "true");
    workerProps.put("value.converter.schemas.enable", "true");
    // Credits are decimals; as the README recommends, JSON shows them as numbers.
    workerProps.put("value.converter.decimal.format", "NUMERIC");
    // Quick rebalances when a worker leaves, so failover tests stay short.
    workerProps.put("scheduled.rebalance.max.delay.ms", "2000");
    if (exactlyOnce) {
      workerProps.put("exactly.once.source.support", "enabled");
    }
    workerProps.putAll(extraWorkerProps);
    Properties brokerProps = new Properties();
    brokerProps.put("auto.create.topics.enable", "true");
    brokerProps.put("transaction.state.log.replication.factor", "1");
    brokerProps.put("transaction.state.log.min.isr", "1");
    EmbeddedConnectCluster connect =
        new EmbeddedConnectCluster.Builder()
            .name(name)
            .numWorkers(workers)
            .numBrokers(1)
            .workerProps(workerProps)
            .brokerProps(brokerProps)
            .build();
    connect.start();
    return new ConnectFixture(connect);
  }

  public EmbeddedConnectCluster cluster() {
    return connect;
  }

  /** Connector properties every test starts from. */
  public static Map<String, String> connectorProps(String apiUrl, String apiKey, String jobsJson) {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", IgScraperSourceConnector.class.getName());
    props.put("tasks.max", "2");
    props.put("igscraper.api.url", apiUrl);
    props.put("igscraper.api.key", apiKey);
    props.put("igscraper.jobs", jobsJson);
    props.put("igscraper.poll.interval.min.ms", "100");
    props.put("igscraper.poll.interval.max.ms", "500");
    props.put("igscraper.retry.backoff.min.ms", "20");
    props.put("igscraper.retry.backoff.max.ms", "200");
    return props;
  }

  /** Deploys (or updates) a connector through PUT /connectors/{name}/config. */
  public void deploy(String name, Map<String, String> props) {
    connect.configureConnector(name, props);
  }

  public void awaitRunning(String name, int tasks) {
    await().atMost(Duration.ofSeconds(60)).until(() -> isRunning(name, tasks));
  }

  private boolean isRunning(String name, int tasks) {
    try {
      ConnectorStateInfo info = connect.connectorStatus(name);
      return "RUNNING".equals(info.connector().state())
          && info.tasks().size() == tasks
          && info.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Reads every record of a topic from the beginning, until none arrives for {@code quiet}. */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration quiet) {
    return readTopic(
        connect.kafka().bootstrapServers(), topic, Integer.MAX_VALUE, quiet, Duration.ofMinutes(5));
  }

  /** A task's plugin metric, read over JMX in this (the worker's) JVM. */
  public static long taskMetric(String connector, int task, String metric) throws Exception {
    return ((Number)
            ManagementFactory.getPlatformMBeanServer()
                .getAttribute(
                    new ObjectName(
                        "kafka.connect:type=plugins,connector=" + connector + ",task=" + task),
                    metric))
        .longValue();
  }

  /** The state of task 0 of {@code connector} ("" before it has one). */
  public String taskState(String connector) {
    var tasks = connect.connectorStatus(connector).tasks();
    return tasks.isEmpty() ? "" : tasks.get(0).state();
  }

  /** Waits for a job event of {@code spec} of {@code type} on {@code topic}, and returns it. */
  public JsonNode awaitEvent(String topic, String spec, String type, Duration max) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(max)
        .until(
            () -> {
              for (ConsumerRecord<byte[], byte[]> r : readAll(topic, Duration.ofMillis(500))) {
                JsonNode event = payload(r.value());
                if (spec.equals(event.path("spec_name").asText())
                    && type.equals(event.path("event_type").asText())) {
                  found[0] = event;
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }

  /** Waits until a topic holds at least {@code count} records (or {@code max} passes). */
  public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count, Duration max) {
    return readTopic(connect.kafka().bootstrapServers(), topic, count, max, max);
  }

  /**
   * Reads a topic of any broker from the beginning (read_committed) until {@code count} records,
   * {@code quiet} without a new one, or {@code max} in all.
   */
  static List<ConsumerRecord<byte[], byte[]>> readTopic(
      String bootstrap, String topic, int count, Duration quiet, Duration max) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + max.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        consumer
            .listTopics(Duration.ofSeconds(5))
            .getOrDefault(topic, List.of())
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        if (partitions.isEmpty()) {
          sleepQuietly(200);
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long lastArrival = System.nanoTime();
      while (out.size() < count
          && System.nanoTime() < deadline
          && System.nanoTime() - lastArrival < quiet.toNanos()) {
        var batch = consumer.poll(Duration.ofMillis(200));
        if (!batch.isEmpty()) {
          batch.forEach(out::add);
          lastArrival = System.nanoTime();
        }
      }
    }
    return out;
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A response of the worker's REST API. */
  public record RestResponse(int status, String body) {}

  /** Calls the worker's REST API, e.g. {@code rest("PATCH", "connectors/x/offsets", json)}. */
  public RestResponse rest(String method, String path, String body) {
    try {
      java.net.http.HttpRequest request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create(connect.endpointForResource(path)))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? java.net.http.HttpRequest.BodyPublishers.noBody()
                      : java.net.http.HttpRequest.BodyPublishers.ofString(body))
              .build();
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      return new RestResponse(response.statusCode(), response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The JSON payload of a JsonConverter record with schemas enabled. */
  public static JsonNode payload(byte[] bytes) {
    try {
      return JSON.readTree(bytes).get("payload");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode schema(byte[] bytes) {
    try {
      return JSON.readTree(bytes).get("schema");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    connect.stop();
  }
}
