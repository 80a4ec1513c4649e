package co.igscraper.kafka.connect.client;

/** How a failed call should be handled by the caller. */
public enum ErrorKind {
  /** The request itself is wrong (or the account cannot serve it): retrying the same call fails. */
  PERMANENT,
  /** The job or its enrichment upgrade is still running: ask again later, this is not a failure. */
  NOT_READY,
  /** A network, rate-limit or server-side problem that may go away on its own. */
  TRANSIENT
}
