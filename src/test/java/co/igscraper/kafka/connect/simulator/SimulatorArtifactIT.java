package co.igscraper.kafka.connect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.it.WorkerDistribution;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator as users get it: its own Maven artifact ({@code simulator/pom.xml}), built on its
 * own, holding only simulator classes, run from the command line with nothing but Jackson beside
 * it, and answering the README's walk-through (submit, poll, read results) as the vendor docs say.
 */
class SimulatorArtifactIT {
  private static final Path MODULE = Path.of("simulator");
  private static final Path WORK = Path.of("target", "simulator-artifact-it");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static String dependencies;

  @BeforeAll
  static void buildTheModuleOnItsOwn() throws Exception {
    Files.createDirectories(WORK);
    Path classpath = WORK.resolve("classpath").toAbsolutePath();
    Path log = WORK.resolve("mvn.log");
    Process mvn =
        new ProcessBuilder(
                WorkerDistribution.mvn(
                    "-f",
                    MODULE.resolve("pom.xml").toString(),
                    "package",
                    "dependency:build-classpath",
                    "-Dmdep.includeScope=runtime",
                    "-Dmdep.outputFile=" + classpath))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(mvn.waitFor(5, TimeUnit.MINUTES), "building simulator/pom.xml timed out");
    assertEquals(0, mvn.exitValue(), () -> "simulator build failed: " + read(log));
    dependencies = Files.readString(classpath).trim();
  }

  @Test
  void theArtifactHoldsOnlyTheSimulatorAndNeedsOnlyJackson() throws IOException {
    List<String> foreign = new ArrayList<>();
    try (JarFile jar = new JarFile(jar("").toFile())) {
      jar.stream()
          .map(e -> e.getName())
          .filter(n -> n.endsWith(".class"))
          .filter(
              n ->
                  !n.startsWith("co/igscraper/kafka/connect/simulator/")
                      || n.contains("Test")
                      || n.contains("Fixture"))
          .forEach(foreign::add);
      assertEquals(
          "co.igscraper.kafka.connect.simulator.SimulatorMain",
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
    assertEquals(List.of(), foreign);
    for (String dep : dependencies.split(File.pathSeparator)) {
      assertTrue(Path.of(dep).getFileName().toString().startsWith("jackson-"), dep);
    }
  }

  @Test
  void theJarWithJacksonBesideItAnswersTheReadmeWalkThrough() throws Exception {
    walkThrough(
        List.of(
            java(),
            "-cp",
            jar("") + File.pathSeparator + dependencies,
            "co.igscraper.kafka.connect.simulator.SimulatorMain"));
  }

  @Test
  void theStandaloneJarRunsWithJavaDashJar() throws Exception {
    walkThrough(List.of(java(), "-jar", jar("-standalone").toString()));
  }

  /** Starts the simulator, then submits, polls and reads a job as the README shows with curl. */
  private static void walkThrough(List<String> command) throws Exception {
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(List.of("--port", "0", "--api-key", "demo-key", "--processing-for", "200ms"));
    Process sim = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertTrue(first != null && first.startsWith("igscraper simulator listening at "), first);
      String base = first.substring("igscraper simulator listening at ".length()).trim();

      String body =
          "{\"external_user_id\":\"c1\",\"tool_type\":\"followers\","
              + "\"params\":{\"usernames\":[\"nasa\"],\"max_followers\":120}}";
      HttpResponse<String> submitted =
          send(
              HttpRequest.newBuilder(URI.create(base + "/jobs"))
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", "k1")
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      assertEquals(201, submitted.statusCode(), submitted.body());
      String jobId = JSON.readTree(submitted.body()).path("job_id").asText();
      assertTrue(!jobId.isEmpty(), submitted.body());

      // The same key and payload again: the same job, not a second one.
      HttpResponse<String> replay =
          send(
              HttpRequest.newBuilder(URI.create(base + "/jobs"))
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", "k1")
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      assertEquals(200, replay.statusCode(), replay.body());
      assertEquals(jobId, JSON.readTree(replay.body()).path("job_id").asText(), replay.body());
      assertTrue(JSON.readTree(replay.body()).path("replayed").asBoolean(), replay.body());

      String status = "";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!status.equals("COMPLETED") && System.nanoTime() < deadline) {
        HttpResponse<String> job =
            send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId)));
        assertEquals(200, job.statusCode(), job.body());
        status = JSON.readTree(job.body()).path("status").asText();
        if (!status.equals("COMPLETED")) {
          Thread.sleep(100); // polling, as the docs advise, at a test's pace
        }
      }
      assertEquals("COMPLETED", status);

      int rows = 0;
      for (int page = 1; page <= 3; page++) {
        HttpResponse<String> results =
            send(
                HttpRequest.newBuilder(
                    URI.create(base + "/jobs/" + jobId + "/results?page=" + page + "&limit=50")));
        assertEquals(200, results.statusCode(), results.body());
        JsonNode data = JSON.readTree(results.body()).path("data");
        rows += data.size();
      }
      assertEquals(120, rows);
    } finally {
      sim.destroy();
      sim.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.header("Authorization", "Bearer demo-key").timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code igscraper-simulator-VERSION.jar}, or with {@code -standalone} before the dot. */
  private static Path jar(String suffix) throws IOException {
    try (var files = Files.list(MODULE.resolve("target"))) {
      return files
          .filter(
              f ->
                  f.getFileName()
                      .toString()
                      .matches("igscraper-simulator-[0-9][^-]*(-SNAPSHOT)?" + suffix + "\\.jar"))
          .max(java.util.Comparator.comparing(f -> f.toFile().lastModified()))
          .orElseThrow(() -> new IOException("no igscraper-simulator jar" + suffix))
          .toAbsolutePath();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
