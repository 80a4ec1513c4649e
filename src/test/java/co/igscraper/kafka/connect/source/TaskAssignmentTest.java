package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.JobSpecParser;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskAssignmentTest {
  private static List<JobSpec> specs(int count, int users) {
    String json =
        IntStream.range(0, count)
            .mapToObj(
                i ->
                    "{\"name\":\"s"
                        + i
                        + "\",\"external_user_id\":\"u"
                        + (i % users)
                        + "\",\"tool_type\":\"followers\",\"params\":{\"usernames\":[\"a\"]}}")
            .collect(Collectors.joining(",", "[", "]"));
    return JobSpecParser.parse(json).specs();
  }

  @Test
  void everySpecInExactlyOneTaskAndNoEmptyTask() {
    List<List<JobSpec>> tasks = TaskAssignment.assign(specs(7, 7), 3);
    assertEquals(3, tasks.size());
    Set<String> seen = new HashSet<>();
    tasks.forEach(t -> t.forEach(s -> assertTrue(seen.add(s.name()), s.name() + " twice")));
    assertEquals(7, seen.size());
    tasks.forEach(t -> assertTrue(t.size() == 2 || t.size() == 3));
  }

  @Test
  void neverMoreTasksThanUnitsOfWork() {
    assertEquals(2, TaskAssignment.assign(specs(2, 2), 8).size());
    assertEquals(0, TaskAssignment.assign(List.of(), 4).size());
  }

  @Test
  void specsOfOneEndUserShareATask() {
    List<List<JobSpec>> tasks = TaskAssignment.assign(specs(6, 2), 4);
    assertEquals(2, tasks.size());
    for (List<JobSpec> task : tasks) {
      assertEquals(1, task.stream().map(JobSpec::externalUserId).distinct().count());
    }
  }
}
