package co.igscraper.kafka.connect.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Immutable settings of one simulator instance; build with {@link #builder()}. */
public final class SimulatorConfig {
  private final int port;
  private final List<String> apiKeys;
  private final long initialCredits;
  private final Duration queuedFor;
  private final Duration processingFor;
  private final Duration enrichmentFor;
  private final RateLimits rateLimits;
  private final int sourceSize;
  private final int maxResultsLimit;
  private final long seed;
  private final Faults faults;
  private final Clock clock;
  private final Set<Dialect> dialects;

  private SimulatorConfig(Builder b) {
    this.port = b.port;
    this.apiKeys = List.copyOf(b.apiKeys);
    this.initialCredits = b.initialCredits;
    this.queuedFor = b.queuedFor;
    this.processingFor = b.processingFor;
    this.enrichmentFor = b.enrichmentFor;
    this.rateLimits = b.rateLimits;
    this.sourceSize = b.sourceSize;
    this.maxResultsLimit = b.maxResultsLimit;
    this.seed = b.seed;
    this.faults = b.faults;
    this.clock = b.clock;
    this.dialects = b.dialects;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static SimulatorConfig defaults() {
    return builder().build();
  }

  public int port() {
    return port;
  }

  public List<String> apiKeys() {
    return apiKeys;
  }

  public long initialCredits() {
    return initialCredits;
  }

  public Duration queuedFor() {
    return queuedFor;
  }

  public Duration processingFor() {
    return processingFor;
  }

  public Duration enrichmentFor() {
    return enrichmentFor;
  }

  public RateLimits rateLimits() {
    return rateLimits;
  }

  public int sourceSize() {
    return sourceSize;
  }

  public int maxResultsLimit() {
    return maxResultsLimit;
  }

  public long seed() {
    return seed;
  }

  public Faults faults() {
    return faults;
  }

  public Clock clock() {
    return clock;
  }

  /** The response dialects in effect, {@code all} expanded; {@code [standard]} by default. */
  public Set<Dialect> dialects() {
    return dialects;
  }

  @Override
  public String toString() {
    return "SimulatorConfig{port="
        + port
        + ", apiKeys="
        + apiKeys.size()
        + ", initialCredits="
        + initialCredits
        + ", queuedFor="
        + queuedFor
        + ", processingFor="
        + processingFor
        + ", enrichmentFor="
        + enrichmentFor
        + ", rateLimits="
        + rateLimits
        + ", sourceSize="
        + sourceSize
        + ", maxResultsLimit="
        + maxResultsLimit
        + ", seed="
        + seed
        + ", faults="
        + faults
        + ", dialects="
        + dialects
        + "}";
  }

  /** Builder with the documented public defaults. */
  public static final class Builder {
    private int port = 0;
    private List<String> apiKeys = List.of("test-key");
    private long initialCredits = 1_000_000_000L;
    private Duration queuedFor = Duration.ofMillis(200);
    private Duration processingFor = Duration.ofSeconds(1);
    private Duration enrichmentFor = Duration.ofSeconds(1);
    private RateLimits rateLimits = RateLimits.PUBLIC_DEFAULTS;
    private int sourceSize = 10_000;
    private int maxResultsLimit = 10_000;
    private long seed = 1L;
    private Faults faults = Faults.none();
    private Clock clock = Clock.systemUTC();
    private Set<Dialect> dialects = Dialect.resolve(List.of(Dialect.STANDARD));

    private Builder() {}

    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    public Builder apiKeys(String... keys) {
      if (keys.length == 0) {
        throw new IllegalArgumentException("at least one API key is required");
      }
      this.apiKeys = List.of(keys);
      return this;
    }

    public Builder initialCredits(long credits) {
      this.initialCredits = credits;
      return this;
    }

    public Builder queuedFor(Duration d) {
      this.queuedFor = nonNegative(d, "queuedFor");
      return this;
    }

    public Builder processingFor(Duration d) {
      this.processingFor = nonNegative(d, "processingFor");
      return this;
    }

    public Builder enrichmentFor(Duration d) {
      this.enrichmentFor = nonNegative(d, "enrichmentFor");
      return this;
    }

    public Builder rateLimits(
        int requestsPerMinute,
        int requestsPerHour,
        int submitsPerHour,
        int submitsPerUserPerMinute,
        int submitsPerUserPerHour) {
      this.rateLimits =
          new RateLimits(
              requestsPerMinute,
              requestsPerHour,
              submitsPerHour,
              submitsPerUserPerMinute,
              submitsPerUserPerHour,
              true);
      return this;
    }

    public Builder rateLimitsDisabled() {
      this.rateLimits = RateLimits.DISABLED;
      return this;
    }

    public Builder sourceSize(int size) {
      if (size < 0) {
        throw new IllegalArgumentException("sourceSize must be >= 0");
      }
      this.sourceSize = size;
      return this;
    }

    public Builder maxResultsLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("maxResultsLimit must be >= 1");
      }
      this.maxResultsLimit = limit;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder faults(Faults faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Responses in these dialects, combined; see {@link Dialect#resolve}. */
    public Builder dialect(Dialect... dialects) {
      this.dialects = Dialect.resolve(List.of(dialects));
      return this;
    }

    /** Responses in the dialects of a comma-separated list, e.g. {@code decimal-numbers,gzip}. */
    public Builder dialect(String names) {
      this.dialects = Dialect.parse(Objects.requireNonNull(names, "names"));
      return this;
    }

    public SimulatorConfig build() {
      return new SimulatorConfig(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative");
      }
      return d;
    }
  }
}
