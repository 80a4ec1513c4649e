package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import co.igscraper.kafka.connect.client.ErrorClassifier;
import co.igscraper.kafka.connect.client.ErrorKind;
import co.igscraper.kafka.connect.client.IgScraperException;
import co.igscraper.kafka.connect.source.ErrorPolicy.Action;
import co.igscraper.kafka.connect.source.JobRunner.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the error policy: (kind, status, code) × phase × job completed → action. */
class ErrorPolicyTest {
  /** The phases in which a runner makes a call, with the endpoint that call goes to. */
  private static final Map<Phase, String> ENDPOINTS =
      Map.of(
          Phase.SUBMIT, "POST /jobs",
          Phase.POLL, "GET /jobs/{id}",
          Phase.FETCH, "GET /jobs/{id}/results",
          Phase.ENRICH, "POST /jobs/{id}/enrich");

  private static final String CALLS = "SUBMIT POLL FETCH ENRICH";

  // kind | status | code (- for none) | phases | job completed (* for both) | action
  private static final String[] TABLE = {
    // The task is stopping: nothing failed.
    "TRANSIENT | 0   | CLIENT_CLOSED            | " + CALLS + "   | * | IGNORE",
    "TRANSIENT | 0   | INTERRUPTED              | " + CALLS + "   | * | IGNORE",
    // Enrichment already running, whatever the client made of the 409.
    "PERMANENT | 409 | -                        | ENRICH              | * | ENRICH_BUSY",
    "NOT_READY | 409 | ENRICHMENT_IN_PROGRESS   | ENRICH              | * | ENRICH_BUSY",
    "NOT_READY | 409 | JOB_NOT_COMPLETED        | ENRICH              | * | ENRICH_BUSY",
    // Results not ready: wait on them if the job completed, else poll the job.
    "NOT_READY | 409 | JOB_NOT_COMPLETED        | FETCH               | true  | WAIT_RESULTS",
    "NOT_READY | 409 | ENRICHMENT_IN_PROGRESS   | FETCH               | true  | WAIT_RESULTS",
    "NOT_READY | 409 | -                        | FETCH               | true  | WAIT_RESULTS",
    "NOT_READY | 409 | JOB_NOT_COMPLETED        | FETCH               | false | BACK_TO_POLL",
    "NOT_READY | 409 | ENRICHMENT_IN_PROGRESS   | FETCH               | false | BACK_TO_POLL",
    "NOT_READY | 409 | JOB_NOT_COMPLETED        | POLL                | *     | BACK_TO_POLL",
    // Our own limiter: no failure.
    "TRANSIENT | 0   | CLIENT_RATE_LIMITED      | " + CALLS + "   | * | WAIT_FOR_PERMIT",
    // Transient after the client's retries: back off, in every phase.
    "TRANSIENT | 429 | -                        | " + CALLS + "   | * | RETRY_LATER",
    "TRANSIENT | 429 | RATE_LIMITED             | " + CALLS + "   | * | RETRY_LATER",
    "TRANSIENT | 408 | -                        | " + CALLS + "   | * | RETRY_LATER",
    "TRANSIENT | 500 | INTERNAL_ERROR           | " + CALLS + "   | * | RETRY_LATER",
    "TRANSIENT | 502 | -                        | " + CALLS + "   | * | RETRY_LATER",
    "TRANSIENT | 503 | -                        | " + CALLS + "   | * | RETRY_LATER",
    "TRANSIENT | 0   | -                        | " + CALLS + "   | * | RETRY_LATER",
    "TRANSIENT | 200 | -                        | " + CALLS + "   | * | RETRY_LATER",
    // A refused key fails the task, even on an enrichment.
    "PERMANENT | 401 | UNAUTHORIZED             | " + CALLS + "   | * | FAIL_TASK",
    // Enrichment refused: the request is dropped, the spec carries on.
    "PERMANENT | 400 | NO_ADDON_SELECTED        | ENRICH              | * | ENRICH_REFUSED",
    "PERMANENT | 400 | VALIDATION_ERROR         | ENRICH              | * | ENRICH_REFUSED",
    "PERMANENT | 402 | INSUFFICIENT_CREDITS     | ENRICH              | * | ENRICH_REFUSED",
    "PERMANENT | 403 | EXTERNAL_USER_BLOCKED    | ENRICH              | * | ENRICH_REFUSED",
    "PERMANENT | 404 | JOB_NOT_FOUND            | ENRICH              | * | ENRICH_REFUSED",
    "PERMANENT | 413 | -                        | ENRICH              | * | ENRICH_REFUSED",
    // Out of credits anywhere else.
    "PERMANENT | 402 | INSUFFICIENT_CREDITS     | SUBMIT POLL FETCH   | * | OUT_OF_CREDITS",
    // The job being paged is gone.
    "PERMANENT | 404 | JOB_NOT_FOUND            | FETCH               | * | JOB_VANISHED",
    // Everything else permanent: the spec stops, rejected.
    "PERMANENT | 404 | JOB_NOT_FOUND            | SUBMIT POLL         | * | REJECTED",
    "PERMANENT | 400 | VALIDATION_ERROR         | SUBMIT POLL FETCH   | * | REJECTED",
    "PERMANENT | 403 | EXTERNAL_USER_BLOCKED    | SUBMIT POLL FETCH   | * | REJECTED",
    "PERMANENT | 409 | IDEMPOTENCY_KEY_MISMATCH | SUBMIT              | * | REJECTED",
    "PERMANENT | 409 | -                        | SUBMIT              | * | REJECTED",
    "PERMANENT | 413 | PAYLOAD_TOO_LARGE        | SUBMIT              | * | REJECTED",
    "PERMANENT | 415 | UNSUPPORTED_MEDIA_TYPE   | SUBMIT              | * | REJECTED",
    "PERMANENT | 418 | -                        | SUBMIT POLL FETCH   | * | REJECTED",
  };

  private record Case(ErrorKind kind, int status, String code, Phase phase, boolean completed) {
    IgScraperException exception() {
      return new IgScraperException(
          ENDPOINTS.get(phase),
          kind,
          status,
          code,
          "server says no",
          null,
          status == 429 ? Duration.ofSeconds(3) : null,
          null);
    }

    @Override
    public String toString() {
      return kind + " " + status + " " + code + " in " + phase + (completed ? ", completed" : "");
    }
  }

  private static List<Arguments> expand() {
    List<Arguments> cases = new ArrayList<>();
    for (String line : TABLE) {
      String[] c = line.split("\\|");
      ErrorKind kind = ErrorKind.valueOf(c[0].trim());
      int status = Integer.parseInt(c[1].trim());
      String code = c[2].trim().equals("-") ? null : c[2].trim();
      String completed = c[4].trim();
      Action action = Action.valueOf(c[5].trim());
      for (String phase : c[3].trim().split("\\s+")) {
        for (boolean done : new boolean[] {false, true}) {
          if (completed.equals("*") || Boolean.parseBoolean(completed) == done) {
            cases.add(
                Arguments.of(new Case(kind, status, code, Phase.valueOf(phase), done), action));
          }
        }
      }
    }
    return cases;
  }

  static Stream<Arguments> table() {
    return expand().stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("table")
  void decidesTheActionOfItsRow(Case c, Action expected) {
    assertEquals(
        expected, ErrorPolicy.decide(c.exception(), c.phase(), c.completed()), c::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void eachRowIsAnAnswerTheClientCanGive(Case c, Action ignored) {
    // The kind in each row is what the client gives that status on that endpoint (a malformed 2xx
    // and aborted or throttled calls, status 0, are transient), so the table is about real answers.
    ErrorKind classified =
        c.status() >= 200 && c.status() < 300
            ? ErrorKind.TRANSIENT
            : ErrorClassifier.classify(ENDPOINTS.get(c.phase()), c.status(), c.code());
    assertEquals(classified, c.kind(), c::toString);
  }

  @Test
  void theTableReachesEveryAction() {
    Set<Action> reached = EnumSet.noneOf(Action.class);
    expand().forEach(a -> reached.add((Action) a.get()[1]));
    assertEquals(EnumSet.allOf(Action.class), reached);
  }

  @Test
  void aStoppingTaskIsNeverAFailureWhateverItsStatus() {
    for (Phase phase : ENDPOINTS.keySet()) {
      for (int status : new int[] {0, 401, 402, 404, 409, 503}) {
        for (String code :
            List.of(IgScraperException.CLIENT_CLOSED, IgScraperException.INTERRUPTED)) {
          for (ErrorKind kind : ErrorKind.values()) {
            IgScraperException e =
                new IgScraperException(
                    ENDPOINTS.get(phase), kind, status, code, "aborted", null, null, null);
            assertEquals(Action.IGNORE, ErrorPolicy.decide(e, phase, true));
            assertEquals(Action.IGNORE, ErrorPolicy.decide(e, phase, false));
          }
        }
      }
    }
  }
}
