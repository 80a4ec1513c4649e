package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.SECRET;
import static co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.deviatesCertainly;
import static co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.write;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Broken;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.BrokenBody;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Deviated;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Endpoint;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Mutated;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.PagedCase;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.StatusSpelling;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Valid;
import co.igscraper.kafka.connect.client.ResponseParserPropertiesModel.Wire;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Properties of the tolerant reader: a response bent anywhere but in a progress field is always
 * read, keeps its progress fields and counts what was bent; a broken progress field is always a
 * {@link MalformedResponseException} and never any other exception.
 */
class ResponseParserPropertiesTest {
  private static Level driftLogLevel;

  // Every try has its own ContractDrift, which warns once per new deviation: thousands of lines.
  @BeforeContainer
  static void quietDriftWarnings() {
    driftLogLevel = LogManager.getLogger(ContractDrift.class).getLevel();
    Configurator.setLevel(ContractDrift.class.getName(), Level.ERROR);
  }

  @AfterContainer
  static void restoreDriftWarnings() {
    Configurator.setLevel(ContractDrift.class.getName(), driftLogLevel);
  }

  @Property(tries = 500)
  void validResponsesAreReadExactlyWithoutDrift(@ForAll("validResponses") Valid valid) {
    ContractDrift drift = new ContractDrift(SECRET);

    Object parsed =
        parse(valid.endpoint(), drift, valid.httpStatus(), write(valid.body(), Wire.COMPACT));

    assertEquals(valid.expected(), parsed);
    assertProgressKept(valid, parsed);
    assertEquals(0, drift.total(), () -> "deviations counted: " + drift.counts());
  }

  @Property(tries = 1000)
  void mutatingInformationalFieldsNeverFailsAndKeepsProgressFields(
      @ForAll("mutatedResponses") Mutated mutated,
      @ForAll @IntRange(min = 1, max = 10_000) int requestedPage,
      @ForAll @IntRange(min = 1, max = 200) int requestedLimit) {
    Valid valid = mutated.valid();
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
              for (Endpoint endpoint : Endpoint.values()) {
                coverage.check(endpoint).percentage(p -> p > 5);
              }
            });
    Statistics.label("certain deviation")
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 30));
  }

  @Property(tries = 500)
  void unknownFieldsAndObjectsInDocumentedScalarsAreCountedWhereTheyAppear(
      @ForAll("certainDeviations") Deviated deviated) {
    Valid valid = deviated.valid();
    ObjectNode body = valid.copy();
    deviated.mutation().applyTo(body);

    ContractDrift drift = assertReadAndProgressKept(valid, write(body, Wire.COMPACT), 1, 50);

    ContractDrift.Key key = new ContractDrift.Key(valid.endpoint().metric(), deviated.field());
    assertTrue(drift.count(key) > 0, () -> key + " not counted; counted: " + drift.counts());
  }

  @Property(tries = 300)
  void containersAroundNothingInDocumentedNumbersFlagsAndTimesAreCounted(
      @ForAll("wrappersAroundNothing") Deviated deviated) {
    Valid valid = deviated.valid();
    ObjectNode body = valid.copy();
    deviated.mutation().applyTo(body);

    ContractDrift drift = assertReadAndProgressKept(valid, write(body, Wire.COMPACT), 1, 50);

    ContractDrift.Key key = new ContractDrift.Key(valid.endpoint().metric(), deviated.field());
    assertTrue(drift.count(key) > 0, () -> key + " not counted; counted: " + drift.counts());
  }

  @Property(tries = 1000)
  void brokenProgressFieldsAreRefusedAsMalformedAndNothingElse(
      @ForAll("brokenProgressFields") Broken broken) {
    assertRefused(broken.valid().endpoint(), broken.valid().httpStatus(), broken.json());
  }

  @Property(tries = 500)
  void bodiesThatAreNotJsonObjectsAreRefusedAsMalformed(@ForAll("brokenBodies") BrokenBody broken) {
    assertRefused(broken.valid().endpoint(), broken.valid().httpStatus(), broken.body());
  }

  @Property(tries = 40)
  void blankEnrichmentBodiesReadAsAnAnswerWithNothingInIt(
      @ForAll("enrichmentEndpoints") Endpoint endpoint,
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

  @Property(tries = 300)
  void integralJobIdsAreReadAsTheirDigits(
      @ForAll("idBearingResponses") Valid valid, @ForAll("integralIds") BigInteger id) {
    ObjectNode body = valid.copy();
    body.put("job_id", id);
    ContractDrift drift = new ContractDrift(SECRET);

    Object parsed = parse(valid.endpoint(), drift, valid.httpStatus(), write(body, Wire.COMPACT));

    String jobId = parsed instanceof Job job ? job.jobId() : ((SubmittedJob) parsed).jobId();
    assertEquals(id.toString(), jobId);
    assertTrue(drift.count(new ContractDrift.Key(valid.endpoint().metric(), "job_id")) > 0);
  }

  @Property(tries = 300)
  void jobStatusSpellingsMapToTheirStateAndUnknownOnesToUnknown(
      @ForAll("jobs") Valid valid, @ForAll("statusSpellings") StatusSpelling spelling) {
    ObjectNode body = valid.copy();
    body.put("status", spelling.wire());
    ContractDrift drift = new ContractDrift(SECRET);

    Job job = (Job) parse(valid.endpoint(), drift, valid.httpStatus(), write(body, Wire.COMPACT));

    assertEquals(spelling.expected(), job.status());
    assertEquals(((Job) valid.expected()).jobId(), job.jobId());
    boolean documented = spelling.wire().equals(spelling.expected().name());
    long counted = drift.count(new ContractDrift.Key(valid.endpoint().metric(), "status"));
    assertEquals(!documented, counted > 0, () -> "status deviations counted: " + counted);
  }

  @Property(tries = 300)
  void anEmptyPageNeverHasANextPage(@ForAll("emptyPages") PagedCase paged) {
    ResultsPage page = parsePage(paged);

    assertEquals(0, page.data().size());
    assertFalse(
        page.pagination().nextPageFollows(paged.requestedPage(), paged.requestedLimit(), 0));
  }

  @Property(tries = 300)
  void aReadableHasNextDecidesWhetherAnotherPageFollows(
      @ForAll("pagesWithReadableHasNext") PagedCase paged) {
    ResultsPage page = parsePage(paged);

    assertEquals(paged.hasNext().meaning(), nextPageFollows(paged, page));
  }

  @Property(tries = 300)
  void withoutHasNextTheRequestedPageAndTotalPagesDecide(
      @ForAll("pagesWithOnlyTotalPages") PagedCase paged) {
    ResultsPage page = parsePage(paged);

    assertEquals(
        paged.requestedPage() < paged.totalPages().meaning(), nextPageFollows(paged, page));
  }

  @Property(tries = 300)
  void withoutHasNextOrTotalPagesAFullPageMeansAnotherFollows(
      @ForAll("pagesWithNeitherHasNextNorTotalPages") PagedCase paged) {
    ResultsPage page = parsePage(paged);

    Integer limit = paged.dropPagination() ? null : paged.limit().meaning();
    int pageSize =
        limit != null && limit > 0
            ? Math.min(limit, paged.requestedLimit())
            : paged.requestedLimit();
    assertEquals(paged.rows() >= pageSize, nextPageFollows(paged, page));
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

  // ---- assertions

  /** Parses, asserts nothing is thrown and the progress fields survive; returns the drift. */
  private static ContractDrift assertReadAndProgressKept(
      Valid valid, String json, int requestedPage, int requestedLimit) {
    ContractDrift drift = new ContractDrift(SECRET);
    Object parsed =
        assertDoesNotThrow(() -> parse(valid.endpoint(), drift, valid.httpStatus(), json));
    assertProgressKept(valid, parsed);
    if (parsed instanceof ResultsPage page) {
      boolean follows =
          assertDoesNotThrow(
              () ->
                  page.pagination()
                      .nextPageFollows(requestedPage, requestedLimit, page.data().size()));
      if (page.data().isEmpty()) {
        assertFalse(follows, "an empty page ends the job");
      }
    }
    return drift;
  }

  private static void assertProgressKept(Valid valid, Object parsed) {
    switch (valid.endpoint()) {
      case SUBMIT -> {
        SubmittedJob expected = (SubmittedJob) valid.expected();
        SubmittedJob job = (SubmittedJob) parsed;
        assertEquals(expected.jobId(), job.jobId());
        assertNotNull(job.status());
        if (valid.httpStatus() == 200) {
          assertTrue(job.replayed(), "a 200 on submit is a replay");
        }
      }
      case GET_JOB -> {
        Job expected = (Job) valid.expected();
        Job job = (Job) parsed;
        assertEquals(expected.jobId(), job.jobId());
        assertEquals(expected.status(), job.status());
      }
      case RESULTS -> {
        List<Map<String, String>> expected = ((ResultsPage) valid.expected()).data();
        ResultsPage page = (ResultsPage) parsed;
        assertEquals(expected, page.data());
        for (int i = 0; i < expected.size(); i++) {
          assertEquals(
              List.copyOf(expected.get(i).keySet()),
              List.copyOf(page.data().get(i).keySet()),
              "column order of row " + i);
        }
        assertNotNull(page.columns());
        assertNotNull(page.messages());
        assertNotNull(page.pagination());
        assertNotNull(page.status());
      }
      case PREFLIGHT, START_ENRICHMENT -> {
        EnrichmentStatus status = (EnrichmentStatus) parsed;
        assertEquals(valid.httpStatus(), status.httpStatus());
        assertNotNull(status.supportedAddons());
        assertNotNull(status.appliedAddons());
        assertNotNull(status.selectedAddons());
        assertNotNull(status.fieldsAdded());
      }
    }
  }

  /** Asserts the body is refused with a counted MalformedResponseException that hides the key. */
  private static void assertRefused(Endpoint endpoint, int httpStatus, String body) {
    ContractDrift drift = new ContractDrift(SECRET);
    Object parsed;
    try {
      parsed = parse(endpoint, drift, httpStatus, body);
    } catch (MalformedResponseException e) {
      assertTrue(drift.total() > 0, "the refusal was not counted");
      assertFalse(e.getMessage().contains(SECRET), "the message shows the API key");
      return;
    } catch (Throwable t) {
      fail("threw " + t.getClass().getName() + " instead of MalformedResponseException", t);
      return;
    }
    fail("accepted as " + ResponseParserPropertiesModel.abbreviate(String.valueOf(parsed)));
  }

  private static Object parse(Endpoint endpoint, ContractDrift drift, int httpStatus, String body) {
    return endpoint.parse(new ResponseParser(SECRET, drift), httpStatus, body);
  }

  private static ResultsPage parsePage(PagedCase paged) {
    return (ResultsPage) parse(Endpoint.RESULTS, new ContractDrift(SECRET), 200, paged.json());
  }

  private static boolean nextPageFollows(PagedCase paged, ResultsPage page) {
    assertEquals(paged.rows(), page.data().size());
    return page.pagination()
        .nextPageFollows(paged.requestedPage(), paged.requestedLimit(), page.data().size());
  }

  // ---- generators

  @Provide
  Arbitrary<Valid> validResponses() {
    return ResponseParserPropertiesArbitraries.validResponses();
  }

  @Provide
  Arbitrary<Valid> jobs() {
    return ResponseParserPropertiesArbitraries.jobs();
  }

  @Provide
  Arbitrary<Valid> idBearingResponses() {
    return Arbitraries.oneOf(
        ResponseParserPropertiesArbitraries.submits(), ResponseParserPropertiesArbitraries.jobs());
  }

  @Provide
  Arbitrary<Mutated> mutatedResponses() {
    return ResponseParserPropertiesArbitraries.mutatedResponses();
  }

  @Provide
  Arbitrary<Deviated> certainDeviations() {
    return ResponseParserPropertiesArbitraries.certainDeviations();
  }

  @Provide
  Arbitrary<Deviated> wrappersAroundNothing() {
    return ResponseParserPropertiesArbitraries.wrappersAroundNothing();
  }

  @Provide
  Arbitrary<Broken> brokenProgressFields() {
    return ResponseParserPropertiesArbitraries.brokenProgressFields();
  }

  @Provide
  Arbitrary<BrokenBody> brokenBodies() {
    return ResponseParserPropertiesArbitraries.brokenBodies();
  }

  @Provide
  Arbitrary<Endpoint> enrichmentEndpoints() {
    return Arbitraries.of(Endpoint.PREFLIGHT, Endpoint.START_ENRICHMENT);
  }

  @Provide
  Arbitrary<String> blankBodies() {
    return Arbitraries.of("", " ", "\n", "\t \r\n").injectNull(0.2);
  }

  @Provide
  Arbitrary<Integer> enrichmentHttpStatuses() {
    return Arbitraries.of(200, 202);
  }

  @Provide
  Arbitrary<BigInteger> integralIds() {
    return ResponseParserPropertiesArbitraries.integralIds();
  }

  @Provide
  Arbitrary<StatusSpelling> statusSpellings() {
    return ResponseParserPropertiesArbitraries.statusSpellings();
  }

  @Provide
  Arbitrary<PagedCase> emptyPages() {
    return ResponseParserPropertiesArbitraries.pagedCases(
        0,
        0,
        Arbitraries.oneOf(
            ResponseParserPropertiesArbitraries.hasNextForms(true),
            ResponseParserPropertiesArbitraries.hasNextForms(false)),
        Arbitraries.oneOf(
            ResponseParserPropertiesArbitraries.countForms(true, 0, 1_000),
            ResponseParserPropertiesArbitraries.countForms(false, 0, 0)),
        Arbitraries.oneOf(
            ResponseParserPropertiesArbitraries.countForms(true, -5, 300),
            ResponseParserPropertiesArbitraries.countForms(false, 0, 0)),
        Arbitraries.of(false, true));
  }

  @Provide
  Arbitrary<PagedCase> pagesWithReadableHasNext() {
    return ResponseParserPropertiesArbitraries.pagedCases(
        1,
        50,
        ResponseParserPropertiesArbitraries.hasNextForms(true),
        Arbitraries.oneOf(
            ResponseParserPropertiesArbitraries.countForms(true, 0, 1_000),
            ResponseParserPropertiesArbitraries.countForms(false, 0, 0)),
        Arbitraries.oneOf(
            ResponseParserPropertiesArbitraries.countForms(true, -5, 300),
            ResponseParserPropertiesArbitraries.countForms(false, 0, 0)),
        Arbitraries.just(false));
  }

  @Provide
  Arbitrary<PagedCase> pagesWithOnlyTotalPages() {
    return ResponseParserPropertiesArbitraries.pagedCases(
        1,
        50,
        ResponseParserPropertiesArbitraries.hasNextForms(false),
        ResponseParserPropertiesArbitraries.countForms(true, 0, 1_000),
        Arbitraries.oneOf(
            ResponseParserPropertiesArbitraries.countForms(true, -5, 300),
            ResponseParserPropertiesArbitraries.countForms(false, 0, 0)),
        Arbitraries.just(false));
  }

  @Provide
  Arbitrary<PagedCase> pagesWithNeitherHasNextNorTotalPages() {
    return ResponseParserPropertiesArbitraries.pagedCases(
        1,
        50,
        ResponseParserPropertiesArbitraries.hasNextForms(false),
        ResponseParserPropertiesArbitraries.countForms(false, 0, 0),
        Arbitraries.oneOf(
            ResponseParserPropertiesArbitraries.countForms(true, -5, 60),
            ResponseParserPropertiesArbitraries.countForms(false, 0, 0)),
        Arbitraries.of(false, true));
  }

  @Provide
  Arbitrary<Mutated> exponentsNearTheIntLimit() {
    return ResponseParserPropertiesArbitraries.withPayloadSomewhere(
        ResponseParserPropertiesArbitraries.exponentsNearTheIntLimit());
  }

  @Provide
  Arbitrary<Mutated> exponentsBeyondTheIntRange() {
    return ResponseParserPropertiesArbitraries.withPayloadSomewhere(
        ResponseParserPropertiesArbitraries.exponentsBeyondTheIntRange());
  }
}
