package co.igscraper.kafka.connect.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stateful, deterministic stand-in for the igscraper v1 REST API, served over real HTTP on the
 * loopback interface.
 */
public final class IgScraperSimulator implements AutoCloseable {
  private static final int THREADS = 32;

  static {
    // HttpServer sends response headers and body in separate writes; with Nagle's algorithm on,
    // the client's delayed ACK then adds ~40 ms to every response. Read once by the JDK's
    // ServerConfig, so it must be set before the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final SimulatorStats stats = new SimulatorStats();
  private final SourceCatalog catalog;
  private final JobStore store;
  private final AtomicReference<Faults> faults;

  private IgScraperSimulator(SimulatorConfig config) throws IOException {
    this.catalog = new SourceCatalog(config.sourceSize());
    this.store = new JobStore(config, catalog, stats);
    stats.beforeJobRead(store::advanceToClock);
    this.faults = new AtomicReference<>(config.faults());
    RateLimiter limiter = new RateLimiter();
    ApiRouter router =
        new ApiRouter(
            config.clock(),
            store,
            stats,
            limiter,
            config.rateLimits(),
            faults,
            new SubmitHandler(
                store,
                new RequestValidator(config.maxResultsLimit()),
                limiter,
                config.rateLimits()),
            new JobStatusHandler(store),
            new ResultsHandler(store, new RowGenerator(config.seed()), stats),
            new EnrichHandler(
                new EnrichmentEngine(store, config.queuedFor(), config.enrichmentFor())),
            new ResponseWriter(config.dialects(), config.clock(), config.seed()));
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 256);
    this.executor = newExecutor();
    server.setExecutor(executor);
    server.createContext("/", router);
    server.start();
  }

  /** Starts a simulator on 127.0.0.1 at {@code config.port()} (0 picks a free port). */
  public static IgScraperSimulator start(SimulatorConfig config) {
    try {
      return new IgScraperSimulator(Objects.requireNonNull(config, "config"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + config.port(), e);
    }
  }

  /** E.g. {@code http://127.0.0.1:8089/api/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + ApiRouter.PREFIX;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public SimulatorStats stats() {
    return stats;
  }

  /** Replaces the fault settings for requests arriving from now on. */
  public void setFaults(Faults faults) {
    this.faults.set(Objects.requireNonNull(faults, "faults"));
  }

  /** New accounts appear at the head (newest first) of {@code source}'s list. */
  public void addFollowers(String source, int count) {
    store.addAccounts(source, count);
  }

  public void setCredits(String apiKey, long credits) {
    store.setCredits(apiKey, credits);
  }

  public long credits(String apiKey) {
    return store.credits(apiKey);
  }

  public void blockExternalUser(String apiKey, String externalUserId) {
    store.block(apiKey, externalUserId);
  }

  /** The next job submitted for {@code externalUserId} (under any key) ends this way. */
  public void setNextOutcome(String externalUserId, Outcome outcome) {
    store.setNextOutcome(externalUserId, Objects.requireNonNull(outcome, "outcome"));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ExecutorService newExecutor() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        THREADS,
        THREADS,
        30,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "igscraper-simulator-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }
}
