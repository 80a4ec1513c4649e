package co.igscraper.kafka.connect.quickstart;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.it.ProcessCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first command as a user meets it, in its own JVM as {@code quickstart.sh} starts it:
 * a stock worker that loads the plugin archive, rows and job events printed as they arrive, a last
 * line once every job is done, a signal to stop, and the records printed again from the data the
 * run kept. Both of its output streams are checked.
 */
class QuickstartIT {
  private static final Path HOME = Path.of("target", "quickstart-it").toAbsolutePath();
  private static final Pattern DONE =
      Pattern.compile("done: 2 jobs COMPLETED, 200/200 rows, (\\d+) events");
  private static final Pattern REST = Pattern.compile("Connect REST +(http://\\S+)");

  /** A quickstart process and what it printed so far on each stream. */
  private record Run(
      Process process, ByteArrayOutputStream out, ByteArrayOutputStream err, List<Thread> drains) {
    String stdout() {
      synchronized (out) {
        return out.toString(StandardCharsets.UTF_8);
      }
    }

    String stderr() {
      synchronized (err) {
        return err.toString(StandardCharsets.UTF_8);
      }
    }

    int awaitExit(Duration max) throws InterruptedException {
      assertTrue(process.waitFor(max.toSeconds(), TimeUnit.SECONDS), "still running:\n" + stdout());
      for (Thread drain : drains) {
        drain.join(TimeUnit.SECONDS.toMillis(10)); // the last bytes the process wrote
      }
      return process.exitValue();
    }
  }

  @Test
  void showsRowsAndEventsSaysWhenEveryJobIsDoneStopsOnASignalAndKeepsTheRecords() throws Exception {
    Run run = quickstart("--simulator-port", "0");
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> DONE.matcher(run.stdout()).find() || !run.process().isAlive());
    String live = run.stdout();
    Matcher done = DONE.matcher(live);
    assertTrue(done.find(), live + run.stderr());
    long events = Long.parseLong(done.group(1));

    // The worker is still up: it lists the plugin from plugin.path and nothing from a test jar.
    Matcher rest = REST.matcher(live);
    assertTrue(rest.find(), live);
    List<String> plugins = new ArrayList<>();
    for (JsonNode p : get(rest.group(1) + "/connector-plugins")) {
      plugins.add(p.path("class").asText());
    }
    assertEquals(List.of("co.igscraper.kafka.connect.IgScraperSourceConnector"), plugins, live);

    // SIGTERM, handled as Ctrl-C is. Through the handle: Process.destroy() would also close our
    // ends of its output pipes, and lose what it prints while it stops.
    run.process().toHandle().destroy();
    assertEquals(0, run.awaitExit(Duration.ofSeconds(60)), run.stdout() + run.stderr());
    String all = run.stdout();
    assertTrue(all.contains("plugins on the worker   co.igscraper"), all);
    assertTrue(all.contains("row 1 of the first 3: quickstart.followers  partition 0"), all);
    // The first rows come from whichever job completed first.
    assertTrue(
        Pattern.compile("key      \\{\"source\":\"(nasa|natgeo)\",\"user_id\":\"")
            .matcher(all)
            .find(),
        all);
    assertTrue(
        Pattern.compile("value    \\{\"source\":\"(nasa|natgeo)\",\"type\":\"follower\"")
            .matcher(all)
            .find(),
        all);
    assertTrue(all.contains("headers  igscraper.job_id="), all);
    for (String type : List.of("SUBMITTED", "COMPLETED")) {
      assertTrue(all.contains("event  nasa-followers       run 1  " + type), type + "\n" + all);
      assertTrue(all.contains("event  natgeo-followers     run 1  " + type), type + "\n" + all);
    }
    assertTrue(all.contains("COMPLETED, 100%, 100 results"), all);
    assertTrue(all.contains("rows 200 (nasa-followers 100, natgeo-followers 100)"), all);
    assertTrue(all.contains("read every record again: ./quickstart.sh --print"), all);
    assertTrue(
        all.contains("stopped; the records stay readable: ./quickstart.sh --print"),
        all + "\nSTDERR:\n" + run.stderr());
    assertEquals(1, DONE.matcher(all).results().count(), "the last line is printed once");
    assertClean(run);

    // After the stop: --print starts a broker on the kept data and shows the same records.
    Run print = quickstart("--print");
    assertEquals(0, print.awaitExit(Duration.ofMinutes(2)), print.stdout() + print.stderr());
    String again = print.stdout();
    assertTrue(
        again.contains(
            (200 + events)
                + " records: 200 in quickstart.followers, "
                + events
                + " in quickstart.job-events"),
        again);
    assertEquals(
        events,
        again.lines().filter(l -> l.startsWith("quickstart.job-events  partition")).count());
    assertEquals(
        200, again.lines().filter(l -> l.startsWith("quickstart.followers  partition")).count());
    assertTrue(again.contains("headers  igscraper.job_id="), again);
    assertClean(print);
  }

  @Test
  void exitAfterMoreRowsThanTheJobsDeliverEndsWhenEveryJobIsDone() throws Exception {
    Run run =
        quickstart(
            "--exit-after-rows", "1000", "--timeout-seconds", "240", "--simulator-port", "0");
    assertEquals(0, run.awaitExit(Duration.ofMinutes(5)), run.stdout() + run.stderr());
    String output = run.stdout();
    assertTrue(DONE.matcher(output).find(), output);
    assertTrue(output.contains("stopping after 1000 rows or when every job is done."), output);
    assertFalse(output.contains("timed out"), output);
    assertClean(run);
  }

  @Test
  void optionsReadTheCommandLineAndTheEnvironment() {
    QuickstartOptions simulator = QuickstartOptions.parse(new String[0], Map.of());
    assertNull(simulator.api(), "no key in the environment: the simulator");
    QuickstartOptions options =
        QuickstartOptions.parse(new String[0], Map.of("IGSCRAPER_API_KEY", "k"));
    assertTrue(options.api() != null && options.api().url().startsWith("https://"));
    assertTrue(options.interactive());
    assertEquals(
        7,
        QuickstartOptions.parse(new String[0], Map.of("QUICKSTART_EXIT_AFTER_ROWS", "7"))
            .exitAfterRows());
    QuickstartOptions print =
        QuickstartOptions.parse(new String[] {"--print", "quickstart.job-events"}, Map.of());
    assertTrue(print.print());
    assertEquals(List.of("quickstart.job-events"), print.printTopics());
  }

  /** No ANSI escapes and no log lines on either stream: the quickstart prints only its own view. */
  private static void assertClean(Run run) {
    String both = run.stdout() + run.stderr();
    assertFalse(both.contains("\u001B"), "no ANSI escape codes");
    assertEquals("", run.stderr().strip(), "nothing on stderr");
    assertFalse(
        run.stdout().lines().anyMatch(l -> l.matches(".*\\b(INFO|WARN|ERROR|DEBUG)\\b.*")),
        "no log lines: " + run.stdout());
  }

  /** Starts {@code Quickstart} as {@code quickstart.sh} does, with the test classpath. */
  private static Run quickstart(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add(
        "-Dlog4j2.configurationFile="
            + Path.of("target", "test-classes", "log4j2-quickstart.xml").toAbsolutePath());
    cmd.add("-Dquickstart.home=" + HOME);
    cmd.add("-cp");
    cmd.add(ProcessCluster.testClasspath());
    cmd.add(Quickstart.class.getName());
    cmd.addAll(List.of(args));
    Process process = new ProcessBuilder(cmd).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<Thread> drains =
        List.of(drain(process.getInputStream(), out), drain(process.getErrorStream(), err));
    return new Run(process, out, err, drains);
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream into) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  synchronized (into) {
                    into.write(buffer, 0, n);
                  }
                }
              } catch (IOException closed) {
                // The process ended.
              }
            },
            "quickstart-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return new ObjectMapper().readTree(response.body());
  }
}
