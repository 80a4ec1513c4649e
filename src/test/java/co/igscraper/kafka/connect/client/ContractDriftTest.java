package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deviations are counted by endpoint and field, logged once per kind, and never show a value. */
class ContractDriftTest {
  private static final String KEY = "sk_drift_9f1c";
  private final List<String> warnings = new ArrayList<>();
  private final ContractDrift drift = new ContractDrift(KEY, warnings::add);
  private final ResponseParser parser = new ResponseParser(KEY, drift);

  private static String job(String costJson) {
    return "{\"job_id\":\"j1\",\"status\":\"COMPLETED\",\"cost_charged\":" + costJson + "}";
  }

  @Test
  void oneWarningPerEndpointFieldAndKindNamingTheFieldAndTheJsonTypeNeverTheValue() {
    for (int i = 0; i < 50; i++) {
      parser.job(IgScraperClient.GET_JOB, 200, job("\"12.5-secret-value\""));
    }
    parser.job(IgScraperClient.GET_JOB, 200, job("\"unreadable too\""));
    ContractDrift.Key cost = new ContractDrift.Key("get-job", "cost_charged");
    assertEquals(51, drift.count(cost));
    assertEquals(1, warnings.size(), warnings.toString());
    String line = warnings.get(0);
    assertTrue(line.contains("GET /jobs/{id} field 'cost_charged' (JSON string)"), line);
    assertTrue(line.contains("could not be understood; read as absent"), line);
    assertFalse(line.contains("secret-value"), line);
    assertFalse(line.contains("12.5"), line);
    parser.job(IgScraperClient.GET_JOB, 200, job("{\"credits\":1}"));
    assertEquals(2, warnings.size(), "another kind (coerced) of the same field is a new line");
    assertTrue(warnings.get(1).contains("came in another shape; read anyway"), warnings.get(1));
  }

  @Test
  void newKeysAreAnnouncedOnceForTheirMetric() {
    List<ContractDrift.Key> announced = new ArrayList<>();
    drift.onNewKey(announced::add);
    parser.submittedJob(IgScraperClient.SUBMIT, 201, "{\"job_id\":\"j\",\"queue\":3}");
    parser.submittedJob(IgScraperClient.SUBMIT, 201, "{\"job_id\":\"j\",\"queue\":4}");
    assertEquals(List.of(new ContractDrift.Key("submit", "queue")), announced);
    assertEquals(2, drift.total());
  }

  @Test
  void aServerInventingFieldNamesCannotGrowTheCountersWithoutBound() {
    for (int i = 0; i < ContractDrift.MAX_FIELDS + 50; i++) {
      parser.submittedJob(IgScraperClient.SUBMIT, 201, "{\"job_id\":\"j\",\"f" + i + "\":1}");
    }
    assertEquals(ContractDrift.MAX_FIELDS + 1, drift.counts().size());
    assertEquals(50, drift.count(new ContractDrift.Key("submit", ContractDrift.OTHER_FIELD)));
  }

  @Test
  void fieldNamesAreShortPrintableAndKeyFree() {
    parser.submittedJob(
        IgScraperClient.SUBMIT,
        201,
        "{\"job_id\":\"j\",\"x-" + KEY + "\\n" + "y".repeat(200) + "\":1}");
    String line = warnings.get(0);
    assertFalse(line.contains(KEY), line);
    assertFalse(line.contains("\n"), line);
    assertTrue(line.length() < 400, line);
  }

  @Test
  void aRefusedResponseIsCountedAsMalformedOnItsField() {
    try {
      parser.job(IgScraperClient.GET_JOB, 200, "{\"job_id\":\"j1\",\"status\":{\"name\":\"x\"}}");
    } catch (MalformedResponseException expected) {
      // counted below
    }
    assertEquals(1, drift.count(new ContractDrift.Key("get-job", "status")));
    assertTrue(warnings.get(0).contains("needed to make progress"), warnings.get(0));
  }
}
