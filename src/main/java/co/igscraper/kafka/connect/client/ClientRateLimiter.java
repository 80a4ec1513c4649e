package co.igscraper.kafka.connect.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The limiters one client's requests count against: its own share of the account limits and the
 * JVM-wide account and per-user limiters.
 */
final class ClientRateLimiter {
  private final RateLimiterRegistry.Account account;
  private final List<SlidingWindowLimiter> request;
  private final SlidingWindowLimiter ownSubmitsPerHour;

  ClientRateLimiter(RateLimits share, RateLimiterRegistry.Account account) {
    this.account = account;
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
    return request;
  }

  /** Limiters of {@code POST /jobs} for one external user id: request, submit and per-user. */
  List<SlidingWindowLimiter> forSubmit(String externalUserId) {
    List<SlidingWindowLimiter> all = new ArrayList<>(request);
    all.add(ownSubmitsPerHour);
    all.add(account.submitsPerHour);
    all.addAll(account.user(externalUserId));
    return all;
  }
}
