package co.igscraper.kafka.connect.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the control topic from the beginning, without a consumer group, in every task.
 *
 * <p>Every task sees every record and keeps the specs assigned to it; no group means no rebalances
 * and no committed position to lose: the compacted topic itself is the state.
 */
final class ControlTopicReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlTopicReader.class);

  /** One record, with an id that names it durably. */
  record ControlRecord(String key, String value, String id) {}

  private final KafkaConsumer<String, String> consumer;
  private final String topic;

  private ControlTopicReader(KafkaConsumer<String, String> consumer, String topic) {
    this.consumer = consumer;
    this.topic = topic;
  }

  /** Ensures the topic exists (creating it compacted when allowed) and assigns all partitions. */
  static ControlTopicReader open(
      String topic, Map<String, Object> clientProps, boolean create, Duration timeout) {
    ensureTopic(topic, clientProps, create, timeout);
    Map<String, Object> props = new java.util.HashMap<>(clientProps);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      // A topic just created may not be in the metadata yet: wait for its partitions.
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        consumer
            .partitionsFor(topic, timeout)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      if (partitions.isEmpty()) {
        throw new ConnectException(
            "Control topic '"
                + topic
                + "' has no partitions visible after "
                + timeout.toSeconds()
                + " s");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      return new ControlTopicReader(consumer, topic);
    } catch (RuntimeException e) {
      consumer.close(Duration.ofSeconds(2));
      throw e;
    }
  }

  /** Reads everything written so far, so the task starts with the full set of specs. */
  List<ControlRecord> readToEnd(Duration max) {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), max);
    List<ControlRecord> out = new ArrayList<>();
    long deadline = System.nanoTime() + max.toNanos();
    while (!caughtUp(end) && System.nanoTime() < deadline) {
      out.addAll(poll(Duration.ofMillis(200)));
    }
    if (!caughtUp(end)) {
      throw new ConnectException(
          "Could not read control topic '"
              + topic
              + "' to its end within "
              + max.toSeconds()
              + " s");
    }
    return out;
  }

  private boolean caughtUp(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  List<ControlRecord> poll(Duration timeout) {
    List<ControlRecord> out = new ArrayList<>();
    for (ConsumerRecord<String, String> r : consumer.poll(timeout)) {
      out.add(new ControlRecord(r.key(), r.value(), "control:" + r.partition() + ":" + r.offset()));
    }
    return out;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }

  private static void ensureTopic(
      String topic, Map<String, Object> clientProps, boolean create, Duration timeout) {
    try (Admin admin = Admin.create(clientProps)) {
      Set<String> names = admin.listTopics().names().get();
      if (!names.contains(topic)) {
        if (!create) {
          throw new ConnectException(
              "Control topic '"
                  + topic
                  + "' does not exist. Create it with cleanup.policy=compact, or set"
                  + " igscraper.control.topic.create=true");
        }
        try {
          admin
              .createTopics(
                  List.of(
                      new NewTopic(topic, 1, (short) -1)
                          .configs(
                              Map.of(
                                  TopicConfig.CLEANUP_POLICY_CONFIG,
                                  TopicConfig.CLEANUP_POLICY_COMPACT))))
              .all()
              .get();
          log.info("Created compacted control topic '{}'", topic);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
        return;
      }
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      String policy =
          config == null || config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null
              ? ""
              : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
      if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
        log.warn(
            "Control topic '{}' has cleanup.policy={}; use compact, or old specs may be deleted by"
                + " retention and stop running after a restart",
            topic,
            policy);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while checking control topic " + topic, e);
    } catch (ExecutionException e) {
      throw new ConnectException(
          "Could not check control topic '" + topic + "': " + e.getCause().getMessage(), e);
    }
  }
}
