package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.IgScraperClient;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.FailurePolicy;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig.StallPolicy;
import java.time.Clock;
import java.time.Duration;

/** What every {@link JobRunner} of a task shares: the client, the clock, settings and sinks. */
record RunnerContext(
    String connectorName,
    IgScraperClient client,
    Clock clock,
    RecordFactory records,
    TaskMetrics metrics,
    int pageSize,
    PollSchedule pollSchedule,
    Duration jobTimeout,
    Duration retryBackoffMin,
    Duration giveUpAfter,
    StallPolicy stallPolicy,
    FailurePolicy failurePolicy,
    String idempotencyKeyPrefix) {}
