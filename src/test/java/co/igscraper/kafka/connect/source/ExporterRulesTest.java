package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.ClientSettings;
import co.igscraper.kafka.connect.client.IgScraperClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

/**
 * The JMX exporter rules in docs/monitoring name every task metric the connector publishes (a
 * metric the rules miss is never exported, since every plugin shares {@code type=plugins}), and
 * both rules files carry the same igscraper rules. PrometheusIT scrapes a real agent.
 */
class ExporterRulesTest {
  private static final Path STRIMZI = Path.of("docs/monitoring/kafka-connect-jmx-exporter.yml");
  private static final Path CONFLUENT =
      Path.of("docs/monitoring/kafka-connect-jmx-exporter-confluent.yml");
  private static final String OURS = "  # --- igscraper, Kafka 4.1+ workers";
  private static final String CONNECT = "  # --- Kafka Connect's own metrics";
  private static final Pattern TASK_RULE =
      Pattern.compile(
          "pattern: 'kafka\\.connect<type=plugins, connector=\\(\\[\\^,\\]\\+\\),"
              + " task=\\(\\\\d\\+\\)><>\\(([a-z0-9|-]+)\\)'");

  private static String igscraperRules(Path file) throws IOException {
    String text = Files.readString(file);
    int start = text.indexOf(OURS);
    int end = text.indexOf(CONNECT);
    assertTrue(start > 0 && end > start, file + ": igscraper rules first, then Connect's");
    return text.substring(start, end);
  }

  @Test
  void bothRulesFilesCarryTheSameIgscraperRulesBeforeConnectsOwn() throws IOException {
    assertEquals(igscraperRules(STRIMZI), igscraperRules(CONFLUENT));
  }

  @Test
  void theTaskRuleNamesEveryPublishedTaskMetricLongestFirst() throws IOException {
    Matcher rule = TASK_RULE.matcher(igscraperRules(STRIMZI));
    assertTrue(rule.find(), "the plugin-metrics task rule");
    List<String> named = List.of(rule.group(1).split("\\|"));
    for (int i = 1; i < named.size(); i++) {
      assertTrue(
          named.get(i - 1).length() >= named.get(i).length(),
          "longest first, or a prefix shadows a longer name: " + named.get(i));
    }
    assertEquals(published(), new TreeSet<>(named));
  }

  /** The names a task publishes with only its connector and task tags, as a 4.1 worker sees. */
  private static Set<String> published() throws IOException {
    Map<String, String> tags = Map.of("connector", "c", "task", "0");
    try (Metrics metrics = new Metrics();
        PluginMetricsImpl plugin = new PluginMetricsImpl(metrics, tags);
        IgScraperClient client =
            new IgScraperClient(
                ClientSettings.builder().baseUrl("http://127.0.0.1:9/api/v1").apiKey("k").build());
        MetricsPublisher publisher =
            MetricsPublisher.forTask(
                MetricsPublisherTest.context(plugin, false),
                "c",
                0,
                new TaskMetrics(),
                client.metrics(),
                () -> 0)) {
      return metrics.metrics().keySet().stream()
          .filter(n -> n.group().equals("plugins") && n.tags().equals(tags))
          .map(MetricName::name)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
