package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.CertainDeviations.deviatesCertainly;
import static co.igscraper.kafka.connect.client.JsonWire.write;
import static co.igscraper.kafka.connect.client.TolerantReaderAssertions.assertReadAndProgressKept;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.CertainDeviations.Deviated;
import co.igscraper.kafka.connect.client.InformationalMutations.Mutated;
import co.igscraper.kafka.connect.client.JsonWire.Wire;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

/** Properties of bent informational fields: the response is still read, and the bend is counted. */
@AddLifecycleHook(QuietContractDriftWarnings.class)
class InformationalFieldPropertiesTest {

  @Property(tries = 1000)
  void mutatingInformationalFieldsNeverFailsAndKeepsProgressFields(
      @ForAll("mutatedResponses") Mutated mutated,
      @ForAll @IntRange(min = 1, max = 10_000) int requestedPage,
      @ForAll @IntRange(min = 1, max = 200) int requestedLimit) {
    ValidResponse valid = mutated.valid();
    ObjectNode body = mutated.body();
    boolean certain = deviatesCertainly(valid.endpoint(), body);
    Statistics.label("endpoint").collect(valid.endpoint());
    Statistics.label("certain deviation").collect(certain);

    ContractDrift drift =
        assertReadAndProgressKept(
            valid, write(body, mutated.wire()), requestedPage, requestedLimit);

    if (certain) {
      assertTrue(drift.total() > 0, "a certain deviation was not counted");
    }
    Statistics.label("endpoint")
        .coverage(
            coverage -> {
              for (DocumentedEndpoint endpoint : DocumentedEndpoint.values()) {
                coverage.check(endpoint).percentage(p -> p > 5);
              }
            });
    Statistics.label("certain deviation")
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 30));
  }

  @Property(tries = 500)
  void unknownFieldsAndObjectsInDocumentedScalarsAreCountedWhereTheyAppear(
      @ForAll("certainDeviations") Deviated deviated) {
    assertCountedWhereItAppears(deviated);
  }

  @Property(tries = 300)
  void containersAroundNothingInDocumentedNumbersFlagsAndTimesAreCounted(
      @ForAll("wrappersAroundNothing") Deviated deviated) {
    assertCountedWhereItAppears(deviated);
  }

  // BigDecimal's precision minus scale overflows an int for these exponents.
  @Property(tries = 300)
  void exponentsNearTheIntLimitInInformationalFieldsNeverFail(
      @ForAll("exponentsNearTheIntLimit") Mutated mutated) {
    assertReadAndProgressKept(mutated.valid(), write(mutated.body(), mutated.wire()), 1, 50);
  }

  // Jackson throws NumberFormatException, not a JsonProcessingException, for these tokens.
  @Property(tries = 300)
  void numberTokensWithExponentsBeyondTheIntRangeNeverFailTheResponse(
      @ForAll("exponentsBeyondTheIntRange") Mutated mutated) {
    assertReadAndProgressKept(mutated.valid(), write(mutated.body(), mutated.wire()), 1, 50);
  }

  private static void assertCountedWhereItAppears(Deviated deviated) {
    ValidResponse valid = deviated.valid();
    ObjectNode body = valid.copy();
    deviated.mutation().applyTo(body);

    ContractDrift drift = assertReadAndProgressKept(valid, write(body, Wire.COMPACT), 1, 50);

    ContractDrift.Key key = new ContractDrift.Key(valid.endpoint().metric(), deviated.field());
    assertTrue(drift.count(key) > 0, () -> key + " not counted; counted: " + drift.counts());
  }

  @Provide
  Arbitrary<Mutated> mutatedResponses() {
    return InformationalMutations.mutatedResponses();
  }

  @Provide
  Arbitrary<Deviated> certainDeviations() {
    return CertainDeviations.certainDeviations();
  }

  @Provide
  Arbitrary<Deviated> wrappersAroundNothing() {
    return CertainDeviations.wrappersAroundNothing();
  }

  @Provide
  Arbitrary<Mutated> exponentsNearTheIntLimit() {
    return InformationalMutations.withPayloadSomewhere(OddNumbers.exponentsNearTheIntLimit());
  }

  @Provide
  Arbitrary<Mutated> exponentsBeyondTheIntRange() {
    return InformationalMutations.withPayloadSomewhere(OddNumbers.exponentsBeyondTheIntRange());
  }
}
