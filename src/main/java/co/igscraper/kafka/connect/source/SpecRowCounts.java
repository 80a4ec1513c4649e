package co.igscraper.kafka.connect.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Rows emitted per spec, for the {@code spec-rows-emitted} series: one counter per spec name up to
 * {@link #MAX_SPECS}, the rest counted together, so a control topic of 100,000 specs cannot grow a
 * task's metrics without bound.
 */
final class SpecRowCounts {
  /** Distinct specs counted on their own; a dashboard has no use for more lines than this. */
  static final int MAX_SPECS = 200;

  /**
   * The name the rows of every spec past {@link #MAX_SPECS} are counted under: no spec can have it
   * ({@code %} is not in a spec name), and JMX takes it unquoted, so exporters show it as is.
   */
  static final String OTHER_SPECS = "%other";

  private final ConcurrentMap<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  /** Calls {@code onNewSpec} the first time rows are counted for a spec (or for the rest). */
  void onNewSpec(Consumer<String> onNewSpec) {
    listeners.add(onNewSpec);
  }

  void add(String spec, long rows) {
    if (rows <= 0) {
      return;
    }
    LongAdder adder = counts.get(spec);
    if (adder == null) {
      String key = counts.size() >= MAX_SPECS ? OTHER_SPECS : spec;
      LongAdder fresh = new LongAdder();
      adder = counts.putIfAbsent(key, fresh);
      if (adder == null) {
        adder = fresh;
        listeners.forEach(l -> l.accept(key));
      }
    }
    adder.add(rows);
  }

  /** Rows counted under {@code spec} (0 when none). */
  long count(String spec) {
    LongAdder adder = counts.get(spec);
    return adder == null ? 0 : adder.sum();
  }

  /** A snapshot of the counters. */
  Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
