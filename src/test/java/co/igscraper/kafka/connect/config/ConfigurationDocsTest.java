package co.igscraper.kafka.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated from the ConfigDef; this keeps it from going stale. */
class ConfigurationDocsTest {
  private static final Path DOCS = Path.of("docs", "configuration.md");
  private static final String REGENERATE = "mvn -q compile exec:java@config-docs";

  @Test
  void configurationReferenceMatchesTheConfigDef() throws IOException {
    assertTrue(Files.isRegularFile(DOCS), DOCS + " is missing; generate it with: " + REGENERATE);
    String committed = Files.readString(DOCS).replace("\r\n", "\n");
    assertEquals(
        IgScraperSourceConfig.referenceMarkdown(),
        committed,
        DOCS + " differs from IgScraperSourceConfig.CONFIG_DEF; regenerate it with: " + REGENERATE);
  }

  @Test
  void referenceDocumentsEveryKeyOfTheConfigDef() {
    String reference = IgScraperSourceConfig.referenceMarkdown();
    assertTrue(reference.contains(ConfigDocs.markdown(IgScraperSourceConfig.CONFIG_DEF).strip()));
    for (String key : IgScraperSourceConfig.CONFIG_DEF.names()) {
      assertTrue(reference.contains("| `" + key + "` |"), key + " is not in the reference");
    }
  }
}
