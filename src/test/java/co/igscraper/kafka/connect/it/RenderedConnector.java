package co.igscraper.kafka.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.config.IgScraperSourceConfig;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.JobSpecParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The one rendered KafkaConnector as Connect gets it: its config, its specs, its offsets. */
final class RenderedConnector {
  /** Offsets as Connect reads them back: whole numbers are longs. */
  static final ObjectMapper OFFSETS =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private final RenderedResources rendered;

  RenderedConnector(RenderedResources rendered) {
    this.rendered = rendered;
  }

  JsonNode resource() {
    return rendered.only("KafkaConnector");
  }

  /** spec.config as the operator hands it to Connect: every value a string. */
  Map<String, String> config() {
    Map<String, String> config = new HashMap<>();
    resource()
        .at("/spec/config")
        .properties()
        .forEach(
            e -> {
              assertTrue(e.getValue().isValueNode(), e.getKey());
              config.put(e.getKey(), e.getValue().asText());
            });
    return config;
  }

  /** The specs of a config, parsed by the connector's own parser. */
  static List<JobSpec> specs(Map<String, String> config) {
    JobSpecParser.Result parsed =
        JobSpecParser.parse(config.get(IgScraperSourceConfig.JOBS_CONFIG));
    assertEquals(List.of(), parsed.errors());
    return parsed.specs();
  }

  /** The entries of offsets.json in the ConfigMap that spec.alterOffsets names. */
  List<Map<String, Object>> offsetEntries() throws IOException {
    JsonNode connector = resource();
    String name = connector.at("/spec/alterOffsets/fromConfigMap/name").asText();
    JsonNode configMap =
        rendered.named("ConfigMap", name, connector.at("/metadata/namespace").asText());
    String json = configMap.at("/data").path("offsets.json").asText();
    Map<String, List<Map<String, Object>>> parsed =
        OFFSETS.readValue(json, new TypeReference<Map<String, List<Map<String, Object>>>>() {});
    assertEquals(Set.of("offsets"), parsed.keySet());
    return parsed.get("offsets");
  }
}
