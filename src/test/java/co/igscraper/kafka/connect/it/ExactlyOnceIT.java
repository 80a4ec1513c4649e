package co.igscraper.kafka.connect.it;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import org.junit.jupiter.api.Test;

/** The stop/resume, task-restart and worker-restart scenario with exactly-once source support. */
class ExactlyOnceIT {
  private static final String KEY = "eos-key-c83a";

  @Test
  void stopResumeAndRestartsDeliverEveryRowExactlyOnce() {
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ConnectFixture connect = ConnectFixture.start("eos", 1, true)) {
      ResumeScenario.run(connect, sim, KEY, "eos");
    }
  }
}
