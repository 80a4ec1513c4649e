package co.igscraper.kafka.connect.it;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.Map;

/** Starts the simulator with short job durations and builds connector configs pointing at it. */
final class SimulatorFixture {
  private SimulatorFixture() {}

  static IgScraperSimulator fastSimulator(String apiKey) {
    return IgScraperSimulator.start(
        SimulatorConfig.builder()
            .apiKeys(apiKey)
            .queuedFor(Duration.ofMillis(50))
            .processingFor(Duration.ofMillis(300))
            .rateLimitsDisabled()
            .build());
  }

  static String spec(String name, String user, String tool, String params) {
    return "{\"name\":\""
        + name
        + "\",\"external_user_id\":\""
        + user
        + "\",\"tool_type\":\""
        + tool
        + "\",\"params\":"
        + params
        + "}";
  }

  /** Connector props with the client's limits raised, for tests that are not about limits. */
  static Map<String, String> unlimitedProps(IgScraperSimulator sim, String apiKey, String jobs) {
    Map<String, String> props = ConnectFixture.connectorProps(sim.baseUrl(), apiKey, jobs);
    props.put("igscraper.limit.requests.per.minute", "100000");
    props.put("igscraper.limit.requests.per.hour", "1000000");
    props.put("igscraper.limit.submits.per.hour", "100000");
    return props;
  }
}
