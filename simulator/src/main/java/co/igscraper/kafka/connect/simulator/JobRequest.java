package co.igscraper.kafka.connect.simulator;

import java.util.List;
import java.util.Set;

/** A validated submit: what a job will scrape and which add-ons it asked for. */
record JobRequest(
    String externalUserId,
    ToolType tool,
    List<String> sources,
    int maxPerSource,
    Set<Addon> addons) {

  static final long CREDITS_PER_BASE_ROW = 5;

  long creditsPerRow() {
    long perRow = CREDITS_PER_BASE_ROW;
    for (Addon addon : addons) {
      perRow += addon.creditsPerRow();
    }
    return perRow;
  }

  /** Cost if every source delivers its maximum; a submit the balance cannot cover gets 402. */
  long maxCost() {
    return (long) sources.size() * maxPerSource * creditsPerRow();
  }
}
