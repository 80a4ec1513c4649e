package co.igscraper.kafka.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The metric names of the README's metrics table ({@code | Metric | Meaning |}), so tests check
 * what the README promises. A cell lists names with " / "; a name starting with "-" replaces as
 * many trailing parts of the cell's first name ({@code job-duration-avg-ms / -max-ms}).
 */
final class ReadmeMetrics {
  private static final Set<String> CONNECTOR_LEVEL = Set.of("specs-configured", "tasks-configured");

  private ReadmeMetrics() {}

  static List<String> taskMetrics() {
    return all().stream().filter(m -> !CONNECTOR_LEVEL.contains(m)).toList();
  }

  static List<String> connectorMetrics() {
    return all().stream().filter(CONNECTOR_LEVEL::contains).toList();
  }

  static List<String> all() {
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of("README.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = lines.indexOf("| Metric | Meaning |");
    if (start < 0) {
      throw new IllegalStateException("README.md has no metrics table");
    }
    List<String> names = new ArrayList<>();
    for (String line : lines.subList(start + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      String cell = line.split("\\|")[1].strip();
      String[] parts = cell.split(" / ");
      String first = parts[0].strip();
      names.add(first);
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip();
        if (p.startsWith("-")) {
          String[] segments = first.split("-");
          int replaced = p.substring(1).split("-").length;
          String base = String.join("-", List.of(segments).subList(0, segments.length - replaced));
          names.add(base + p);
        } else {
          names.add(p);
        }
      }
    }
    return names;
  }
}
