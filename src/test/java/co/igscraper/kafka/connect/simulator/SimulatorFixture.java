package co.igscraper.kafka.connect.simulator;

import java.time.Duration;

/** Test settings: tiny durations on a manual clock, no limits unless a test asks for them. */
final class SimulatorFixture {
  static final Duration QUEUED = Duration.ofMillis(20);
  static final Duration PROCESSING = Duration.ofMillis(100);
  static final Duration ENRICHING = Duration.ofMillis(100);

  /** Long enough for any job or upgrade to finish. */
  static final Duration LATER = Duration.ofSeconds(1);

  private SimulatorFixture() {}

  static SimulatorConfig.Builder config(ManualClock clock) {
    return SimulatorConfig.builder()
        .clock(clock)
        .queuedFor(QUEUED)
        .processingFor(PROCESSING)
        .enrichmentFor(ENRICHING)
        .rateLimitsDisabled()
        .sourceSize(1_000);
  }
}
