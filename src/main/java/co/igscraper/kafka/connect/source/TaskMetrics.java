package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.LatencyHistogram;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters one task keeps about its own work; read by tests, logs and {@link MetricsPublisher}. */
public final class TaskMetrics {
  private final LongAdder rowsFetched = new LongAdder();
  private final LongAdder rowsEmitted = new LongAdder();
  private final LongAdder pagesFetched = new LongAdder();
  private final LongAdder parseFailures = new LongAdder();
  private final LongAdder specsStopped = new LongAdder();
  private final LongAdder jobsSubmitted = new LongAdder();
  private final LongAdder jobsCompleted = new LongAdder();
  private final LongAdder jobsFailed = new LongAdder();
  private final AtomicLong jobsRunning = new AtomicLong();
  private final AtomicLong awaitingHandover = new AtomicLong();
  private final LongAdder specsHandedOver = new LongAdder();
  // Exact: credits may be fractional, and a double sum of 0.1s drifts.
  private final AtomicReference<BigDecimal> creditsCharged = new AtomicReference<>(BigDecimal.ZERO);
  private final LongAdder runnerRetries = new LongAdder();
  private final LongAdder controlRecordsRejected = new LongAdder();
  // Submit to last row handed to Kafka: seconds for small jobs, hours for big ones.
  private final LatencyHistogram jobDuration =
      new LatencyHistogram(
          1_000,
          2_000,
          5_000,
          10_000,
          30_000,
          60_000,
          120_000,
          300_000,
          600_000,
          1_800_000,
          3_600_000,
          7_200_000,
          21_600_000);

  void pageFetched(int rowsRead, int rowsHandedOn) {
    pagesFetched.increment();
    rowsFetched.add(rowsRead);
    rowsEmitted.add(rowsHandedOn);
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
    jobDuration.record(sinceSubmit.toNanos());
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
  public LatencyHistogram jobDuration() {
    return jobDuration;
  }
}
