package co.igscraper.kafka.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The documents of the YAML files in one directory, found by kind and name. */
final class RenderedResources {
  /** Where the build renders docs/deploy/strimzi, its tokens filled in. */
  static final Path STRIMZI = Path.of("target", "components", "strimzi");

  private final Path dir;
  private final Map<Path, List<JsonNode>> byFile = new LinkedHashMap<>();

  RenderedResources(Path dir) throws IOException {
    this.dir = dir;
    for (Path file : yamlFiles(dir)) {
      byFile.put(file, StrimziSchemas.documents(file));
    }
  }

  Map<Path, List<JsonNode>> byFile() {
    return byFile;
  }

  List<JsonNode> all(String kind) {
    return byFile.values().stream()
        .flatMap(List::stream)
        .filter(d -> kind.equals(d.path("kind").asText()))
        .toList();
  }

  JsonNode only(String kind) {
    List<JsonNode> found = all(kind);
    assertEquals(1, found.size(), "one " + kind + " in " + dir);
    return found.get(0);
  }

  JsonNode named(String kind, String name, String namespace) {
    return all(kind).stream()
        .filter(d -> d.at("/metadata/name").asText().equals(name))
        .filter(d -> d.at("/metadata/namespace").asText().equals(namespace))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + namespace + "/" + name));
  }

  static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
