package co.igscraper.kafka.connect.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A short fingerprint of a page's rows. Rows are unique within a job, so two pages of one job with
 * the same fingerprint mean the server returned the same page twice.
 */
final class PageDigest {
  private PageDigest() {}

  static String of(List<Map<String, String>> rows) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
    for (Map<String, String> row : rows) {
      for (Map.Entry<String, String> e : row.entrySet()) {
        update(sha, e.getKey());
        update(sha, e.getValue());
      }
      sha.update((byte) 0x1e);
    }
    // 16 bytes: collisions are out of reach, and the offset stays small.
    byte[] digest = sha.digest();
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  private static void update(MessageDigest sha, String text) {
    if (text == null) {
      sha.update((byte) 0x00);
    } else {
      sha.update((byte) 0x01);
      sha.update(text.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0x1f);
    }
  }
}
