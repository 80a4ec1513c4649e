package co.igscraper.kafka.connect.simulator;

/**
 * Per-key and per-end-user limits, each enforced as a sliding window; {@code enabled=false} turns
 * them all off.
 */
public record RateLimits(
    int requestsPerMinute,
    int requestsPerHour,
    int submitsPerHour,
    int submitsPerUserPerMinute,
    int submitsPerUserPerHour,
    boolean enabled) {

  /** The documented default public limits. */
  public static final RateLimits PUBLIC_DEFAULTS = new RateLimits(60, 1000, 120, 5, 12, true);

  public static final RateLimits DISABLED = new RateLimits(0, 0, 0, 0, 0, false);
}
