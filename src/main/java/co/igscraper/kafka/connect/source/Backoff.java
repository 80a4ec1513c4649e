package co.igscraper.kafka.connect.source;

import java.time.Duration;
import java.util.Optional;

/**
 * When a spec whose call failed transiently tries again: exponential from the minimum, at least the
 * server's {@code Retry-After}, at most 5 minutes and never past the give-up bound. Pure.
 */
final class Backoff {
  static final Duration MAX = Duration.ofMinutes(5);

  private Backoff() {}

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
    // A huge Retry-After must not park the spec past its give-up bound without a word: wake up in
    // time to fail the task with the reason.
    Duration untilGiveUp = giveUpAfter.minus(failingFor).plusMillis(1);
    return backoff.compareTo(untilGiveUp) > 0 ? untilGiveUp : backoff;
  }
}
