package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorClassifierTest {

  @ParameterizedTest(name = "{0} HTTP {1} {2} -> {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "POST /jobs,              400, VALIDATION_ERROR,         PERMANENT",
        "GET /jobs/{id}/enrich,   400, NO_ADDON_SELECTED,        PERMANENT",
        "GET /jobs/{id},          401, UNAUTHORIZED,             PERMANENT",
        "POST /jobs,              402, INSUFFICIENT_CREDITS,     PERMANENT",
        "POST /jobs,              403, EXTERNAL_USER_BLOCKED,    PERMANENT",
        "GET /jobs/{id},          404, JOB_NOT_FOUND,            PERMANENT",
        "POST /jobs,              409, IDEMPOTENCY_KEY_MISMATCH, PERMANENT",
        "POST /jobs,              409, null,                     PERMANENT",
        "GET /jobs/{id}/results,  409, JOB_NOT_COMPLETED,        NOT_READY",
        "GET /jobs/{id}/results,  409, ENRICHMENT_IN_PROGRESS,   NOT_READY",
        "GET /jobs/{id}/results,  409, null,                     NOT_READY",
        "GET /jobs/{id},          409, JOB_NOT_COMPLETED,        NOT_READY",
        "POST /jobs/{id}/enrich,  409, null,                     PERMANENT",
        "POST /jobs,              413, PAYLOAD_TOO_LARGE,        PERMANENT",
        "POST /jobs,              415, UNSUPPORTED_MEDIA_TYPE,   PERMANENT",
        "POST /jobs,              418, null,                     PERMANENT",
        "GET /jobs/{id},          301, null,                     PERMANENT",
        "GET /jobs/{id},          408, null,                     TRANSIENT",
        "POST /jobs,              429, RATE_LIMITED,             TRANSIENT",
        "GET /jobs/{id}/results,  429, null,                     TRANSIENT",
        "GET /jobs/{id},          500, INTERNAL_ERROR,           TRANSIENT",
        "GET /jobs/{id},          502, null,                     TRANSIENT",
        "POST /jobs,              503, SERVICE_UNAVAILABLE,      TRANSIENT",
        "GET /jobs/{id}/results,  504, null,                     TRANSIENT",
        "GET /jobs/{id},          599, null,                     TRANSIENT",
        "GET /jobs/{id},            0, null,                     TRANSIENT",
      })
  void classifiesStatusByEndpointAndCode(
      String endpoint, int status, String code, ErrorKind expected) {
    assertEquals(expected, ErrorClassifier.classify(endpoint, status, code));
  }

  static Stream<Arguments> throwables() {
    return Stream.of(
        Arguments.of(new IOException("reset"), ErrorKind.TRANSIENT),
        Arguments.of(new SocketTimeoutException("timeout"), ErrorKind.TRANSIENT),
        Arguments.of(new InterruptedIOException("timeout"), ErrorKind.TRANSIENT),
        Arguments.of(new ConnectException("refused"), ErrorKind.TRANSIENT),
        Arguments.of(new UnknownHostException("igscraper.co"), ErrorKind.TRANSIENT),
        Arguments.of(
            new RuntimeException("wrapped", new SocketTimeoutException("read timed out")),
            ErrorKind.TRANSIENT),
        Arguments.of(
            new UncheckedIOException(new IOException(new IOException("deep"))),
            ErrorKind.TRANSIENT),
        Arguments.of(
            new SSLHandshakeException("bad cert") {
              {
                initCause(new CertificateException("PKIX path building failed"));
              }
            },
            ErrorKind.PERMANENT),
        Arguments.of(new IllegalStateException("bug"), ErrorKind.PERMANENT),
        Arguments.of(
            new RuntimeException(
                new IgScraperException(
                    "GET /jobs/{id}/results",
                    ErrorKind.NOT_READY,
                    409,
                    null,
                    "x",
                    null,
                    null,
                    null)),
            ErrorKind.NOT_READY),
        Arguments.of(
            new IgScraperException(
                "POST /jobs",
                ErrorKind.PERMANENT,
                402,
                "INSUFFICIENT_CREDITS",
                "x",
                null,
                null,
                null),
            ErrorKind.PERMANENT));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("throwables")
  void classifiesThrowablesByWalkingTheCauseChain(Throwable t, ErrorKind expected) {
    assertEquals(expected, ErrorClassifier.classify(t));
  }
}
