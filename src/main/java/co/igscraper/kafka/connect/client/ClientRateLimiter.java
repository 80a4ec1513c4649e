package co.igscraper.kafka.connect.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The limiters one client's requests count against: its share of the account limits (its own, or
 * pooled with the other tasks of its connector in this JVM) and the JVM-wide account and per-user
 * limiters.
 */
final class ClientRateLimiter {
  private final RateLimiterRegistry.Account account;
  private final List<SlidingWindowLimiter> request;
  private final SlidingWindowLimiter ownSubmitsPerHour;
  private final SharePool pool;

  /** A share pooled in {@code pool}. */
  ClientRateLimiter(SharePool pool, RateLimiterRegistry.Account account) {
    this.account = account;
    this.pool = pool;
    this.request = null;
    this.ownSubmitsPerHour = null;
  }

  /** A fixed share of its own. */
  ClientRateLimiter(RateLimits share, RateLimiterRegistry.Account account) {
    this.account = account;
    this.pool = null;
    this.request =
        List.of(
            RateLimiterRegistry.perMinute(share.requestsPerMinute()),
            RateLimiterRegistry.perHour(share.requestsPerHour()),
            account.requestsPerMinute,
            account.requestsPerHour);
    this.ownSubmitsPerHour = RateLimiterRegistry.perHour(share.submitsPerHour());
  }

  /** Limiters of any request. */
  List<SlidingWindowLimiter> forRequest() {
    if (pool == null) {
      return request;
    }
    List<SlidingWindowLimiter> all = new ArrayList<>(pool.request());
    all.add(account.requestsPerMinute);
    all.add(account.requestsPerHour);
    return all;
  }

  /** Limiters of {@code POST /jobs} for one external user id: request, submit and per-user. */
  List<SlidingWindowLimiter> forSubmit(String externalUserId) {
    List<SlidingWindowLimiter> all = new ArrayList<>(forRequest());
    all.add(pool == null ? ownSubmitsPerHour : pool.submits());
    all.add(account.submitsPerHour);
    all.addAll(account.user(externalUserId));
    return all;
  }
}
