package co.igscraper.kafka.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's list of job event types is every type the connector writes, and no other. */
class JobEventTypesReadmeTest {
  @Test
  void theReadmeListsEveryEventType() throws Exception {
    String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
    Matcher list = Pattern.compile("event_type \\(([^)]*)\\)").matcher(readme);
    assertTrue(list.find(), "README: event_type (`A`, `B`, ...)");
    Set<String> listed = new TreeSet<>();
    Matcher word = Pattern.compile("`([A-Z_]+)`").matcher(list.group(1));
    while (word.find()) {
      listed.add(word.group(1));
    }
    Set<String> types =
        Arrays.stream(JobEventType.values())
            .map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(types, listed);
  }
}
