package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.Addons;
import co.igscraper.kafka.connect.config.ControlGuards;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.JobSpecParser;
import co.igscraper.kafka.connect.config.ScheduleRules;
import co.igscraper.kafka.connect.config.ValidationMessages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The specs defined on the control topic, and what each control record changes.
 *
 * <p>Pure logic, no Kafka: it turns a (key, value) pair into one {@link Change}. A malformed record
 * is a {@link Rejected} change and leaves the previous valid version of that spec in force.
 */
final class ControlState {
  static final String ENRICH_PREFIX = "enrich:";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one control record does. */
  sealed interface Change permits Upsert, Remove, Enrich, Rejected, Unchanged {}

  /** A new or changed spec (for another task's end user: a version that moves it there). */
  record Upsert(JobSpec spec) implements Change {}

  /** A spec removed by a tombstone. */
  record Remove(String name) implements Change {}

  /** A retroactive-enrichment request for a spec's last completed job. */
  record Enrich(String specName, JobRunner.EnrichRequest request) implements Change {}

  /**
   * A record that could not be taken, and why; {@code everyTask} when every task finds the same
   * (bad JSON, a name clash), false when only the owner of the spec's end user can tell (its
   * schedule against the user's other specs), so exactly one task reports each.
   */
  record Rejected(String key, String reason, boolean everyTask, JobSpec spec) implements Change {
    Rejected(String key, String reason) {
      this(key, reason, true, null);
    }
  }

  /** A record that changes nothing (same spec again, tombstone of an unknown spec). */
  record Unchanged() implements Change {}

  private final Set<String> staticNames;
  private final int userSubmitsPerHour;
  private final int userSubmitsPerMinute;
  private final boolean eventsOn;
  private final Predicate<String> ownsUser;
  private final ControlGuards guards;
  // The specs of the end users this task owns (all specs of a user live on one task), and those
  // specs by user, so the schedule check of one record looks at its user's specs only and reading
  // 100,000 specs stays linear; of the other tasks' specs only names and end users are kept.
  private final Map<String, JobSpec> specs = new HashMap<>();
  private final Map<String, Map<String, JobSpec>> byUser = new HashMap<>();
  // Every spec with a version that parsed, taken or not, whoever's it is.
  private final Set<String> named = new HashSet<>();

  ControlState(
      Set<String> staticNames, int userSubmitsPerHour, int userSubmitsPerMinute, boolean eventsOn) {
    this(
        staticNames,
        userSubmitsPerHour,
        userSubmitsPerMinute,
        eventsOn,
        user -> true,
        ControlGuards.NONE);
  }

  /**
   * Keeps whole specs only for the end users {@code ownsUser} accepts (this task's), and refuses
   * the specs {@code guards} refuse.
   */
  ControlState(
      Set<String> staticNames,
      int userSubmitsPerHour,
      int userSubmitsPerMinute,
      boolean eventsOn,
      Predicate<String> ownsUser,
      ControlGuards guards) {
    this.ownsUser = ownsUser;
    this.guards = guards;
    this.staticNames = Set.copyOf(staticNames);
    this.userSubmitsPerHour = userSubmitsPerHour;
    this.userSubmitsPerMinute = userSubmitsPerMinute;
    this.eventsOn = eventsOn;
  }

  /** Whether {@code name} is a spec of the config or of the control topic read so far. */
  boolean defines(String name) {
    return staticNames.contains(name) || named.contains(name);
  }

  /** Applies one record; {@code id} identifies it durably (topic partition and offset). */
  Change apply(String key, String value, String id) {
    if (key == null || key.isEmpty()) {
      return new Rejected(
          "(no key)",
          ValidationMessages.about("control record " + id, "key is required: the spec's name"));
    }
    if (key.startsWith(ENRICH_PREFIX)) {
      return enrich(key.substring(ENRICH_PREFIX.length()), value, id);
    }
    if (value == null) {
      named.remove(key);
      JobSpec removed = specs.remove(key);
      if (removed == null) {
        // Another task's spec (its removal is that task's business), or an unknown one.
        return new Unchanged();
      }
      forget(removed);
      return new Remove(key);
    }
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      return new Rejected(key, about(key, "value " + ValidationMessages.invalidJson(e)));
    }
    List<String> errors = new ArrayList<>();
    JobSpec spec = JobSpecParser.parseOne(node, errors);
    if (spec == null) {
      return new Rejected(
          key, ValidationMessages.about(ValidationMessages.controlSpec(key), errors));
    }
    if (!spec.name().equals(key)) {
      return new Rejected(
          key, about(key, "name must equal the record key, got \"" + spec.name() + "\""));
    }
    if (staticNames.contains(key)) {
      return new Rejected(
          key, about(key, "name is already used by a spec in igscraper.jobs, which keeps running"));
    }
    List<String> refused = guards.check(spec);
    if (!refused.isEmpty()) {
      // Every task can tell; the version before (if any) keeps running, as for any bad record.
      return new Rejected(
          key, ValidationMessages.about(ValidationMessages.controlSpec(key), refused));
    }
    named.add(key);
    if (!ownsUser.test(spec.externalUserId())) {
      // Another task's now; a version kept here is dropped (the spec moved away).
      JobSpec previous = specs.remove(key);
      if (previous != null) {
        forget(previous);
      }
      return new Upsert(spec);
    }
    List<JobSpec> sameUser = new ArrayList<>();
    byUser.getOrDefault(spec.externalUserId(), Map.of()).values().stream()
        .filter(s -> !s.name().equals(key))
        .forEach(sameUser::add);
    sameUser.add(spec);
    List<String> scheduleErrors =
        ScheduleRules.check(sameUser, userSubmitsPerHour, userSubmitsPerMinute, eventsOn);
    if (!scheduleErrors.isEmpty()) {
      // The spec parsed: it still says which task the spec belongs to now (see OwnershipChain).
      return new Rejected(key, String.join(" ", scheduleErrors), false, spec);
    }
    JobSpec previous = specs.put(key, spec);
    if (previous != null) {
      forget(previous);
    }
    byUser.computeIfAbsent(spec.externalUserId(), u -> new HashMap<>()).put(key, spec);
    return spec.equals(previous) ? new Unchanged() : new Upsert(spec);
  }

  private void forget(JobSpec spec) {
    Map<String, JobSpec> ofUser = byUser.get(spec.externalUserId());
    if (ofUser != null) {
      ofUser.remove(spec.name());
      if (ofUser.isEmpty()) {
        byUser.remove(spec.externalUserId());
      }
    }
  }

  private Change enrich(String specName, String value, String id) {
    if (value == null) {
      return new Unchanged();
    }
    try {
      JsonNode node = JSON.readTree(value);
      JsonNode profiles = node == null ? null : node.get("enrich_profiles");
      JsonNode countryDate = node == null ? null : node.get("enrich_country_date");
      if (node == null
          || !node.isObject()
          || (profiles != null && !profiles.isBoolean())
          || (countryDate != null && !countryDate.isBoolean())) {
        return new Rejected(
            ENRICH_PREFIX + specName,
            about(
                specName,
                "enrichment request must be {\"enrich_profiles\": true|false,"
                    + " \"enrich_country_date\": true|false}"));
      }
      Addons addons =
          new Addons(
              profiles != null && profiles.booleanValue(),
              countryDate != null && countryDate.booleanValue());
      return new Enrich(specName, new JobRunner.EnrichRequest(id, addons));
    } catch (JsonProcessingException e) {
      return new Rejected(
          ENRICH_PREFIX + specName,
          about(specName, "enrichment request " + ValidationMessages.invalidJson(e)));
    }
  }

  private static String about(String specName, String clause) {
    return ValidationMessages.about(ValidationMessages.controlSpec(specName), clause);
  }
}
