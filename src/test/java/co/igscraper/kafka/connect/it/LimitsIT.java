package co.igscraper.kafka.connect.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client-side limits follow the connector's config: raised, they hold from the task restart on. */
class LimitsIT {
  private static final String KEY = "limits-key-77d0";

  @Test
  void aRaisedLimitTakesEffectAfterAConfigUpdateWithoutAWorkerRestart() {
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ConnectFixture connect = ConnectFixture.start("limits", 1, false)) {
      String jobs =
          "["
              + SimulatorFixture.spec(
                  "slow",
                  "limits-user",
                  "followers",
                  "{\"usernames\":[\"nasa\",\"esa\",\"isro\"],\"max_followers\":1000}")
              + "]";
      Map<String, String> props = ConnectFixture.connectorProps(sim.baseUrl(), KEY, jobs);
      props.put("tasks.max", "1");
      props.put("topic", "limits.rows");
      props.put("igscraper.page.size", "10");
      props.put("igscraper.limit.requests.per.minute", "6");
      connect.deploy("limits", props);
      connect.awaitRunning("limits", 1);
      await().atMost(Duration.ofSeconds(60)).until(() -> sim.stats().totalRequests() >= 6);
      // Six in any minute: the seventh waits for the window to move.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> sim.stats().totalRequests() <= 6);

      props.put("igscraper.limit.requests.per.minute", "100000");
      props.put("igscraper.limit.requests.per.hour", "1000000");
      connect.deploy("limits", props);
      // At six a minute, 60 more requests would take nine minutes.
      await().atMost(Duration.ofSeconds(60)).until(() -> sim.stats().totalRequests() >= 66);
      assertTrue(sim.stats().tooManyRequestsSent() == 0, "the API limits were never reached");
      connect.cluster().deleteConnector("limits");
    }
  }
}
