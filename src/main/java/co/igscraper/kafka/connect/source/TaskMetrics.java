package co.igscraper.kafka.connect.source;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** Counters one task keeps about its own work; read by tests, logs and {@link MetricsPublisher}. */
public final class TaskMetrics {
  private final LongAdder rowsFetched = new LongAdder();
  private final LongAdder rowsEmitted = new LongAdder();
  private final LongAdder pagesFetched = new LongAdder();
  private final SpecRowCounts specRows = new SpecRowCounts();
  private final LongAdder parseFailures = new LongAdder();
  private final LongAdder specsStopped = new LongAdder();
  private final LongAdder jobsSubmitted = new LongAdder();
  private final LongAdder jobsCompleted = new LongAdder();
  private final LongAdder jobsFailed = new LongAdder();
  private final AtomicLong jobsRunning = new AtomicLong();
  private final AtomicLong awaitingHandover = new AtomicLong();
  private final AtomicLong specsStalled = new AtomicLong();
  private final LongAdder specsHandedOver = new LongAdder();
  // Exact: credits may be fractional, and a double sum of 0.1s drifts.
  private final AtomicReference<BigDecimal> creditsCharged = new AtomicReference<>(BigDecimal.ZERO);
  private final LongAdder runnerRetries = new LongAdder();
  private final LongAdder controlRecordsRejected = new LongAdder();
  // Specs per phase, counted by the I/O thread every half second.
  private final AtomicLongArray phases = new AtomicLongArray(JobRunner.Phase.values().length);
  private volatile IntSupplier buffered = () -> 0;
  private volatile int bufferCapacity = 1;
  private volatile Events events = Events.NONE;

  /** Where each event goes besides the counters: the task's Kafka sensors, once published. */
  interface Events {
    Events NONE = new Events() {};

    default void pageFetched(int rowsHandedOn) {}

    default void jobSubmitted() {}

    default void jobDelivered(Duration sinceSubmit) {}
  }

  /** Sends each event to {@code events} too, from now on. */
  void publishTo(Events events) {
    this.events = events;
  }

  /** The task's record buffer, for its fill metrics. */
  void observeBuffer(IntSupplier size, int capacity) {
    this.buffered = size;
    this.bufferCapacity = Math.max(1, capacity);
  }

  /** Records waiting in the task's buffer for Connect to take them. */
  public long bufferedRecords() {
    return buffered.getAsInt();
  }

  /** How full the buffer is, 0 to 1. */
  public double bufferFill() {
    return (double) buffered.getAsInt() / bufferCapacity;
  }

  /** The specs of this task per phase, as last counted. */
  void phases(long[] counts) {
    for (int i = 0; i < counts.length; i++) {
      phases.set(i, counts[i]);
    }
  }

  /** The specs of this task stalled now, as last counted. */
  void stalled(long specs) {
    specsStalled.set(specs);
  }

  /** Specs failing transiently past the stall bound, as last counted (every half second). */
  public long specsStalled() {
    return specsStalled.get();
  }

  /** Specs of this task in {@code phase}, as last counted (every half second). */
  long specsIn(JobRunner.Phase phase) {
    return phases.get(phase.ordinal());
  }

  void pageFetched(String spec, int rowsRead, int rowsHandedOn) {
    pagesFetched.increment();
    rowsFetched.add(rowsRead);
    rowsEmitted.add(rowsHandedOn);
    specRows.add(spec, rowsHandedOn);
    events.pageFetched(rowsHandedOn);
  }

  void parseFailures(int count) {
    parseFailures.add(count);
  }

  void specStopped() {
    specsStopped.increment();
  }

  void jobSubmitted() {
    jobsSubmitted.increment();
    events.jobSubmitted();
  }

  void jobCompleted(BigDecimal costCharged) {
    jobsCompleted.increment();
    if (costCharged != null && costCharged.signum() > 0) {
      creditsCharged.accumulateAndGet(costCharged, BigDecimal::add);
    }
  }

  void jobFailed() {
    jobsFailed.increment();
  }

  void jobStarted() {
    jobsRunning.incrementAndGet();
  }

  void jobEnded() {
    jobsRunning.decrementAndGet();
  }

  void jobDelivered(Duration sinceSubmit) {
    events.jobDelivered(sinceSubmit);
  }

  void runnerRetry() {
    runnerRetries.increment();
  }

  void controlRecordRejected() {
    controlRecordsRejected.increment();
  }

  void awaitingHandover(int specs) {
    awaitingHandover.set(specs);
  }

  void specHandedOver() {
    specsHandedOver.increment();
  }

  /** Specs of this task waiting for the task that ran them before to release them. */
  public long awaitingHandover() {
    return awaitingHandover.get();
  }

  /** Specs this task released to another task (moved or removed). */
  public long specsHandedOver() {
    return specsHandedOver.sum();
  }

  public long jobsSubmitted() {
    return jobsSubmitted.sum();
  }

  /** Jobs seen reaching COMPLETED. */
  public long jobsCompleted() {
    return jobsCompleted.sum();
  }

  /** Jobs that ended FAILED, CANCELLED or timed out. */
  public long jobsFailed() {
    return jobsFailed.sum();
  }

  /** Jobs submitted or resumed whose rows are not all handed to Kafka yet. */
  public long jobsRunning() {
    return Math.max(0, jobsRunning.get());
  }

  /** Sum of {@code cost_charged} of the jobs seen completing, exact. */
  public BigDecimal creditsCharged() {
    return creditsCharged.get();
  }

  public long runnerRetries() {
    return runnerRetries.sum();
  }

  public long controlRecordsRejected() {
    return controlRecordsRejected.sum();
  }

  /** Rows read from result pages, re-reads after a resume included. */
  public long rowsFetched() {
    return rowsFetched.sum();
  }

  /** Row records handed to Kafka Connect. */
  public long rowsEmitted() {
    return rowsEmitted.sum();
  }

  /** Row records handed to Kafka Connect per spec (the first 200 specs; the rest together). */
  SpecRowCounts specRows() {
    return specRows;
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

  /** Submit-to-delivered time of jobs, as a histogram. */
}
