package co.igscraper.kafka.connect.quickstart;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first command as a user meets it: a stock worker that loads the plugin archive, rows
 * and job events printed as they arrive, a last line once every job is done, Ctrl-C, and the
 * records printed again from the data the run kept.
 */
class QuickstartIT {
  private static final Path HOME = Path.of("target", "quickstart-it");
  private static final Pattern DONE =
      Pattern.compile("done: 2 jobs COMPLETED, 200/200 rows, (\\d+) events");
  private static final Pattern REST = Pattern.compile("Connect REST +(http://\\S+)");

  @Test
  void showsRowsAndEventsSaysWhenEveryJobIsDoneAndKeepsTheRecords() throws Exception {
    QuickstartOptions options =
        QuickstartOptions.parse(new String[] {"--simulator-port", "0"}, Map.of());
    assertTrue(options.interactive());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    CompletableFuture<Quickstart.Outcome> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Quickstart.run(options, out, HOME);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> DONE.matcher(text(buffer)).find() || run.isDone());
    String live = text(buffer);
    Matcher done = DONE.matcher(live);
    assertTrue(done.find(), live);
    long events = Long.parseLong(done.group(1));

    // The worker is still up: it lists the plugin from plugin.path and nothing from a test jar.
    Matcher rest = REST.matcher(live);
    assertTrue(rest.find(), live);
    List<String> plugins = new ArrayList<>();
    for (JsonNode p : get(rest.group(1) + "/connector-plugins")) {
      plugins.add(p.path("class").asText());
    }
    assertEquals(List.of("co.igscraper.kafka.connect.IgScraperSourceConnector"), plugins, live);

    Quickstart.requestStopOfCurrent(); // what Ctrl-C does
    Quickstart.Outcome outcome = run.get(60, TimeUnit.SECONDS);
    assertEquals(200, outcome.rows());
    assertTrue(outcome.allDone() && !outcome.anyStopped(), live);
    String all = text(buffer);
    assertTrue(all.contains("plugins on the worker   co.igscraper"), all);
    assertTrue(all.contains("row 1 of the first 3: quickstart.followers  partition 0"), all);
    assertTrue(all.contains("key      {\"source\":\"nasa\",\"user_id\":\""), all);
    assertTrue(all.contains("value    {\"source\":\"nasa\",\"type\":\"follower\""), all);
    assertTrue(all.contains("headers  igscraper.job_id="), all);
    for (String type : List.of("SUBMITTED", "COMPLETED")) {
      assertTrue(all.contains("event  nasa-followers       run 1  " + type), type + "\n" + all);
      assertTrue(all.contains("event  natgeo-followers     run 1  " + type), type + "\n" + all);
    }
    assertTrue(all.contains("COMPLETED, 100%, 100 results"), all);
    assertTrue(all.contains("rows 200 (nasa-followers 100, natgeo-followers 100)"), all);
    assertTrue(all.contains("read every record again: ./quickstart.sh --print"), all);
    assertTrue(all.contains("stopped; the records stay readable: ./quickstart.sh --print"), all);
    assertFalse(all.contains("\u001B"), "no ANSI escape codes");
    assertFalse(
        all.lines().anyMatch(l -> l.matches(".*\\b(INFO|WARN|ERROR|DEBUG)\\b.*")),
        "no log lines among the quickstart's own: " + all);
    assertEquals(1, count(all, DONE), "the last line is printed once");

    // After Ctrl-C: --print starts a broker on the kept data and shows the same records.
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    long records;
    try (PrintStream p = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      records = TopicPrinter.print(HOME, List.of(), p);
    }
    String again = printed.toString(StandardCharsets.UTF_8);
    assertEquals(200 + events, records, again);
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
    assertTrue(again.contains("headers  igscraper.job_id="), again);
  }

  @Test
  void exitAfterMoreRowsThanTheJobsDeliverEndsWhenEveryJobIsDone() throws Exception {
    QuickstartOptions options =
        QuickstartOptions.parse(
            new String[] {
              "--exit-after-rows", "1000", "--timeout-seconds", "240", "--simulator-port", "0"
            },
            Map.of());
    assertNull(options.api());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    Quickstart.Outcome outcome;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      outcome = Quickstart.run(options, out, HOME);
    }
    String output = text(buffer);
    assertEquals(200, outcome.rows(), output);
    assertTrue(outcome.allDone(), output);
    assertTrue(DONE.matcher(output).find(), output);
    assertFalse(output.contains("timed out"), output);
  }

  @Test
  void realApiIsUsedOnlyWhenAKeyIsInTheEnvironment() {
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

  private static String text(ByteArrayOutputStream buffer) {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static long count(String text, Pattern pattern) {
    return pattern.matcher(text).results().count();
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
