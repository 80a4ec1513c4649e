package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.JsonWire.abbreviate;
import static co.igscraper.kafka.connect.client.ParserUnderTest.SECRET;
import static co.igscraper.kafka.connect.client.ParserUnderTest.parse;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;

/** What the tolerant reader promises of any response: read with its progress fields, or refused. */
final class TolerantReaderAssertions {
  private TolerantReaderAssertions() {}

  /** Parses, asserts nothing is thrown and the progress fields survive; returns the drift. */
  static ContractDrift assertReadAndProgressKept(
      ValidResponse valid, String json, int requestedPage, int requestedLimit) {
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

  static void assertProgressKept(ValidResponse valid, Object parsed) {
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
  static void assertRefused(DocumentedEndpoint endpoint, int httpStatus, String body) {
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
    fail("accepted as " + abbreviate(String.valueOf(parsed)));
  }
}
