package co.igscraper.kafka.connect.bench;

import co.igscraper.kafka.connect.it.ConnectFixture;
import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import co.igscraper.kafka.connect.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A skewed load (one large spec, many small ones) at the public limits, on 2 and 4 tasks, one
 * worker and two: how close the run comes to the fastest the limits allow, with the task count
 * sized by the limits (the default) and with {@code tasks.max} tasks whose shares are pooled among
 * the tasks of each worker.
 */
final class BudgetBenchmark {
  /** Where figures go: what, value, ratio, target. */
  interface Figures {
    void figure(String what, String value, String ratio, String target);
  }

  private static final int LARGE_PAGES = 60;
  private static final int SMALL_SPECS = 8;
  private static final int PAGE = 200;

  private final Figures figures;

  BudgetBenchmark(Figures figures) {
    this.figures = figures;
  }

  void run() {
    for (int workers : new int[] {1, 2}) {
      for (int tasks : new int[] {2, 4}) {
        measure(workers, tasks, true);
        measure(workers, tasks, false);
      }
    }
  }

  private void measure(int workers, int tasksMax, boolean sizedByLimits) {
    String key = "budget-" + UUID.randomUUID();
    int rows = LARGE_PAGES * PAGE + SMALL_SPECS * PAGE;
    try (IgScraperSimulator sim =
            IgScraperSimulator.start(
                SimulatorConfig.builder()
                    .apiKeys(key)
                    .queuedFor(Duration.ofMillis(200))
                    .processingFor(Duration.ofSeconds(1))
                    .build());
        ConnectFixture connect =
            ConnectFixture.start("budget-" + workers + "-" + tasksMax, workers, false)) {
      StringBuilder specs = new StringBuilder("[");
      specs.append(spec("large", "budget-large", LARGE_PAGES * PAGE / 4, 4));
      for (int i = 0; i < SMALL_SPECS; i++) {
        specs.append(',').append(spec("small-" + i, "budget-small-" + i, PAGE, 1));
      }
      specs.append(']');
      Map<String, String> props =
          ConnectFixture.connectorProps(sim.baseUrl(), key, specs.toString());
      props.put("topic", "budget.rows");
      props.put("tasks.max", Integer.toString(tasksMax));
      props.put("igscraper.page.size", Integer.toString(PAGE));
      props.put("igscraper.poll.interval.min.ms", "1000");
      props.put("igscraper.poll.interval.max.ms", "2000");
      if (!sizedByLimits) {
        // One request a minute per task "needed": tasks.max tasks, their shares pooled per worker.
        props.put("igscraper.task.capacity.requests.per.minute", "1");
      }
      long start = System.nanoTime();
      connect.deploy("budget", props);
      int got = connect.awaitRecords("budget.rows", rows, Duration.ofMinutes(15)).size();
      double secs = (System.nanoTime() - start) / 1e9;
      long requests = sim.stats().totalRequests();
      // At most 60 in any 61 s (the client's window has a 1 s margin): the first 60 at once.
      double ideal = Math.floor((requests - 1) / 60.0) * 61;
      String mode =
          sizedByLimits ? "tasks sized by the limits" : "tasks.max tasks, shares pooled per worker";
      figures.figure(
          "Budget: 1 large + "
              + SMALL_SPECS
              + " small specs at 60 req/min, tasks.max="
              + tasksMax
              + ", "
              + workers
              + " worker(s), "
              + mode,
          String.format(
              "%.0f s for %d rows, %d requests, %d 429s, busiest minute %d",
              secs,
              got,
              requests,
              sim.stats().tooManyRequestsSent(),
              sim.stats().busiestWindow(Duration.ofMinutes(1))),
          String.format("%.2f of the ceiling (%.0f s)", ideal / secs, ideal),
          "close to 1.00, zero 429s");
      connect.cluster().deleteConnector("budget");
    }
  }

  private static String spec(String name, String user, int perUsername, int usernames) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < usernames; i++) {
      names
          .append(i == 0 ? "" : ",")
          .append("\"src")
          .append(name.replace('-', '_'))
          .append(i)
          .append('"');
    }
    return "{\"name\":\""
        + name
        + "\",\"external_user_id\":\""
        + user
        + "\",\"tool_type\":\"followers\",\"params\":{\"usernames\":["
        + names
        + "],\"max_followers\":"
        + perUsername
        + "}}";
  }
}
