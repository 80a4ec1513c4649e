package co.igscraper.kafka.connect.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Rate limiters shared by every client of one account in this JVM, at the account's full limits,
 * plus the per-external-user submit limiters.
 */
final class RateLimiterRegistry {
  static final RateLimiterRegistry SHARED = new RateLimiterRegistry();

  /**
   * Added to every window: the server counts a request when it arrives, not when it was granted
   * here, so a grant exactly one window after the N-th previous one can still land inside the
   * server's window when the earlier request travelled slower; the margin absorbs that jitter.
   */
  static final Duration WINDOW_MARGIN = Duration.ofSeconds(1);

  private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, SharePool> pools = new ConcurrentHashMap<>();

  /**
   * Returns the account's limiters, keyed by base URL and a hash of the key (the key itself is not
   * kept). Clients with the same limits share them; a client with other limits (a config change,
   * whose tasks restart with it) replaces them, so the change takes effect without a worker
   * restart. The new limiters start with an empty log; the API's {@code Retry-After} covers the
   * first window.
   */
  Account account(String baseUrl, String apiKey, RateLimits limits) {
    return accounts.compute(
        baseUrl + "#" + sha256(apiKey),
        (ignored, current) ->
            current != null && current.limits.equals(limits) ? current : new Account(limits));
  }

  /**
   * The share pool of {@code member}'s connector for this account, its member count and limits (a
   * config change that alters either makes a new pool, as the tasks restart with it).
   */
  SharePool pool(String baseUrl, String apiKey, SharePool.Member member, RateLimits limits) {
    String key =
        baseUrl
            + "#"
            + sha256(apiKey)
            + "#"
            + member.pool()
            + "#"
            + member.members()
            + "#"
            + limits;
    return pools.computeIfAbsent(key, k -> new SharePool(limits, member.members()));
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }

  /** The limiters of one account. */
  static final class Account {
    final SlidingWindowLimiter requestsPerMinute;
    final SlidingWindowLimiter requestsPerHour;
    final SlidingWindowLimiter submitsPerHour;
    private final RateLimits limits;
    // Grows with the number of distinct external user ids, which a connector keeps small.
    private final ConcurrentMap<String, List<SlidingWindowLimiter>> perUser =
        new ConcurrentHashMap<>();

    Account(RateLimits limits) {
      this.limits = limits;
      this.requestsPerMinute = perMinute(limits.requestsPerMinute());
      this.requestsPerHour = perHour(limits.requestsPerHour());
      this.submitsPerHour = perHour(limits.submitsPerHour());
    }

    /** The per-minute and per-hour submit limiters of one external user id. */
    List<SlidingWindowLimiter> user(String externalUserId) {
      return perUser.computeIfAbsent(
          externalUserId,
          ignored ->
              List.of(
                  perMinute(limits.submitsPerUserPerMinute()),
                  perHour(limits.submitsPerUserPerHour())));
    }
  }

  static SlidingWindowLimiter perMinute(int permits) {
    return new SlidingWindowLimiter(permits, Duration.ofMinutes(1).plus(WINDOW_MARGIN));
  }

  static SlidingWindowLimiter perHour(int permits) {
    return new SlidingWindowLimiter(permits, Duration.ofHours(1).plus(WINDOW_MARGIN));
  }
}
