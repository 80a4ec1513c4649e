package co.igscraper.kafka.connect.client;

/** The igscraper rate limits of one account, as requests or submits per sliding window. */
public record RateLimits(
    int requestsPerMinute,
    int requestsPerHour,
    int submitsPerHour,
    int submitsPerUserPerMinute,
    int submitsPerUserPerHour) {

  public RateLimits {
    if (requestsPerMinute < 1
        || requestsPerHour < 1
        || submitsPerHour < 1
        || submitsPerUserPerMinute < 1
        || submitsPerUserPerHour < 1) {
      throw new IllegalArgumentException("every rate limit must be at least 1");
    }
  }

  /** The limits the vendor documents for public accounts. */
  public static RateLimits publicDefaults() {
    return new RateLimits(60, 1000, 120, 5, 12);
  }

  /**
   * Returns the account-wide limits times {@code share} (floored, at least 1); per-user limits stay
   * as they are because each external user id is served by one task.
   */
  public RateLimits scaledBy(double share) {
    if (!(share > 0.0 && share <= 1.0)) {
      throw new IllegalArgumentException("share must be in (0, 1], was " + share);
    }
    return new RateLimits(
        scale(requestsPerMinute, share),
        scale(requestsPerHour, share),
        scale(submitsPerHour, share),
        submitsPerUserPerMinute,
        submitsPerUserPerHour);
  }

  private static int scale(int limit, double share) {
    // The epsilon keeps 60 * (1.0 / 3) at 20 despite binary rounding.
    return Math.max(1, (int) Math.floor(limit * share + 1e-9));
  }
}
