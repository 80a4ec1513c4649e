package co.igscraper.kafka.connect;

import co.igscraper.kafka.connect.config.IgScraperSourceConfig;
import co.igscraper.kafka.connect.config.IgScraperTaskConfig;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.JobSpecParser;
import co.igscraper.kafka.connect.source.MetricsPublisher;
import co.igscraper.kafka.connect.source.SourceCursor;
import co.igscraper.kafka.connect.source.SpecPartition;
import co.igscraper.kafka.connect.source.TaskAssignment;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Kafka Connect source connector that runs igscraper jobs and streams their result rows into Kafka.
 *
 * <p>It does no network I/O itself: it validates the specs and spreads them over tasks, which
 * submit, poll and page the jobs.
 */
public class IgScraperSourceConnector extends SourceConnector {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Map<String, String> props;
  private List<JobSpec> specs;
  private boolean controlTopic;
  private volatile int taskCount;
  private MetricsPublisher metrics;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    IgScraperSourceConfig config = new IgScraperSourceConfig(props);
    this.props = new HashMap<>(props);
    this.specs = config.jobSpecs();
    this.controlTopic = config.controlTopic().isPresent();
    Map<String, List<String>> errors = config.crossFieldErrors();
    if (!errors.isEmpty()) {
      // The same sentences validate() reports, one after the other.
      throw new ConfigException(
          String.join(" ", errors.values().stream().flatMap(List::stream).toList()));
    }
    if (metrics != null) {
      metrics.close();
    }
    if (context != null) {
      List<JobSpec> configured = specs;
      metrics =
          MetricsPublisher.forConnector(
              context,
              props.getOrDefault("name", "igscraper"),
              () -> configured.size(),
              () -> taskCount);
    }
  }

  @Override
  public Class<? extends Task> taskClass() {
    return IgScraperSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    // No more tasks than the limits need: each task has a fixed share of the budget, so every
    // task beyond that is a share that idles whenever its specs have nothing to do.
    int tasks = new IgScraperSourceConfig(props).tasksForLimits(maxTasks);
    List<List<JobSpec>> groups =
        controlTopic
            // Specs can arrive at any time: run every task, and let each one own the end users
            // that hash to it, for static and control-topic specs alike.
            ? TaskAssignment.byUserHash(specs, tasks)
            : TaskAssignment.assign(specs, tasks);
    List<Map<String, String>> configs = new ArrayList<>(groups.size());
    for (List<JobSpec> group : groups) {
      ArrayNode array = MAPPER.createArrayNode();
      group.forEach(spec -> array.add(spec.toJson()));
      Map<String, String> taskProps = new HashMap<>(props);
      taskProps.put(IgScraperSourceConfig.JOBS_CONFIG, array.toString());
      // With a control topic every task must know all static names, to refuse a topic spec that
      // reuses one (it would share that spec's offsets), wherever the static spec runs.
      taskProps.put(
          IgScraperTaskConfig.STATIC_SPEC_NAMES_CONFIG,
          String.join(",", specs.stream().map(JobSpec::name).toList()));
      taskProps.put(IgScraperTaskConfig.TASK_INDEX_CONFIG, Integer.toString(configs.size()));
      taskProps.put(IgScraperTaskConfig.TASK_COUNT_CONFIG, Integer.toString(groups.size()));
      configs.add(taskProps);
    }
    taskCount = configs.size();
    return configs;
  }

  @Override
  public void stop() {
    // Tasks own all other resources.
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
  }

  @Override
  public ConfigDef config() {
    return IgScraperSourceConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    boolean clean = config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
    Map<String, List<String>> crossField =
        clean ? new IgScraperSourceConfig(connectorConfigs).crossFieldErrors() : Map.of();
    // Report each bad spec as its own message on igscraper.jobs, not one joined string.
    for (ConfigValue value : config.configValues()) {
      if (value.name().equals(IgScraperSourceConfig.JOBS_CONFIG)) {
        JobSpecParser.Result result =
            JobSpecParser.parse(connectorConfigs.get(IgScraperSourceConfig.JOBS_CONFIG));
        if (!result.isValid()) {
          value.errorMessages().clear();
          result.errors().forEach(value::addErrorMessage);
        }
      }
      crossField.getOrDefault(value.name(), List.of()).forEach(value::addErrorMessage);
    }
    return config;
  }

  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    // Every record carries the offset of the next row, and rows re-read from the same page are
    // identical, so committing records and offsets in one transaction (per poll batch) is exact.
    // It also needs one writer per partition: a control-topic spec that changes task is handed
    // over through the events topic, so a control topic without one is not exactly-once (the
    // config refuses it too). Read from the raw values: a config invalid for another reason (a
    // page size too large) gets that key's error from validate, not a second one here.
    boolean control = isSet(connectorConfig.get(IgScraperSourceConfig.CONTROL_TOPIC_CONFIG));
    boolean events = isSet(connectorConfig.get(IgScraperSourceConfig.EVENTS_TOPIC_CONFIG));
    return control && !events ? ExactlyOnceSupport.UNSUPPORTED : ExactlyOnceSupport.SUPPORTED;
  }

  /** A raw config value that names something: a REST payload may hold a JSON null. */
  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  @Override
  public boolean alterOffsets(
      Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
    for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
      if (entry.getValue() == null) {
        continue; // a tombstone deletes any partition, so junk can be removed too
      }
      try {
        String spec = SpecPartition.specName(entry.getKey());
        if (SourceCursor.isStampOnly(entry.getValue())) {
          continue; // as the connector writes them (GET, then PATCH back, must work)
        }
        SourceCursor record = SourceCursor.fromMap(entry.getValue());
        if (record.originName() != null && !record.originName().equals(spec)) {
          // Its rows would be written under the other spec's partition.
          throw new IllegalArgumentException(
              "offset key 'spec_name' is '"
                  + record.originName()
                  + "' but the partition is spec '"
                  + spec
                  + "'");
        }
      } catch (IllegalArgumentException e) {
        throw new ConnectException(
            "Invalid offset for partition " + entry.getKey() + ": " + e.getMessage(), e);
      }
    }
    return true;
  }
}
