package co.igscraper.kafka.connect.simulator;

import java.time.Duration;
import java.util.Random;

/**
 * Seeded fault injection: each request draws the same number of random values, so a run with the
 * same seed and request order replays the same faults.
 */
public final class Faults {
  private static final Faults NONE = builder().build();

  private final double error500;
  private final double error503;
  private final double spurious429;
  private final int retryAfterSeconds;
  private final double dropConnection;
  private final double faultAfterCommit;
  private final Duration latencyMin;
  private final Duration latencyMax;
  private final double slowResultsPage;
  private final Duration slowResultsDelay;
  private final long seed;
  private final Random random;

  private Faults(Builder b) {
    this.error500 = b.error500;
    this.error503 = b.error503;
    this.spurious429 = b.spurious429;
    this.retryAfterSeconds = b.retryAfterSeconds;
    this.dropConnection = b.dropConnection;
    this.faultAfterCommit = b.faultAfterCommit;
    this.latencyMin = b.latencyMin;
    this.latencyMax = b.latencyMax;
    this.slowResultsPage = b.slowResultsPage;
    this.slowResultsDelay = b.slowResultsDelay;
    this.seed = b.seed;
    this.random = new Random(b.seed);
  }

  public static Faults none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What happens to one request; drawn before the request takes effect. */
  record Decision(
      Kind kind, Duration latency, boolean slowResults, boolean dropAfterCommit, int retryAfter) {}

  /** The pre-request fault, if any. */
  enum Kind {
    NONE,
    DROP,
    ERROR_500,
    ERROR_503,
    SPURIOUS_429
  }

  Decision decide() {
    double[] draws = new double[6];
    synchronized (random) {
      for (int i = 0; i < draws.length; i++) {
        draws[i] = random.nextDouble();
      }
    }
    Kind kind = Kind.NONE;
    double d = draws[0];
    // One draw partitioned into bands keeps the probabilities independent of each other's values.
    if (d < dropConnection) {
      kind = Kind.DROP;
    } else if (d < dropConnection + error500) {
      kind = Kind.ERROR_500;
    } else if (d < dropConnection + error500 + error503) {
      kind = Kind.ERROR_503;
    } else if (d < dropConnection + error500 + error503 + spurious429) {
      kind = Kind.SPURIOUS_429;
    }
    long spanNanos = latencyMax.toNanos() - latencyMin.toNanos();
    Duration latency = latencyMin.plusNanos((long) (draws[1] * spanNanos));
    return new Decision(
        kind, latency, draws[2] < slowResultsPage, draws[3] < faultAfterCommit, retryAfterSeconds);
  }

  Duration slowResultsDelay() {
    return slowResultsDelay;
  }

  @Override
  public String toString() {
    return "Faults{error500="
        + error500
        + ", error503="
        + error503
        + ", spurious429="
        + spurious429
        + " (Retry-After "
        + retryAfterSeconds
        + "s), dropConnection="
        + dropConnection
        + ", faultAfterCommit="
        + faultAfterCommit
        + ", latency="
        + latencyMin.toMillis()
        + ".."
        + latencyMax.toMillis()
        + "ms, slowResultsPage="
        + slowResultsPage
        + " ("
        + slowResultsDelay.toMillis()
        + "ms), seed="
        + seed
        + "}";
  }

  /** Builder; every probability defaults to 0. */
  public static final class Builder {
    private double error500;
    private double error503;
    private double spurious429;
    private int retryAfterSeconds = 1;
    private double dropConnection;
    private double faultAfterCommit;
    private Duration latencyMin = Duration.ZERO;
    private Duration latencyMax = Duration.ZERO;
    private double slowResultsPage;
    private Duration slowResultsDelay = Duration.ZERO;
    private long seed = 1L;

    private Builder() {}

    public Builder error500(double p) {
      this.error500 = probability(p);
      return this;
    }

    public Builder error503(double p) {
      this.error503 = probability(p);
      return this;
    }

    public Builder spurious429(double p, int retryAfterSeconds) {
      if (retryAfterSeconds < 0) {
        throw new IllegalArgumentException("retryAfterSeconds must be >= 0");
      }
      this.spurious429 = probability(p);
      this.retryAfterSeconds = retryAfterSeconds;
      return this;
    }

    public Builder dropConnection(double p) {
      this.dropConnection = probability(p);
      return this;
    }

    /** A {@code POST /jobs} that creates its job and then loses the response. */
    public Builder faultAfterCommit(double p) {
      this.faultAfterCommit = probability(p);
      return this;
    }

    public Builder latency(Duration min, Duration max) {
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("latency needs 0 <= min <= max");
      }
      this.latencyMin = min;
      this.latencyMax = max;
      return this;
    }

    public Builder slowResultsPage(double p, Duration delay) {
      this.slowResultsPage = probability(p);
      this.slowResultsDelay = delay;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Faults build() {
      if (dropConnection + error500 + error503 + spurious429 > 1.0 + 1e-9) {
        throw new IllegalArgumentException(
            "dropConnection + error500 + error503 + spurious429 must not exceed 1");
      }
      return new Faults(this);
    }

    private static double probability(double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability must be in [0, 1]: " + p);
      }
      return p;
    }
  }
}
