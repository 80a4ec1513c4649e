package co.igscraper.kafka.connect.config;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** A task's configuration: the connector's, with its own specs and its place among the tasks. */
public final class IgScraperTaskConfig extends IgScraperSourceConfig {
  public static final String CONNECTOR_NAME_CONFIG = "name";
  public static final String TASK_INDEX_CONFIG = "igscraper.task.index";
  public static final String TASK_COUNT_CONFIG = "igscraper.task.count";
  public static final String STATIC_SPEC_NAMES_CONFIG = "igscraper.task.static.spec.names";

  private static final ConfigDef TASK_DEF =
      new ConfigDef(CONFIG_DEF)
          .define(
              CONNECTOR_NAME_CONFIG,
              Type.STRING,
              "igscraper",
              Importance.LOW,
              "The connector's name; part of every Idempotency-Key.")
          .define(
              TASK_INDEX_CONFIG,
              Type.INT,
              0,
              Bounds.atLeast(0),
              Importance.LOW,
              "This task's index; with a control topic, it runs the specs whose end user hashes to"
                  + " it.")
          .define(
              TASK_COUNT_CONFIG,
              Type.INT,
              1,
              Bounds.atLeast(1),
              Importance.LOW,
              "How many tasks the connector runs.")
          .define(
              STATIC_SPEC_NAMES_CONFIG,
              Type.LIST,
              "",
              Importance.LOW,
              "Names of all specs in igscraper.jobs, in any task (spec names cannot contain ',').");

  public IgScraperTaskConfig(Map<?, ?> originals) {
    super(TASK_DEF, originals);
  }

  public String connectorName() {
    return getString(CONNECTOR_NAME_CONFIG);
  }

  public java.util.Set<String> staticSpecNames() {
    return java.util.Set.copyOf(getList(STATIC_SPEC_NAMES_CONFIG));
  }

  public int taskIndex() {
    return getInt(TASK_INDEX_CONFIG);
  }

  public int taskCount() {
    return getInt(TASK_COUNT_CONFIG);
  }
}
