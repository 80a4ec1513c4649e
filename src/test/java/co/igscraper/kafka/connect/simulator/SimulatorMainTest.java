package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {
  @Test
  void parsesEveryFlag() {
    SimulatorConfig c =
        SimulatorMain.parse(
            new String[] {
              "--port",
              "0",
              "--api-key",
              "a",
              "--api-key",
              "b",
              "--initial-credits",
              "99",
              "--queued-for",
              "5ms",
              "--processing-for",
              "2s",
              "--enrichment-for",
              "PT3S",
              "--requests-per-minute",
              "10",
              "--requests-per-hour",
              "20",
              "--submits-per-hour",
              "30",
              "--submits-per-user-per-minute",
              "4",
              "--submits-per-user-per-hour",
              "6",
              "--source-size",
              "77",
              "--max-results-limit",
              "200000",
              "--seed",
              "9",
              "--error-500",
              "0.1",
              "--error-503",
              "0.1",
              "--spurious-429",
              "0.1",
              "--retry-after",
              "3",
              "--drop-connection",
              "0.1",
              "--fault-after-commit",
              "0.2",
              "--latency-min",
              "1ms",
              "--latency-max",
              "5ms",
              "--slow-results-page",
              "0.5",
              "--slow-results-delay",
              "1s",
              "--fault-seed",
              "4"
            });
    assertEquals(0, c.port());
    assertEquals(List.of("a", "b"), c.apiKeys());
    assertEquals(99, c.initialCredits());
    assertEquals(Duration.ofMillis(5), c.queuedFor());
    assertEquals(Duration.ofSeconds(2), c.processingFor());
    assertEquals(Duration.ofSeconds(3), c.enrichmentFor());
    assertEquals(new RateLimits(10, 20, 30, 4, 6, true), c.rateLimits());
    assertEquals(77, c.sourceSize());
    assertEquals(200_000, c.maxResultsLimit());
    assertEquals(9, c.seed());
    assertTrue(c.faults().toString().contains("faultAfterCommit=0.2"));
  }

  @Test
  void defaultsToPort8089AndPublicLimits() {
    SimulatorConfig c = SimulatorMain.parse(new String[0]);
    assertEquals(8089, c.port());
    assertEquals(RateLimits.PUBLIC_DEFAULTS, c.rateLimits());
    assertFalse(SimulatorMain.parse(new String[] {"--no-rate-limits"}).rateLimits().enabled());
  }

  @Test
  void helpListsFlagsWithDefaults() {
    assertNull(SimulatorMain.parse(new String[] {"--help"}));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SimulatorMain.usage(new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("--requests-per-minute N          per key (default 60)"), text);
    assertTrue(text.contains("--max-results-limit"));
    assertTrue(text.contains("--drop-connection"));
  }

  @Test
  void rejectsUnknownFlagsAndBadDurations() {
    assertThrows(
        IllegalArgumentException.class, () -> SimulatorMain.parse(new String[] {"--x", "1"}));
    assertThrows(IllegalArgumentException.class, () -> SimulatorMain.duration("soon"));
  }
}
