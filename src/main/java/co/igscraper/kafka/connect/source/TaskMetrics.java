package co.igscraper.kafka.connect.source;

import java.util.concurrent.atomic.LongAdder;

/** Counters one task keeps about its own work; read by tests, logs and the metrics bridge. */
public final class TaskMetrics {
  private final LongAdder rowsEmitted = new LongAdder();
  private final LongAdder pagesFetched = new LongAdder();
  private final LongAdder parseFailures = new LongAdder();
  private final LongAdder specsStopped = new LongAdder();
  private final LongAdder jobsSubmitted = new LongAdder();
  private final LongAdder runnerRetries = new LongAdder();
  private final LongAdder controlRecordsRejected = new LongAdder();

  void pageFetched(int rows) {
    pagesFetched.increment();
    rowsEmitted.add(rows);
  }

  void parseFailures(int count) {
    parseFailures.add(count);
  }

  void specStopped() {
    specsStopped.increment();
  }

  void jobSubmitted() {
    jobsSubmitted.increment();
  }

  void runnerRetry() {
    runnerRetries.increment();
  }

  void controlRecordRejected() {
    controlRecordsRejected.increment();
  }

  public long jobsSubmitted() {
    return jobsSubmitted.sum();
  }

  public long runnerRetries() {
    return runnerRetries.sum();
  }

  public long controlRecordsRejected() {
    return controlRecordsRejected.sum();
  }

  public long rowsFetched() {
    return rowsEmitted.sum();
  }

  public long pagesFetched() {
    return pagesFetched.sum();
  }

  public long parseFailures() {
    return parseFailures.sum();
  }

  public long specsStopped() {
    return specsStopped.sum();
  }
}
