package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.config.JobSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives the {@code Idempotency-Key} of a run from durable facts only.
 *
 * <p>Connector name, spec name, spec content and run number survive any crash, so a task that dies
 * after submitting asks for the same key again and gets the original job back, instead of a new job
 * that dedup would leave empty.
 */
public final class IdempotencyKeys {
  private IdempotencyKeys() {}

  /** A 68-character key, well under the API's 255-character limit. */
  public static String forRun(String connectorName, JobSpec spec, long run) {
    return forRun(connectorName, spec.name(), spec.contentHash(), run);
  }

  static String forRun(String connectorName, String specName, String specHash, long run) {
    String identity = connectorName + '\n' + specName + '\n' + specHash + '\n' + run;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "kci-" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
