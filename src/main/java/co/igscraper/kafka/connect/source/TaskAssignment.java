package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.config.JobSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads specs over tasks: each spec in exactly one task, no task without work.
 *
 * <p>Specs of one {@code external_user_id} stay together, because the API's per-user submit quota
 * (5/minute, 12/hour) can only be honoured where all of that user's submits are made.
 */
public final class TaskAssignment {
  private TaskAssignment() {}

  /** Groups the specs into at most {@code maxTasks} non-empty lists, balanced by spec count. */
  public static List<List<JobSpec>> assign(List<JobSpec> specs, int maxTasks) {
    Map<String, List<JobSpec>> byUser = new LinkedHashMap<>();
    for (JobSpec spec : specs) {
      byUser.computeIfAbsent(spec.externalUserId(), k -> new ArrayList<>()).add(spec);
    }
    int taskCount = Math.min(Math.max(maxTasks, 1), byUser.size());
    List<List<JobSpec>> tasks = new ArrayList<>();
    for (int i = 0; i < taskCount; i++) {
      tasks.add(new ArrayList<>());
    }
    List<List<JobSpec>> groups = new ArrayList<>(byUser.values());
    // Largest groups first, each to the least-loaded task: a simple, stable balance.
    groups.sort(Comparator.comparingInt((List<JobSpec> g) -> g.size()).reversed());
    for (List<JobSpec> group : groups) {
      tasks.stream().min(Comparator.comparingInt(List::size)).orElseThrow().addAll(group);
    }
    return tasks;
  }

  /** Which task runs the specs of an end user when a control topic is in use. */
  public static int ownerOf(String externalUserId, int taskCount) {
    return Math.floorMod(externalUserId.hashCode(), taskCount);
  }

  /**
   * Exactly {@code taskCount} lists (some may be empty), each spec in the task its end user hashes
   * to; the rule control-topic specs follow, so both kinds of spec of one user share a task.
   */
  public static List<List<JobSpec>> byUserHash(List<JobSpec> specs, int taskCount) {
    List<List<JobSpec>> tasks = new ArrayList<>();
    for (int i = 0; i < taskCount; i++) {
      tasks.add(new ArrayList<>());
    }
    for (JobSpec spec : specs) {
      tasks.get(ownerOf(spec.externalUserId(), taskCount)).add(spec);
    }
    return tasks;
  }
}
