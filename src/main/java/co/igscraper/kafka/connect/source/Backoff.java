package co.igscraper.kafka.connect.source;

import java.time.Duration;
import java.util.Optional;

/**
 * When a spec whose call failed transiently tries again: exponential from the minimum, at least the
 * server's {@code Retry-After}, at most 5 minutes, and not past the stall bound while it has not
 * been reached (so the stall is reported on time); once stalled, at most the bound. Pure.
 */
final class Backoff {
  static final Duration MAX = Duration.ofMinutes(5);

  private Backoff() {}

  /** The longest wait between two tries of a stalled spec: 5 minutes, or the bound if shorter. */
  static Duration stalledCap(Duration giveUpAfter) {
    return giveUpAfter.compareTo(MAX) < 0 ? giveUpAfter : MAX;
  }

  static Duration next(
      Duration min,
      int consecutiveFailures,
      Optional<Duration> retryAfter,
      Duration failingFor,
      Duration giveUpAfter) {
    Duration backoff = min.multipliedBy(1L << Math.min(consecutiveFailures + 3, 16));
    if (retryAfter.isPresent() && retryAfter.get().compareTo(backoff) > 0) {
      backoff = retryAfter.get();
    }
    if (backoff.compareTo(MAX) > 0) {
      backoff = MAX;
    }
    if (failingFor.compareTo(giveUpAfter) > 0) {
      // Stalled already: tried at least once per bound, so a healed API is noticed in time.
      Duration cap = stalledCap(giveUpAfter);
      return backoff.compareTo(cap) > 0 ? cap : backoff;
    }
    // A huge Retry-After must not park the spec past its stall bound without a word: wake up in
    // time to report the stall (or fail the task) with the reason.
    Duration untilGiveUp = giveUpAfter.minus(failingFor).plusMillis(1);
    return backoff.compareTo(untilGiveUp) > 0 ? untilGiveUp : backoff;
  }
}
