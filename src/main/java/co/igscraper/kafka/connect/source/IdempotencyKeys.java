package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.config.JobSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Derives the {@code Idempotency-Key} of a run from durable facts only.
 *
 * <p>Key prefix, connector name, spec name, spec content and run number survive any crash, so a
 * task that dies after submitting asks for the same key again and gets the original job back,
 * instead of a new job that dedup would leave empty. The prefix ({@code
 * igscraper.idempotency.key.prefix}) keeps two deployments with the same connector and spec names
 * on one API key apart; it goes into the hash, not in front of it, so every key stays 68
 * characters.
 */
public final class IdempotencyKeys {
  private IdempotencyKeys() {}

  /** The key of a run with no key prefix, as before the prefix existed. */
  public static String forRun(String connectorName, JobSpec spec, long run) {
    return forRun("", connectorName, spec, run);
  }

  /** A 68-character key, well under the API's 255-character limit. */
  public static String forRun(String keyPrefix, String connectorName, JobSpec spec, long run) {
    return forRun(keyPrefix, connectorName, spec.name(), spec.contentHash(), run);
  }

  static String forRun(String connectorName, String specName, String specHash, long run) {
    return forRun("", connectorName, specName, specHash, run);
  }

  static String forRun(
      String keyPrefix, String connectorName, String specName, String specHash, long run) {
    String identity = connectorName + '\n' + specName + '\n' + specHash + '\n' + run;
    // An empty prefix leaves the identity as it always was, so existing deployments keep the keys
    // of the jobs they already submitted. A prefix adds a fourth line break, and none of the other
    // parts can contain one, so a prefixed identity never equals an unprefixed one.
    if (!Objects.requireNonNull(keyPrefix, "keyPrefix").isEmpty()) {
      identity = keyPrefix + '\n' + identity;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "kci-" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
