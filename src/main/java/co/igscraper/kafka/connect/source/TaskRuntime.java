package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.IgScraperClient;
import co.igscraper.kafka.connect.config.IgScraperTaskConfig;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.ValidationMessages;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Everything a running task owns: its runners, the I/O thread, the record queue and the client.
 *
 * <p>Kept apart from the {@code SourceTask} so it can be started with an injected clock and client.
 */
public final class TaskRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaskRuntime.class);
  static final long POLL_WAIT_MS = 500;
  private static final int MAX_BATCH = 2_000;

  private final IgScraperClient client;
  private final SpecScheduler scheduler;
  private final Thread ioThread;
  private final BlockingQueue<SourceRecord> queue;
  private final TaskMetrics metrics;

  private TaskRuntime(
      IgScraperClient client,
      SpecScheduler scheduler,
      Thread ioThread,
      BlockingQueue<SourceRecord> queue,
      TaskMetrics metrics) {
    this.client = client;
    this.scheduler = scheduler;
    this.ioThread = ioThread;
    this.queue = queue;
    this.metrics = metrics;
  }

  /** Reads the specs' stored offsets and starts the I/O thread. */
  public static TaskRuntime start(
      IgScraperTaskConfig config,
      List<JobSpec> specs,
      IgScraperClient client,
      OffsetStorageReader offsets,
      Clock clock) {
    TaskMetrics metrics = new TaskMetrics();
    RecordFactory records =
        new RecordFactory(
            config.connectorName(),
            config.topicNamer(),
            config.eventsTopic(),
            config.statusTopic(),
            clock,
            metrics,
            new OwnerStamp(config.taskIndex(), config.taskCount()));
    RunnerContext ctx =
        new RunnerContext(
            config.connectorName(),
            client,
            clock,
            records,
            metrics,
            config.pageSize(),
            new PollSchedule(config.pollIntervalMin(), config.pollIntervalMax()),
            config.jobTimeout(),
            config.retryBackoffMin(),
            config.giveUpAfter(),
            config.stallPolicy(),
            config.failurePolicy(),
            config.idempotencyKeyPrefix());
    List<Map<String, Object>> partitions = new ArrayList<>();
    specs.forEach(spec -> partitions.add(SpecPartition.of(spec.name())));
    Map<Map<String, Object>, Map<String, Object>> stored = offsets.offsets(partitions);
    List<JobRunner> runners = new ArrayList<>();
    for (JobSpec spec : specs) {
      Map<String, Object> offset = stored.get(SpecPartition.of(spec.name()));
      runners.add(new JobRunner(spec, cursor(spec.name(), offset), SpecLedger.from(offset), ctx));
    }
    ControlFollower control = null;
    if (config.controlTopic().isPresent() && config.eventsTopic().isEmpty()) {
      // The connector refuses this config; tasks started from configs stored before it did too.
      throw new ConnectException(ValidationMessages.eventsTopicRequired());
    }
    if (config.controlTopic().isPresent()) {
      ControlState state =
          new ControlState(
              config.staticSpecNames(),
              config.userSubmitsPerHour(),
              config.userSubmitsPerMinute(),
              config.eventsTopic().isPresent(),
              user -> TaskAssignment.ownerOf(user, config.taskCount()) == config.taskIndex(),
              config.controlGuards());
      ControlTopicReader reader =
          ControlTopicReader.open(
              config.controlTopic().get(),
              config.controlClientProps(),
              config.createControlTopic(),
              java.time.Duration.ofSeconds(30));
      control =
          new ControlFollower(
              reader,
              state,
              config.taskIndex(),
              config.taskCount(),
              (spec, offset) ->
                  new JobRunner(spec, cursor(spec.name(), offset), SpecLedger.from(offset), ctx),
              names -> storedOffsets(offsets, names),
              records,
              metrics,
              clock);
    }
    BlockingQueue<SourceRecord> queue = new ArrayBlockingQueue<>(config.bufferMaxRecords());
    metrics.observeBuffer(queue::size, config.bufferMaxRecords());
    SpecScheduler scheduler = new SpecScheduler(runners, control, queue, clock, metrics);
    // Connect's log context ("[name|task-0] " in connector.context) is set on the task's thread;
    // the I/O thread carries it too, so every line says whose it is.
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    Thread thread =
        new Thread(
            () -> {
              if (logContext != null) {
                MDC.setContextMap(logContext);
              }
              scheduler.run();
            },
            "igscraper-io-" + config.connectorName() + "-" + config.taskIndex());
    thread.setDaemon(true);
    thread.start();
    log.info("igscraper task started with {} spec(s)", specs.size());
    return new TaskRuntime(client, scheduler, thread, queue, metrics);
  }

  /** One read of the offsets topic for many specs, by spec name. */
  static Map<String, Map<String, Object>> storedOffsets(
      OffsetStorageReader offsets, java.util.Collection<String> names) {
    List<Map<String, Object>> partitions = new ArrayList<>(names.size());
    names.forEach(name -> partitions.add(SpecPartition.of(name)));
    Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
    offsets
        .offsets(partitions)
        .forEach(
            (partition, offset) -> {
              if (offset != null) {
                byName.put(SpecPartition.specName(partition), offset);
              }
            });
    return byName;
  }

  private static SourceCursor cursor(String specName, Map<String, Object> offset) {
    try {
      return SourceCursor.fromStored(offset);
    } catch (IllegalArgumentException e) {
      throw new ConnectException(
          "Stored offset of spec '" + specName + "' is unreadable: " + e.getMessage(), e);
    }
  }

  /** Waits at most {@value #POLL_WAIT_MS} ms for records; rethrows what stopped the I/O thread. */
  public List<SourceRecord> poll() throws InterruptedException {
    scheduler.polled();
    Throwable failure = scheduler.failure();
    if (failure != null && queue.isEmpty()) {
      throw new ConnectException(failure.getMessage(), failure);
    }
    SourceRecord first = queue.poll(POLL_WAIT_MS, TimeUnit.MILLISECONDS);
    if (first == null) {
      return null;
    }
    List<SourceRecord> batch = new ArrayList<>(Math.min(queue.size() + 1, MAX_BATCH));
    batch.add(first);
    queue.drainTo(batch, MAX_BATCH - 1);
    return batch;
  }

  public TaskMetrics metrics() {
    return metrics;
  }

  /** Stops the I/O thread and the client; quiet and idempotent. */
  @Override
  public void close() {
    scheduler.stop();
    ioThread.interrupt();
    try {
      client.close();
    } catch (RuntimeException e) {
      log.debug("Closing the igscraper client failed", e);
    }
    try {
      ioThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
  }
}
