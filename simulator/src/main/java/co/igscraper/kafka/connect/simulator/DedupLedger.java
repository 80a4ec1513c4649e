package co.igscraper.kafka.connect.simulator;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which accounts each (API key, external_user_id) has already been delivered, per tool type and
 * source. Bits are account ids, so a million delivered rows cost 125 KB.
 */
final class DedupLedger {
  private final Map<String, BitSet> delivered = new HashMap<>();

  /**
   * Selects, for each source in order, the first {@code maxPerSource} accounts of its current list
   * (newest first) that this end user has not had yet, and marks them delivered.
   */
  synchronized RowSet deliver(
      String apiKey,
      String externalUserId,
      ToolType tool,
      List<String> sources,
      int maxPerSource,
      SourceCatalog catalog) {
    RowSet.Builder rows = new RowSet.Builder(sources);
    for (int s = 0; s < sources.size(); s++) {
      String source = sources.get(s);
      BitSet bits =
          delivered.computeIfAbsent(
              String.join("\u0000", apiKey, externalUserId, tool.wireName(), source),
              k -> new BitSet());
      int highest = catalog.size(source);
      int lowest = Math.max(1, highest - maxPerSource + 1);
      int id = highest;
      while (id >= lowest) {
        int top = bits.previousClearBit(id);
        if (top < lowest) {
          break;
        }
        int bottom = Math.max(lowest, bits.previousSetBit(top) + 1);
        rows.addRun(s, top, top - bottom + 1);
        bits.set(bottom, top + 1);
        id = bottom - 1;
      }
    }
    return rows.build();
  }
}
