package co.igscraper.kafka.connect.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** Runs the simulator from the command line until the process is killed. */
public final class SimulatorMain {
  static final int DEFAULT_PORT = 8089;

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    SimulatorConfig config;
    try {
      config = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    if (config == null) {
      usage(System.out);
      return;
    }
    IgScraperSimulator simulator = IgScraperSimulator.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
    System.out.println("igscraper simulator listening at " + simulator.baseUrl());
    System.out.println(config);
    System.out.flush();
    new CountDownLatch(1).await();
  }

  /** Parses command-line flags; returns null when {@code --help} was asked for. */
  static SimulatorConfig parse(String[] args) {
    SimulatorConfig defaults = SimulatorConfig.defaults();
    SimulatorConfig.Builder b = SimulatorConfig.builder().port(DEFAULT_PORT);
    Faults.Builder f = Faults.builder();
    List<String> keys = new ArrayList<>();
    RateLimits rl = defaults.rateLimits();
    int[] limits = {
      rl.requestsPerMinute(),
      rl.requestsPerHour(),
      rl.submitsPerHour(),
      rl.submitsPerUserPerMinute(),
      rl.submitsPerUserPerHour()
    };
    boolean limitsOff = false;
    double p429 = 0;
    int retryAfter = 1;
    Duration latencyMin = Duration.ZERO;
    Duration latencyMax = Duration.ZERO;
    double slowP = 0;
    Duration slowDelay = Duration.ofSeconds(2);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        return null;
      }
      if (flag.equals("--no-rate-limits")) {
        limitsOff = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String v = args[++i];
      switch (flag) {
        case "--port" -> b.port(Integer.parseInt(v));
        case "--api-key" -> keys.add(v);
        case "--initial-credits" -> b.initialCredits(Long.parseLong(v));
        case "--queued-for" -> b.queuedFor(duration(v));
        case "--processing-for" -> b.processingFor(duration(v));
        case "--enrichment-for" -> b.enrichmentFor(duration(v));
        case "--requests-per-minute" -> limits[0] = Integer.parseInt(v);
        case "--requests-per-hour" -> limits[1] = Integer.parseInt(v);
        case "--submits-per-hour" -> limits[2] = Integer.parseInt(v);
        case "--submits-per-user-per-minute" -> limits[3] = Integer.parseInt(v);
        case "--submits-per-user-per-hour" -> limits[4] = Integer.parseInt(v);
        case "--source-size" -> b.sourceSize(Integer.parseInt(v));
        case "--max-results-limit" -> b.maxResultsLimit(Integer.parseInt(v));
        case "--seed" -> b.seed(Long.parseLong(v));
        case "--error-500" -> f.error500(Double.parseDouble(v));
        case "--error-503" -> f.error503(Double.parseDouble(v));
        case "--spurious-429" -> p429 = Double.parseDouble(v);
        case "--retry-after" -> retryAfter = Integer.parseInt(v);
        case "--drop-connection" -> f.dropConnection(Double.parseDouble(v));
        case "--fault-after-commit" -> f.faultAfterCommit(Double.parseDouble(v));
        case "--latency-min" -> latencyMin = duration(v);
        case "--latency-max" -> latencyMax = duration(v);
        case "--slow-results-page" -> slowP = Double.parseDouble(v);
        case "--slow-results-delay" -> slowDelay = duration(v);
        case "--fault-seed" -> f.seed(Long.parseLong(v));
        case "--dialect" -> b.dialect(dialects(v));
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    if (!keys.isEmpty()) {
      b.apiKeys(keys.toArray(String[]::new));
    }
    if (limitsOff) {
      b.rateLimitsDisabled();
    } else {
      b.rateLimits(limits[0], limits[1], limits[2], limits[3], limits[4]);
    }
    f.spurious429(p429, retryAfter);
    f.latency(latencyMin, latencyMax.compareTo(latencyMin) < 0 ? latencyMin : latencyMax);
    f.slowResultsPage(slowP, slowDelay);
    return b.faults(f.build()).build();
  }

  private static Dialect[] dialects(String names) {
    try {
      return Dialect.parse(names).toArray(Dialect[]::new);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--dialect: " + e.getMessage(), e);
    }
  }

  /** Accepts {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT2S}). */
  static Duration duration(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("pt")) {
        return Duration.parse(v.trim());
      } else if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      } else if (s.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
      } else if (s.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
      } else if (s.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
      }
      return Duration.ofMillis(Long.parseLong(s));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a duration: " + v);
    }
  }

  static void usage(PrintStream out) {
    SimulatorConfig d = SimulatorConfig.defaults();
    RateLimits rl = d.rateLimits();
    out.println(
        String.join(
            "\n",
            "Usage: java -jar igscraper-simulator.jar [flags]",
            "  --port N                         listen port on 127.0.0.1 (default "
                + DEFAULT_PORT
                + "; 0 = any free port)",
            "  --api-key KEY                    accepted API key, repeatable; each is its own project (default test-key)",
            "  --initial-credits N              credits per key (default "
                + d.initialCredits()
                + ")",
            "  --queued-for D                   time a job stays QUEUED (default "
                + ms(d.queuedFor())
                + ")",
            "  --processing-for D               time a job stays PROCESSING (default "
                + ms(d.processingFor())
                + ")",
            "  --enrichment-for D               time an add-on upgrade processes (default "
                + ms(d.enrichmentFor())
                + ")",
            "  --requests-per-minute N          per key (default " + rl.requestsPerMinute() + ")",
            "  --requests-per-hour N            per key (default " + rl.requestsPerHour() + ")",
            "  --submits-per-hour N             job submissions per key (default "
                + rl.submitsPerHour()
                + ")",
            "  --submits-per-user-per-minute N  per key and external_user_id (default "
                + rl.submitsPerUserPerMinute()
                + ")",
            "  --submits-per-user-per-hour N    per key and external_user_id (default "
                + rl.submitsPerUserPerHour()
                + ")",
            "  --no-rate-limits                 disable all rate limits",
            "  --source-size N                  accounts each source starts with (default "
                + d.sourceSize()
                + ")",
            "  --max-results-limit N            maximum of max_followers etc. (default "
                + d.maxResultsLimit()
                + ")",
            "  --seed N                         row and job-id seed (default " + d.seed() + ")",
            "  --error-500 P                    probability of an injected 500 (default 0)",
            "  --error-503 P                    probability of an injected 503 (default 0)",
            "  --spurious-429 P                 probability of an injected 429 (default 0)",
            "  --retry-after S                  Retry-After seconds of injected 429s (default 1)",
            "  --drop-connection P              probability of closing the connection unanswered (default 0)",
            "  --fault-after-commit P           probability a created job's response is dropped (default 0)",
            "  --latency-min D                  added latency, lower bound (default 0ms)",
            "  --latency-max D                  added latency, upper bound (default 0ms)",
            "  --slow-results-page P            probability a results page is delayed (default 0)",
            "  --slow-results-delay D           delay of a slow results page (default 2000ms)",
            "  --fault-seed N                   fault randomness seed (default 1)",
            "  --dialect NAME[,NAME...]         response dialects, combined (default standard):",
            dialectList(),
            "  --help                           this text",
            "Durations: 250ms, 2s, 5m, 1h or ISO-8601 (PT2S)."));
  }

  private static String dialectList() {
    StringBuilder lines = new StringBuilder();
    for (Dialect d : Dialect.values()) {
      lines.append(lines.length() == 0 ? "" : "\n");
      lines.append(String.format(Locale.ROOT, "      %-27s%s", d.wireName(), d.description()));
    }
    return lines.toString();
  }

  private static String ms(Duration d) {
    return d.toMillis() + "ms";
  }
}
