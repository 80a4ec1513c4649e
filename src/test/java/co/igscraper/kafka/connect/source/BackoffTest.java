package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner's back-off: exponential, at least Retry-After, at most 5 minutes and the bound. */
class BackoffTest {
  private static final Duration MIN = Duration.ofMillis(100);
  private static final Duration GIVE_UP = Duration.ofMinutes(15);
  private static final Optional<Duration> NO_RETRY_AFTER = Optional.empty();

  private static Duration next(int failures) {
    return Backoff.next(MIN, failures, NO_RETRY_AFTER, Duration.ZERO, GIVE_UP);
  }

  @Test
  void doublesWithEveryConsecutiveFailure() {
    assertEquals(Duration.ofMillis(1_600), next(1));
    for (int n = 1; n < 8; n++) {
      assertEquals(next(n).multipliedBy(2), next(n + 1), "failure " + (n + 1));
    }
    assertEquals(Duration.ofMillis(204_800), next(8));
  }

  @Test
  void neverWaitsMoreThanFiveMinutes() {
    assertEquals(Duration.ofMinutes(5), Backoff.MAX);
    assertEquals(Backoff.MAX, next(9), "409.6 s capped");
    for (int n : new int[] {10, 13, 16, 40, 63, 64, 1_000, Integer.MAX_VALUE - 3}) {
      assertEquals(Backoff.MAX, next(n), "failure " + n + " neither overflows nor exceeds the cap");
    }
  }

  @Test
  void waitsAtLeastTheServersRetryAfter() {
    Duration retryAfter = Duration.ofSeconds(42);
    assertEquals(retryAfter, Backoff.next(MIN, 1, Optional.of(retryAfter), Duration.ZERO, GIVE_UP));
    // A Retry-After shorter than the back-off does not shorten it.
    assertEquals(
        Duration.ofMillis(204_800),
        Backoff.next(MIN, 8, Optional.of(Duration.ofSeconds(1)), Duration.ZERO, GIVE_UP));
  }

  @Test
  void aRetryAfterBeyondFiveMinutesIsCappedToo() {
    assertEquals(
        Backoff.MAX,
        Backoff.next(MIN, 1, Optional.of(Duration.ofHours(2)), Duration.ZERO, GIVE_UP));
  }

  @Test
  void wakesUpJustPastTheGiveUpBoundToFailWithTheReason() {
    Duration failing = GIVE_UP.minusSeconds(10);
    // 5 minutes (or a long Retry-After) would sleep past the bound: 10 s and 1 ms, no more.
    assertEquals(
        Duration.ofMillis(10_001),
        Backoff.next(MIN, 20, Optional.of(Duration.ofHours(1)), failing, GIVE_UP));
    assertEquals(Duration.ofMillis(1), Backoff.next(MIN, 20, NO_RETRY_AFTER, GIVE_UP, GIVE_UP));
  }

  @Test
  void everyDelayIsPositiveAndWithinAllThreeBounds() {
    Duration[] retryAfters = {null, Duration.ZERO, Duration.ofSeconds(3), Duration.ofMinutes(7)};
    for (int failures = 1; failures <= 20; failures++) {
      for (Duration retryAfter : retryAfters) {
        for (long failingS = 0; failingS <= GIVE_UP.toSeconds(); failingS += 7) {
          Duration failing = Duration.ofSeconds(failingS);
          Duration d =
              Backoff.next(MIN, failures, Optional.ofNullable(retryAfter), failing, GIVE_UP);
          String at = failures + " failures, Retry-After " + retryAfter + ", failing " + failing;
          assertTrue(d.compareTo(Duration.ZERO) > 0, at);
          assertTrue(d.compareTo(Backoff.MAX) <= 0, at);
          assertTrue(
              failing.plus(d).compareTo(GIVE_UP.plusMillis(1)) <= 0,
              "never past the give-up bound: " + at);
          Duration floor = retryAfter == null ? MIN : retryAfter;
          Duration untilGiveUp = GIVE_UP.minus(failing).plusMillis(1);
          Duration expectedFloor =
              min(min(floor.compareTo(MIN) > 0 ? floor : MIN, Backoff.MAX), untilGiveUp);
          assertTrue(d.compareTo(expectedFloor) >= 0, "Retry-After honoured: " + at);
        }
      }
    }
  }

  @Test
  void onceStalledItKeepsTryingAtLeastOncePerBoundOrFiveMinutes() {
    Duration past = GIVE_UP.plusMinutes(40);
    // No more clamping to the bound: capped exponential, Retry-After honoured up to the cap.
    assertEquals(
        Backoff.MAX, Backoff.next(MIN, 20, Optional.of(Duration.ofHours(1)), past, GIVE_UP));
    assertEquals(
        Duration.ofSeconds(90),
        Backoff.next(MIN, 1, Optional.of(Duration.ofSeconds(90)), past, GIVE_UP));
    Duration shortBound = Duration.ofSeconds(3);
    assertEquals(
        shortBound, Backoff.next(MIN, 20, NO_RETRY_AFTER, Duration.ofSeconds(4), shortBound));
    assertEquals(Backoff.MAX, Backoff.stalledCap(GIVE_UP));
    assertEquals(shortBound, Backoff.stalledCap(shortBound));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
