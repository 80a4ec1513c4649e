package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodySnippetTest {
  private static final String KEY = "sk_live_0123456789abcdef";

  @Test
  void aKeyEchoedAcrossTheCutLeavesNoPartBehind() {
    for (int offset = 4 * BodySnippet.MAX_CHARS - KEY.length();
        offset <= 4 * BodySnippet.MAX_CHARS;
        offset++) {
      // Whitespace collapses to one space, so text near the cut reaches the short snippet.
      String body = " ".repeat(offset) + KEY + "y".repeat(50);
      String snippet = BodySnippet.of(body, KEY);
      assertFalse(snippet.contains(KEY.substring(0, 8)), "offset " + offset + ": " + snippet);
    }
  }

  @Test
  void shortBodiesAreRedactedAndFlattened() {
    String snippet = BodySnippet.of("{\"echo\":\"Bearer " + KEY + "\",\n\"e\":1}", KEY);
    assertTrue(snippet.contains("[redacted]"), snippet);
    assertFalse(snippet.contains(KEY), snippet);
    assertFalse(snippet.contains("\n"), snippet);
  }
}
