package co.igscraper.kafka.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.FailurePolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IgScraperSourceConfigTest {
  private static Map<String, String> minimal() {
    Map<String, String> props = new HashMap<>();
    props.put(IgScraperSourceConfig.API_KEY_CONFIG, "secret-key-123");
    return props;
  }

  @Test
  void defaultsSuitTheDocumentedPublicLimits() {
    IgScraperSourceConfig config = new IgScraperSourceConfig(minimal());
    assertEquals("https://igscraper.co/api/v1", config.apiUrl().toString());
    assertEquals(200, config.pageSize());
    assertEquals(Duration.ofSeconds(2), config.pollIntervalMin());
    assertEquals(60, config.requestsPerMinute());
    assertEquals(1000, config.requestsPerHour());
    assertEquals(120, config.submitsPerHour());
    assertEquals(5, config.userSubmitsPerMinute());
    assertEquals(12, config.userSubmitsPerHour());
    assertEquals(FailurePolicy.STOP_SPEC, config.failurePolicy());
    assertTrue(config.eventsTopic().isEmpty());
    assertTrue(config.jobSpecs().isEmpty());
  }

  @Test
  void apiKeyIsAPasswordAndNeverPrinted() {
    IgScraperSourceConfig config = new IgScraperSourceConfig(minimal());
    assertEquals(
        ConfigDef.Type.PASSWORD,
        IgScraperSourceConfig.CONFIG_DEF
            .configKeys()
            .get(IgScraperSourceConfig.API_KEY_CONFIG)
            .type);
    assertEquals("secret-key-123", config.apiKey().value());
    assertFalse(config.toString().contains("secret-key-123"));
    assertFalse(config.values().toString().contains("secret-key-123"));
  }

  @Test
  void blankOrMultiLineKeysAreRejectedWithoutEchoingThem() {
    // (Leading and trailing whitespace is trimmed by ConfigDef; inner whitespace is not.)
    for (String bad : new String[] {"   ", "secret-key\nsecond-line", "secret key"}) {
      Map<String, String> props = minimal();
      props.put(IgScraperSourceConfig.API_KEY_CONFIG, bad);
      ConfigException e =
          assertThrows(ConfigException.class, () -> new IgScraperSourceConfig(props));
      assertTrue(e.getMessage().contains(IgScraperSourceConfig.API_KEY_CONFIG), e.getMessage());
      assertFalse(e.getMessage().contains("secret-key"), e.getMessage());
    }
  }

  @Test
  void missingKeyIsRejected() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> new IgScraperSourceConfig(new HashMap<>()));
    assertTrue(e.getMessage().contains(IgScraperSourceConfig.API_KEY_CONFIG));
  }

  @Test
  void rejectsBadValuesNamingTheKey() {
    Map<String, Map<String, String>> cases =
        Map.of(
            IgScraperSourceConfig.API_URL_CONFIG, Map.of("v", "ftp://x"),
            IgScraperSourceConfig.PAGE_SIZE_CONFIG, Map.of("v", "500"),
            IgScraperSourceConfig.PROXY_CONFIG, Map.of("v", "no-port"),
            IgScraperSourceConfig.TOPIC_CONFIG, Map.of("v", "igscraper.${nope}"),
            IgScraperSourceConfig.FAILURE_POLICY_CONFIG, Map.of("v", "ignore"),
            IgScraperSourceConfig.JOBS_CONFIG, Map.of("v", "[{]"));
    cases.forEach(
        (key, value) -> {
          Map<String, String> props = minimal();
          props.put(key, value.get("v"));
          ConfigException e =
              assertThrows(ConfigException.class, () -> new IgScraperSourceConfig(props), key);
          assertTrue(
              e.getMessage().contains(key) || key.equals(IgScraperSourceConfig.JOBS_CONFIG),
              e.getMessage());
        });
  }

  @Test
  void topicTemplateExpandsToALegalName() {
    Map<String, String> props = minimal();
    props.put(IgScraperSourceConfig.TOPIC_CONFIG, "ig.${tool_type}.${external_user_id}.${job}");
    props.put(
        IgScraperSourceConfig.JOBS_CONFIG,
        "[{\"name\":\"n1\",\"external_user_id\":\"acme/customer 1\",\"tool_type\":\"followers\","
            + "\"params\":{\"usernames\":[\"nasa\"]}}]");
    IgScraperSourceConfig config = new IgScraperSourceConfig(props);
    assertEquals(
        "ig.followers.acme_customer_1.n1", config.topicNamer().topicFor(config.jobSpecs().get(0)));
  }

  @Test
  void proxyParsesHostAndPort() {
    Map<String, String> props = minimal();
    props.put(IgScraperSourceConfig.PROXY_CONFIG, "proxy.internal:3128");
    IgScraperSourceConfig config = new IgScraperSourceConfig(props);
    java.net.InetSocketAddress address =
        (java.net.InetSocketAddress) config.proxy().orElseThrow().address();
    assertEquals("proxy.internal", address.getHostString());
    assertEquals(3128, address.getPort());
  }

  @Test
  void idempotencyKeyPrefixIsEmptyByDefault() {
    assertEquals("", new IgScraperSourceConfig(minimal()).idempotencyKeyPrefix());
    Map<String, String> props = minimal();
    props.put(IgScraperSourceConfig.IDEMPOTENCY_KEY_PREFIX_CONFIG, "cluster-eu.2");
    assertEquals("cluster-eu.2", new IgScraperSourceConfig(props).idempotencyKeyPrefix());
    assertEquals("cluster-eu.2", new IgScraperTaskConfig(props).idempotencyKeyPrefix());
  }

  @Test
  void idempotencyKeyPrefixMustBeShortPrintableAsciiWithoutSpaces() {
    for (String bad : new String[] {"cluster eu", "p".repeat(65), "clüster", "a\tb"}) {
      Map<String, String> props = minimal();
      props.put(IgScraperSourceConfig.IDEMPOTENCY_KEY_PREFIX_CONFIG, bad);
      ConfigException e =
          assertThrows(ConfigException.class, () -> new IgScraperSourceConfig(props), bad);
      assertTrue(
          e.getMessage().contains(IgScraperSourceConfig.IDEMPOTENCY_KEY_PREFIX_CONFIG),
          e.getMessage());
      assertTrue(e.getMessage().contains("without spaces"), e.getMessage());
    }
    Map<String, String> props = minimal();
    props.put(IgScraperSourceConfig.IDEMPOTENCY_KEY_PREFIX_CONFIG, "p".repeat(64));
    assertEquals("p".repeat(64), new IgScraperSourceConfig(props).idempotencyKeyPrefix());
  }

  @Test
  void everyKeyHasAGroupADocAndAnOrder() {
    IgScraperSourceConfig.CONFIG_DEF
        .configKeys()
        .values()
        .forEach(
            k -> {
              assertTrue(k.group != null && !k.group.isEmpty(), k.name + " has no group");
              assertTrue(k.documentation != null && k.documentation.length() > 20, k.name);
              assertTrue(k.orderInGroup > 0, k.name + " has no order");
            });
  }

  @Test
  void tooManySpecsForOneConfigRecordAreRefusedPointingToTheControlTopic() {
    StringBuilder jobs = new StringBuilder("[");
    for (int i = 0; i < 10_000; i++) {
      jobs.append(i == 0 ? "" : ",")
          .append("{\"name\":\"spec-")
          .append(i)
          .append("\",\"external_user_id\":\"user-")
          .append(i)
          .append("\",\"tool_type\":\"followers\",\"params\":{\"usernames\":[\"nasa\"]}}");
    }
    Map<String, String> props = minimal();
    props.put(IgScraperSourceConfig.JOBS_CONFIG, jobs.append("]").toString());
    ConfigException e = assertThrows(ConfigException.class, () -> new IgScraperSourceConfig(props));
    assertTrue(e.getMessage().contains(IgScraperSourceConfig.JOBS_CONFIG), e.getMessage());
    assertTrue(e.getMessage().contains("igscraper.control.topic"), e.getMessage());
    assertTrue(e.getMessage().contains("message.max.bytes"), e.getMessage());
  }

  @Test
  void aControlTopicNeedsTheEventsTopicThatCarriesHandoversAndOnlyThenIsExactlyOnce() {
    Map<String, String> props = minimal();
    props.put(IgScraperSourceConfig.CONTROL_TOPIC_CONFIG, "specs");
    props.put(IgScraperSourceConfig.CONTROL_BOOTSTRAP_CONFIG, "localhost:9092");
    IgScraperSourceConfig config = new IgScraperSourceConfig(props);
    List<String> errors = config.crossFieldErrors().get(IgScraperSourceConfig.EVENTS_TOPIC_CONFIG);
    assertEquals(1, errors.size(), String.valueOf(config.crossFieldErrors()));
    assertTrue(errors.get(0).contains("igscraper.control.topic"), errors.get(0));
    IgScraperSourceConnector connector = new IgScraperSourceConnector();
    assertEquals(ExactlyOnceSupport.UNSUPPORTED, connector.exactlyOnceSupport(props));

    props.put(IgScraperSourceConfig.EVENTS_TOPIC_CONFIG, "events");
    assertTrue(new IgScraperSourceConfig(props).crossFieldErrors().isEmpty());
    assertEquals(ExactlyOnceSupport.SUPPORTED, connector.exactlyOnceSupport(props));
    assertEquals(ExactlyOnceSupport.SUPPORTED, connector.exactlyOnceSupport(minimal()));
    // A config invalid for another reason gets that key's error, not a second one about
    // exactly-once (VersionMatrixIT validates with exactly.once.support=required).
    Map<String, String> invalid = minimal();
    invalid.put(IgScraperSourceConfig.PAGE_SIZE_CONFIG, "500");
    assertEquals(ExactlyOnceSupport.SUPPORTED, connector.exactlyOnceSupport(invalid));
  }

  @ParameterizedTest
  @CsvSource({
    // requests per minute, capacity per task, tasks.max, tasks run
    "60, 600, 4, 1",
    "600, 600, 4, 1",
    "601, 600, 4, 2",
    "6000, 600, 4, 4",
    "6000, 600, 20, 10",
    "100000, 600, 2, 2",
    "60, 1, 3, 3",
    "60, 600, 0, 1"
  })
  void runsNoMoreTasksThanTheLimitsNeed(int perMinute, int capacity, int maxTasks, int tasks) {
    Map<String, String> props = minimal();
    props.put(IgScraperSourceConfig.REQUESTS_PER_MINUTE_CONFIG, Integer.toString(perMinute));
    props.put(IgScraperSourceConfig.TASK_CAPACITY_CONFIG, Integer.toString(capacity));
    assertEquals(tasks, new IgScraperSourceConfig(props).tasksForLimits(maxTasks));
  }
}
