package co.igscraper.kafka.connect;

import co.igscraper.kafka.connect.client.ClientSettings;
import co.igscraper.kafka.connect.client.IgScraperClient;
import co.igscraper.kafka.connect.client.RateLimits;
import co.igscraper.kafka.connect.config.IgScraperTaskConfig;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.source.MetricsPublisher;
import co.igscraper.kafka.connect.source.TaskRuntime;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Runs the igscraper jobs of its specs and hands their rows to Kafka Connect. */
public class IgScraperSourceTask extends SourceTask {
  private final Clock clock;
  private TaskRuntime runtime;
  private MetricsPublisher metrics;

  public IgScraperSourceTask() {
    this(Clock.systemUTC());
  }

  IgScraperSourceTask(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    IgScraperTaskConfig config = new IgScraperTaskConfig(props);
    // The connector already gave this task only its own specs.
    List<JobSpec> specs = config.jobSpecs();
    IgScraperClient client = new IgScraperClient(clientSettings(config));
    try {
      runtime = TaskRuntime.start(config, specs, client, context.offsetStorageReader(), clock);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    metrics =
        MetricsPublisher.forTask(
            context,
            config.connectorName(),
            config.taskIndex(),
            runtime.metrics(),
            client.metrics(),
            () -> client.untilNextPermit().toMillis());
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    try {
      return runtime.poll();
    } catch (RuntimeException e) {
      throw new ConnectException(e.getMessage(), e);
    }
  }

  @Override
  public void stop() {
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  static final java.time.Duration MAX_PERMIT_WAIT = java.time.Duration.ofMillis(200);

  static ClientSettings clientSettings(IgScraperTaskConfig config) {
    ClientSettings.Builder builder =
        ClientSettings.builder()
            .baseUrl(config.apiUrl().toString())
            .apiKey(config.apiKey().value())
            .userAgent("kafka-connect-igscraper/" + Version.get())
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .maxResponseBytes(config.responseMaxBytes())
            // One I/O thread serves every spec of the task: a spec whose permit is further away
            // than this is rescheduled for it instead of stalling the others.
            .maxPermitWait(MAX_PERMIT_WAIT)
            // One call may take a connect plus a full read; the client's 60 s default would cap it.
            .callTimeout(config.connectTimeout().plus(config.readTimeout()).plusSeconds(5))
            .maxRetries(config.retryMaxAttempts())
            .initialBackoff(config.retryBackoffMin())
            .maxBackoff(config.retryBackoffMax())
            .rateLimits(
                new RateLimits(
                    config.requestsPerMinute(),
                    config.requestsPerHour(),
                    config.submitsPerHour(),
                    config.userSubmitsPerMinute(),
                    config.userSubmitsPerHour()))
            // This task's 1/tasks share, pooled with the connector's other tasks in this JVM.
            .pooledShare(config.connectorName(), config.taskIndex(), config.taskCount());
    config.proxy().ifPresent(builder::proxy);
    config
        .trustStoreLocation()
        .ifPresent(
            path ->
                builder.trustStore(
                    path,
                    config.trustStorePassword().map(p -> p.value()).orElse(null),
                    config.trustStoreType()));
    return builder.build();
  }
}
