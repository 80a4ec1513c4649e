package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One job driven over HTTP on a fresh manual clock, so that runs in two dialects see the same job
 * ids, rows and timestamps and can be compared response by response.
 */
final class DialectScenario {
  static final int ROWS = 120;
  static final int LIMIT = 50;
  // Part way through processing, at an instant with milliseconds, so truncation would show.
  private static final Duration PROCESSING_AT = SimulatorFixture.QUEUED.plusMillis(55);

  private DialectScenario() {}

  /** Every response of one run, in the order they were asked for. */
  record Run(
      TestHttp.Res submit,
      TestHttp.Res queued,
      TestHttp.Res processing,
      TestHttp.Res completed,
      List<TestHttp.Res> pages,
      TestHttp.Res preflight,
      TestHttp.Res notFound) {
    List<TestHttp.Res> all() {
      List<TestHttp.Res> all = new ArrayList<>(List.of(submit, queued, processing, completed));
      all.addAll(pages);
      all.add(preflight);
      all.add(notFound);
      return all;
    }

    /** Responses about the job (not the 404), each of which names it. */
    List<TestHttp.Res> jobResponses() {
      List<TestHttp.Res> all = all();
      all.remove(notFound);
      return all;
    }

    List<JsonNode> pageBodies() {
      return pages.stream().map(TestHttp.Res::json).toList();
    }
  }

  static Run run(String dialects) {
    return run(b -> dialects == null ? b : b.dialect(dialects));
  }

  /**
   * A followers job with profile enrichment: submit, polls while QUEUED, PROCESSING and COMPLETED,
   * the three results pages, an enrichment preflight and an unknown job's 404.
   */
  static Run run(UnaryOperator<SimulatorConfig.Builder> config) {
    ManualClock clock = new ManualClock();
    try (IgScraperSimulator sim =
        IgScraperSimulator.start(config.apply(SimulatorFixture.config(clock)).build())) {
      TestHttp http = new TestHttp(sim);
      TestHttp.Res submit =
          http.post(
              "/jobs",
              TestHttp.body(
                  "dialect-user",
                  "followers",
                  "{\"usernames\": [\"nasa\"], \"max_followers\": "
                      + ROWS
                      + ", \"enrich_profiles\": true}"));
      String id = submit.json().get("job_id").asText();
      TestHttp.Res queued = http.get("/jobs/" + id);
      clock.advance(PROCESSING_AT);
      TestHttp.Res processing = http.get("/jobs/" + id);
      clock.advance(SimulatorFixture.LATER);
      TestHttp.Res completed = http.get("/jobs/" + id);
      List<TestHttp.Res> pages = new ArrayList<>();
      for (int page = 1; page <= (ROWS + LIMIT - 1) / LIMIT; page++) {
        pages.add(http.get("/jobs/" + id + "/results?page=" + page + "&limit=" + LIMIT));
      }
      TestHttp.Res preflight = http.get("/jobs/" + id + "/enrich?enrich_country_date=true");
      TestHttp.Res notFound = http.get("/jobs/no-such-job");
      return new Run(submit, queued, processing, completed, pages, preflight, notFound);
    }
  }

  /** The names of an object's fields, in wire order. */
  static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }

  /** Every scalar outside the rows, by JSON-pointer path. */
  static Map<String, JsonNode> scalarsOutsideRows(JsonNode root) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    collect("", root, out);
    return out;
  }

  private static void collect(String path, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!(e.getKey().equals("data") && e.getValue().isArray())) {
          collect(path + "/" + e.getKey(), e.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(path + "/" + i, node.get(i), out);
      }
    } else {
      out.put(path, node);
    }
  }
}
