package co.igscraper.kafka.connect.quickstart;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's first command, run non-interactively: rows must reach Kafka from the simulator. */
class QuickstartIT {

  @Test
  void quickstartStreamsSimulatorRowsThroughARealWorkerAndStops() throws Exception {
    // An empty environment: the quickstart must use the simulator even where IGSCRAPER_API_KEY is
    // set.
    Quickstart.Options options =
        Quickstart.Options.parse(
            new String[] {
              "--exit-after-rows", "150", "--timeout-seconds", "120", "--simulator-port", "0"
            },
            Map.of());
    assertNull(options.api());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    long rows;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      rows = Quickstart.run(options, out);
    }
    String output = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(rows >= 150, "only " + rows + " rows; output:\n" + output);
    // At the public limits one task holds the whole budget (README "No budget idles").
    assertTrue(output.contains("tasks 0:RUNNING |"), output);
    assertTrue(output.contains("curl -s http://"), output);
    assertTrue(output.contains("sample rows"), output);
    assertTrue(output.contains("\"type\":\"follower\""), output);
  }

  @Test
  void realApiIsUsedOnlyWhenAKeyIsInTheEnvironment() {
    Quickstart.Options options =
        Quickstart.Options.parse(new String[0], Map.of("IGSCRAPER_API_KEY", "k"));
    assertTrue(options.api() != null && options.api().url().startsWith("https://"));
    assertTrue(options.interactive());
    assertTrue(
        Quickstart.Options.parse(new String[0], Map.of("QUICKSTART_EXIT_AFTER_ROWS", "7"))
                .exitAfterRows()
            == 7);
  }
}
