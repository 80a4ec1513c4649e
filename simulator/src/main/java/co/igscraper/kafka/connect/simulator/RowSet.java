package co.igscraper.kafka.connect.simulator;

import java.util.Arrays;
import java.util.List;

/**
 * The rows of one job as runs of consecutive account ids (newest first) per source, so a job of a
 * million rows costs a few ints rather than a million maps.
 */
final class RowSet {
  static final RowSet EMPTY = new RowSet(List.of(), new int[0], new int[0], new long[0], 0);

  private final List<String> sources;
  private final int[] runSource;
  private final int[] runHighestId;
  private final long[] runStart;
  private final long size;

  private RowSet(
      List<String> sources, int[] runSource, int[] runHighestId, long[] runStart, long size) {
    this.sources = sources;
    this.runSource = runSource;
    this.runHighestId = runHighestId;
    this.runStart = runStart;
    this.size = size;
  }

  long size() {
    return size;
  }

  /** Source of row {@code index} (0-based). */
  String sourceAt(long index) {
    return sources.get(runSource[run(index)]);
  }

  /** Account id of row {@code index} (0-based). */
  int accountAt(long index) {
    int r = run(index);
    return (int) (runHighestId[r] - (index - runStart[r]));
  }

  private int run(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    int r = Arrays.binarySearch(runStart, index);
    return r >= 0 ? r : -r - 2;
  }

  /** Accumulates runs in row order. */
  static final class Builder {
    private final List<String> sources;
    private int[] runSource = new int[8];
    private int[] runHighestId = new int[8];
    private long[] runStart = new long[8];
    private int runs;
    private long size;

    Builder(List<String> sources) {
      this.sources = List.copyOf(sources);
    }

    void addRun(int sourceIndex, int highestId, int length) {
      if (length <= 0) {
        return;
      }
      if (runs == runSource.length) {
        runSource = Arrays.copyOf(runSource, runs * 2);
        runHighestId = Arrays.copyOf(runHighestId, runs * 2);
        runStart = Arrays.copyOf(runStart, runs * 2);
      }
      runSource[runs] = sourceIndex;
      runHighestId[runs] = highestId;
      runStart[runs] = size;
      runs++;
      size += length;
    }

    RowSet build() {
      return new RowSet(
          sources,
          Arrays.copyOf(runSource, runs),
          Arrays.copyOf(runHighestId, runs),
          Arrays.copyOf(runStart, runs),
          size);
    }
  }
}
