package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.DocumentedValues.statuses;

import java.math.BigInteger;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Job ids and statuses sent in undocumented forms that still name one job and one state. */
final class ToleratedIdsAndStatuses {
  private ToleratedIdsAndStatuses() {}

  /** A job status as sent and the state it names. */
  record StatusSpelling(String wire, JobStatus expected) {}

  /** Whole numbers sent as the job id: longs and integers of up to 300 digits. */
  static Arbitrary<BigInteger> integralIds() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(BigInteger::valueOf),
        Combinators.combine(
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(300),
                Arbitraries.of("", "-"))
            .as((digits, sign) -> new BigInteger(sign + "1" + digits)));
  }

  /** Documented statuses in other cases, padded, the common aliases, and unknown words. */
  static Arbitrary<StatusSpelling> statusSpellings() {
    Arbitrary<StatusSpelling> documented =
        Combinators.combine(statuses(), Arbitraries.longs(), Arbitraries.of("", " ", "\t", "  "))
            .as(
                (status, seed, pad) -> {
                  Random random = new Random(seed);
                  StringBuilder cased = new StringBuilder();
                  for (char c : status.name().toCharArray()) {
                    cased.append(random.nextBoolean() ? c : Character.toLowerCase(c));
                  }
                  return new StatusSpelling(pad + cased + pad, status);
                });
    Arbitrary<StatusSpelling> aliases =
        Arbitraries.of(
            new StatusSpelling("CANCELED", JobStatus.CANCELLED),
            new StatusSpelling("in-progress", JobStatus.PROCESSING),
            new StatusSpelling("In Progress", JobStatus.PROCESSING),
            new StatusSpelling("IN_PROGRESS", JobStatus.PROCESSING));
    Arbitrary<StatusSpelling> unknown =
        Arbitraries.strings()
            .alpha()
            .numeric()
            .withChars('-', '_', ' ')
            .ofMaxLength(20)
            .map(s -> new StatusSpelling("X-" + s, JobStatus.UNKNOWN));
    return Arbitraries.frequencyOf(
        Tuple.of(4, documented), Tuple.of(1, aliases), Tuple.of(3, unknown));
  }
}
