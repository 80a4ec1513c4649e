package co.igscraper.kafka.connect.quickstart;

import co.igscraper.kafka.connect.config.IgScraperSourceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The quickstart's command line and environment. {@code print} reads the last run's records instead
 * of starting one; {@code api} is the real API when {@code IGSCRAPER_API_KEY} is set.
 */
record QuickstartOptions(
    long exitAfterRows,
    Duration timeout,
    int simulatorPort,
    Path config,
    Api api,
    boolean print,
    List<String> printTopics) {
  static final int SIMULATOR_PORT = 8089;
  static final Path DEFAULT_CONFIG = Path.of("config", "quickstart-followers.json");

  /** The real API's URL and key. */
  record Api(String url, String key) {}

  /** The options, or null for {@code --help}; unknown flags and missing values throw. */
  static QuickstartOptions parse(String[] args, Map<String, String> env) {
    long exitAfter = Long.parseLong(env.getOrDefault("QUICKSTART_EXIT_AFTER_ROWS", "0"));
    long timeoutSeconds = 300;
    int port = SIMULATOR_PORT;
    Path config = DEFAULT_CONFIG;
    boolean print = false;
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        return null;
      }
      if (flag.equals("--print")) {
        print = true;
        continue;
      }
      if (print && !flag.startsWith("--")) {
        topics.add(flag);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--exit-after-rows" -> exitAfter = Long.parseLong(value);
        case "--timeout-seconds" -> timeoutSeconds = Long.parseLong(value);
        case "--simulator-port" -> port = Integer.parseInt(value);
        case "--config" -> config = Path.of(value);
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    String key = env.getOrDefault("IGSCRAPER_API_KEY", "").trim();
    Api api =
        key.isEmpty()
            ? null
            : new Api(
                env.getOrDefault("IGSCRAPER_API_URL", IgScraperSourceConfig.API_URL_DEFAULT), key);
    return new QuickstartOptions(
        exitAfter, Duration.ofSeconds(timeoutSeconds), port, config, api, print, topics);
  }

  /** Runs until Ctrl-C, rather than until N rows or the end of every job. */
  boolean interactive() {
    return exitAfterRows <= 0;
  }

  static String usage() {
    return String.join(
        "\n",
        "Usage: ./quickstart.sh [--exit-after-rows N] [--timeout-seconds S] [--simulator-port P]"
            + " [--config FILE]",
        "       ./quickstart.sh --print [TOPIC ...]",
        "  Runs the igscraper simulator, a Kafka broker and a Connect worker (each its own",
        "  process), installs the plugin archive on the worker's plugin.path, deploys",
        "  config/quickstart-followers.json through the worker's REST API and shows the records.",
        "  --exit-after-rows N   stop once N rows arrived or every job is done (also",
        "                        QUICKSTART_EXIT_AFTER_ROWS); 0 = run until Ctrl-C",
        "  --timeout-seconds S   with --exit-after-rows: give up after S seconds (default 300)",
        "  --simulator-port P    simulator port (default 8089, any free port if taken)",
        "  --print [TOPIC ...]   print every record of the last run (rows and job events, or the",
        "                        topics named), from its broker if it runs, else from the data",
        "                        it kept in target/quickstart",
        "  IGSCRAPER_API_KEY     set it to use the real API (spends credits) instead of the",
        "                        simulator; IGSCRAPER_API_URL overrides the URL");
  }
}
