package co.igscraper.kafka.connect.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What a user's Connect worker is made of: a stock Kafka classpath resolved by Maven from a small
 * pom, and the plugin archive unzipped into its {@code plugin.path}.
 */
public final class WorkerDistribution {
  /** The pom of a stock worker of the project's Kafka line. */
  public static final Path WORKER_POM = Path.of("src", "test", "worker", "pom.xml");

  private static final Path ARCHIVES = Path.of("target", "components", "packages");

  private WorkerDistribution() {}

  /**
   * The classpath of the worker {@code pom} describes, resolved with {@code mvn
   * dependency:build-classpath} into {@code out} (the jars stay in the local repository).
   */
  public static String classpath(Path pom, Path out) throws IOException, InterruptedException {
    return classpath(pom, out, new String[0]);
  }

  /** As above, with Maven properties, e.g. {@code -Dkafka.version=3.7.2}. */
  public static String classpath(Path pom, Path out, String... properties)
      throws IOException, InterruptedException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path log = out.resolveSibling(out.getFileName() + ".log");
    List<String> args =
        new ArrayList<>(
            List.of(
                "-f",
                pom.toAbsolutePath().toString(),
                "dependency:build-classpath",
                "-Dmdep.outputFile=" + out.toAbsolutePath()));
    args.addAll(List.of(properties));
    Process mvn =
        new ProcessBuilder(mvn(args.toArray(String[]::new)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!mvn.waitFor(5, TimeUnit.MINUTES)) {
      mvn.destroyForcibly();
      throw new IllegalStateException("resolving " + pom + " timed out; see " + log);
    }
    if (mvn.exitValue() != 0) {
      throw new IllegalStateException(
          "resolving " + pom + " failed: " + Files.readString(log).strip());
    }
    return Files.readString(out).trim();
  }

  /**
   * A quiet batch-mode {@code mvn} command with {@code args}, on the local repository of the build
   * that runs the tests (failsafe passes it on), offline when {@code -Dmaven.offline=true}.
   */
  public static List<String> mvn(String... args) {
    List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-q"));
    String repo = System.getProperty("maven.repo.local", "");
    if (!repo.isBlank()) {
      cmd.add("-Dmaven.repo.local=" + repo);
    }
    if (Boolean.parseBoolean(System.getProperty("maven.offline", "false"))) {
      cmd.add("-o");
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * The classpath of a stock worker of Kafka {@code version} (a 3.x line logs through reload4j, 4.x
   * through log4j2), resolved into {@code dir}.
   */
  public static String classpathOf(String version, Path dir)
      throws IOException, InterruptedException {
    Path pom =
        version.startsWith("3.")
            ? WORKER_POM.resolveSibling("kafka-3").resolve("pom.xml")
            : WORKER_POM;
    return classpath(
        pom, dir.resolve("kafka-" + version + ".classpath"), "-Dkafka.version=" + version);
  }

  /** {@code dir}, emptied: a run starts from nothing an earlier one left (plugins, logs). */
  public static Path fresh(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  /** The newest Confluent Hub archive built by {@code package}. */
  public static Path pluginArchive() throws IOException {
    try (Stream<Path> files = Files.list(ARCHIVES)) {
      return files
          .filter(f -> f.toString().endsWith(".zip"))
          .max(Comparator.comparing(f -> f.toFile().lastModified()))
          .orElseThrow(() -> new IOException("no plugin archive in " + ARCHIVES));
    }
  }

  /** The newest Confluent Hub archive built by {@code package}, unzipped into {@code plugins}. */
  public static Path unzipPluginArchive(Path plugins) throws IOException {
    Path archive = pluginArchive();
    Path root = plugins.toAbsolutePath().normalize();
    Files.createDirectories(root);
    try (InputStream in = Files.newInputStream(archive);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Path target = root.resolve(e.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("zip entry outside the target: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return root;
  }
}
