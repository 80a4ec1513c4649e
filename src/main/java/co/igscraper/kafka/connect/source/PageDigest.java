package co.igscraper.kafka.connect.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A short fingerprint of a page's rows. Rows are unique within a job, so two pages of one job with
 * the same fingerprint mean the server returned the same page twice.
 */
final class PageDigest {
  private PageDigest() {}

  /**
   * Independent of the order of rows and of keys within a row: a server that ignores {@code page}
   * and serialises in no stable order still repeats the same fingerprint.
   */
  static String of(List<Map<String, String>> rows) {
    List<String> rowHashes = new ArrayList<>(rows.size());
    for (Map<String, String> row : rows) {
      MessageDigest sha = sha256();
      for (Map.Entry<String, String> e : new TreeMap<>(row).entrySet()) {
        update(sha, e.getKey());
        update(sha, e.getValue());
      }
      rowHashes.add(HexFormat.of().formatHex(sha.digest()));
    }
    Collections.sort(rowHashes);
    MessageDigest page = sha256();
    rowHashes.forEach(h -> page.update(h.getBytes(StandardCharsets.US_ASCII)));
    // 16 bytes: collisions are out of reach, and the offset stays small.
    return HexFormat.of().formatHex(page.digest(), 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
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
