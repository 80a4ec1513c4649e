package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.JsonWire.write;
import static co.igscraper.kafka.connect.client.ParserUnderTest.SECRET;
import static co.igscraper.kafka.connect.client.ParserUnderTest.parse;
import static co.igscraper.kafka.connect.client.TolerantReaderAssertions.assertProgressKept;
import static org.junit.jupiter.api.Assertions.assertEquals;

import co.igscraper.kafka.connect.client.JsonWire.Wire;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** Properties of documented responses: each is read exactly as meant and counts no drift. */
@AddLifecycleHook(QuietContractDriftWarnings.class)
class ValidResponsePropertiesTest {

  @Property(tries = 500)
  void validResponsesAreReadExactlyWithoutDrift(@ForAll("validResponses") ValidResponse valid) {
    ContractDrift drift = new ContractDrift(SECRET);

    Object parsed =
        parse(valid.endpoint(), drift, valid.httpStatus(), write(valid.body(), Wire.COMPACT));

    assertEquals(valid.expected(), parsed);
    assertProgressKept(valid, parsed);
    assertEquals(0, drift.total(), () -> "deviations counted: " + drift.counts());
  }

  @Property(tries = 40)
  void blankEnrichmentBodiesReadAsAnAnswerWithNothingInIt(
      @ForAll("enrichmentEndpoints") DocumentedEndpoint endpoint,
      @ForAll("blankBodies") String body,
      @ForAll("enrichmentHttpStatuses") int httpStatus) {
    ContractDrift drift = new ContractDrift(SECRET);

    Object parsed = parse(endpoint, drift, httpStatus, body);

    assertEquals(
        new EnrichmentStatus(
            httpStatus,
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            null,
            null,
            null,
            false),
        parsed);
    assertEquals(0, drift.total());
  }

  @Provide
  Arbitrary<ValidResponse> validResponses() {
    return ValidResponses.validResponses();
  }

  @Provide
  Arbitrary<DocumentedEndpoint> enrichmentEndpoints() {
    return Arbitraries.of(DocumentedEndpoint.PREFLIGHT, DocumentedEndpoint.START_ENRICHMENT);
  }

  @Provide
  Arbitrary<String> blankBodies() {
    return Arbitraries.of("", " ", "\n", "\t \r\n").injectNull(0.2);
  }

  @Provide
  Arbitrary<Integer> enrichmentHttpStatuses() {
    return Arbitraries.of(200, 202);
  }
}
