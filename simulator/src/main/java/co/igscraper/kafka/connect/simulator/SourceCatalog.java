package co.igscraper.kafka.connect.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * How many accounts each source (username, hashtag, location id, post shortcode) has. Accounts are
 * numbered 1..n in the order they appeared, so the source's list, newest first, is n, n-1, ..., 1:
 * one int per source instead of a list.
 */
final class SourceCatalog {
  private final int initialSize;
  private final Map<String, Integer> sizes = new HashMap<>();

  SourceCatalog(int initialSize) {
    this.initialSize = initialSize;
  }

  synchronized int size(String source) {
    return sizes.getOrDefault(source, initialSize);
  }

  synchronized void add(String source, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0");
    }
    sizes.put(source, Math.addExact(size(source), count));
  }
}
