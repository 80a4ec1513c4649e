package co.igscraper.kafka.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.IgScraperSourceConnector;
import co.igscraper.kafka.connect.config.IgScraperSourceConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The archive the build produced meets what Confluent Platform's CLI, Confluent Cloud custom
 * connectors and MSK Connect publish as their requirements, and the recipes in docs/deploy say what
 * the connector really has: its class, its PASSWORD configs, configs that validate.
 */
class PlatformArchiveIT {
  private static final long CONFLUENT_CLOUD_MAX_BYTES = 200L * 1024 * 1024;
  private static final int JAVA_17 = 61;
  private static final Path CONFLUENT = Path.of("docs", "deploy", "confluent.md");
  private static final Path MSK = Path.of("docs", "deploy", "msk-connect.md");
  private static final Pattern PROVIDER = Pattern.compile("\\$\\{(\\w+):[^}]*}");

  private static Path archive;
  private static String root;
  private static JsonNode manifest;

  @BeforeAll
  static void open() throws IOException {
    archive = WorkerDistribution.pluginArchive();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      List<String> manifests =
          zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith("manifest.json")).toList();
      assertEquals(1, manifests.size(), "one manifest.json: " + manifests);
      String name = manifests.get(0);
      assertEquals(2, name.split("/").length, "manifest.json exactly one folder deep: " + name);
      root = name.substring(0, name.indexOf('/'));
      try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
        manifest = ConnectFixture.JSON.readTree(in);
      }
    }
  }

  @Test
  void theHubLayoutTheConfluentCliInstalls() throws IOException {
    String expected =
        manifest.path("owner").path("username").asText()
            + "-"
            + manifest.path("name").asText()
            + "-"
            + manifest.path("version").asText();
    assertEquals(expected, root, "the root folder is <owner>-<name>-<version>");
    assertEquals(expected + ".zip", archive.getFileName().toString());
    assertEquals(new IgScraperSourceConnector().version(), manifest.path("version").asText());
    assertTrue(manifest.path("component_types").toString().contains("source"), "a source");
    for (String field : List.of("title", "description", "documentation_url")) {
      assertTrue(manifest.hasNonNull(field), "manifest " + field);
    }
    assertTrue(manifest.path("owner").hasNonNull("name"), "manifest owner.name");
    assertTrue(manifest.path("license").path(0).hasNonNull("name"), "manifest license");
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (ZipEntry e : zip.stream().toList()) {
        assertTrue(e.getName().startsWith(root + "/"), "outside the root folder: " + e.getName());
      }
      String logo = manifest.path("logo").asText();
      assertTrue(zip.getEntry(root + "/" + logo) != null, "the manifest's logo " + logo);
      for (String folder : List.of("lib/", "etc/", "doc/", "assets/")) {
        assertTrue(
            zip.stream().anyMatch(e -> e.getName().startsWith(root + "/" + folder)),
            "Confluent's archive layout has " + folder);
      }
    }
  }

  @Test
  void everyJarTheConnectorNeedsAndNoneOfKafkasAllForJava17() throws IOException {
    assertTrue(
        Files.size(archive) <= CONFLUENT_CLOUD_MAX_BYTES,
        "Confluent Cloud takes archives up to 200 MB: " + Files.size(archive));
    List<String> problems = new ArrayList<>();
    Set<String> jars = new TreeSet<>();
    boolean connectorFound = false;
    boolean serviceEntry = false;
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (ZipEntry e : zip.stream().toList()) {
        String name = e.getName().substring(root.length() + 1);
        if (!name.endsWith(".jar")) {
          continue;
        }
        if (!name.startsWith("lib/") || name.indexOf('/', 4) >= 0) {
          problems.add(name + " is not directly in lib/");
        }
        jars.add(name);
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
          bytes = in.readAllBytes();
        }
        try (ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(bytes))) {
          for (ZipEntry c = jar.getNextEntry(); c != null; c = jar.getNextEntry()) {
            String cls = c.getName();
            if (cls.startsWith("org/apache/kafka/")) {
              problems.add(name + " carries Kafka's " + cls);
            }
            if (cls.equals("co/igscraper/kafka/connect/IgScraperSourceConnector.class")) {
              connectorFound = true;
            }
            if (cls.equals("META-INF/services/org.apache.kafka.connect.source.SourceConnector")) {
              serviceEntry |=
                  new String(jar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                      .contains(IgScraperSourceConnector.class.getName());
            } else if (cls.endsWith(".class") && !newerThan17(cls)) {
              int major = classFileMajor(jar.readAllBytes());
              if (major > JAVA_17) {
                problems.add(name + "!" + cls + " needs class file version " + major);
              }
            }
          }
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(connectorFound, "the connector class is in lib/: " + jars);
    assertTrue(serviceEntry, "plugin.discovery=service_load finds the connector");
  }

  /** A multi-release jar's classes for a Java newer than 17, which a Java 17 runtime ignores. */
  private static boolean newerThan17(String entry) {
    Matcher m = Pattern.compile("META-INF/versions/(\\d+)/.*").matcher(entry);
    return m.matches() && Integer.parseInt(m.group(1)) > 17;
  }

  private static int classFileMajor(byte[] cls) {
    return ((cls[6] & 0xff) << 8) | (cls[7] & 0xff);
  }

  @Test
  void theConfluentCloudRecipeNamesTheClassEverySecretAndTheApiHost() throws IOException {
    String doc = Files.readString(CONFLUENT);
    assertEquals(IgScraperSourceConnector.class.getName(), flag(doc, "connector-class"));
    Set<String> passwords = new TreeSet<>();
    IgScraperSourceConfig.CONFIG_DEF
        .configKeys()
        .values()
        .forEach(
            k -> {
              if (k.type == ConfigDef.Type.PASSWORD) {
                passwords.add(k.name);
              }
            });
    assertEquals(passwords, new TreeSet<>(List.of(flag(doc, "sensitive-properties").split(","))));
    JsonNode config = ConnectFixture.JSON.readTree(block(doc, "json"));
    String apiHost =
        URI.create(
                (String)
                    IgScraperSourceConfig.CONFIG_DEF
                        .configKeys()
                        .get("igscraper.api.url")
                        .defaultValue)
            .getHost();
    assertEquals(apiHost + ":443", config.path("confluent.custom.connection.endpoints").asText());
    Map<String, String> ours = new TreeMap<>();
    config
        .fields()
        .forEachRemaining(
            e -> {
              String key = e.getKey();
              if (!key.startsWith("confluent.") && !key.startsWith("kafka.api.")) {
                ours.put(key, e.getValue().asText());
              }
            });
    assertValidates(ours, CONFLUENT);
  }

  @Test
  void theMskConnectRecipesConfigValidates() throws IOException {
    Properties props = new Properties();
    props.load(new StringReader(block(Files.readString(MSK), "properties", "connector.class")));
    Map<String, String> config = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> config.put(k, props.getProperty(k)));
    assertTrue(
        config.get("igscraper.api.key").startsWith("${secretsmanager:"), "the key from a provider");
    assertValidates(config, MSK);
  }

  private static void assertValidates(Map<String, String> config, Path doc) {
    assertEquals(IgScraperSourceConnector.class.getName(), config.get("connector.class"));
    Map<String, String> resolved = new TreeMap<>();
    // The worker resolves providers before the connector sees a value; validate gets a stand-in.
    config.forEach((k, v) -> resolved.put(k, PROVIDER.matcher(v).replaceAll("stand-in")));
    List<String> errors = new ArrayList<>();
    for (ConfigValue value : new IgScraperSourceConnector().validate(resolved).configValues()) {
      value.errorMessages().forEach(m -> errors.add(value.name() + ": " + m));
    }
    assertEquals(List.of(), errors, doc + ": its connector config does not validate");
    assertTrue(!new IgScraperSourceConfig(resolved).jobSpecs().isEmpty(), doc + ": jobs");
  }

  /** The value of {@code --name} in a doc's command. */
  private static String flag(String doc, String name) {
    Matcher m = Pattern.compile("--" + name + " (\\S+)").matcher(doc);
    assertTrue(m.find(), "--" + name + " in the recipe");
    return m.group(1);
  }

  /** The first fenced block of {@code lang} (containing {@code marker}, if given). */
  private static String block(String doc, String lang, String... marker) {
    Matcher m = Pattern.compile("```" + lang + "\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    while (m.find()) {
      String body = m.group(1).replaceAll("(?m)^ {3}", "");
      if (marker.length == 0 || body.contains(marker[0])) {
        return body;
      }
    }
    throw new AssertionError("no ```" + lang + " block in the recipe");
  }
}
