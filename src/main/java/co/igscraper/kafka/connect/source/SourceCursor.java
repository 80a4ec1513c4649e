package co.igscraper.kafka.connect.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The stored position of one spec: which run and job it is on, and the next row to emit.
 *
 * <p>{@code page} and {@code row} point at the next row not yet in Kafka; {@code pageSize} is the
 * page size the position was counted in, kept so a config change cannot shift a resumed job's rows.
 * {@code done} marks a run whose rows are all in Kafka, so a restart never resubmits it. {@code
 * startedAt} (epoch ms) anchors a recurring spec's next run; {@code enrichRequest} names the last
 * retroactive-enrichment request taken on, so a restart neither repeats nor forgets it. {@code
 * prevDigest} fingerprints the rows of the page before {@code page}, so a server that ignores
 * {@code page} is caught on the first repeated page, before or after a restart.
 */
public record SourceCursor(
    long run,
    String specHash,
    String jobId,
    long page,
    long row,
    int pageSize,
    boolean done,
    long startedAt,
    String enrichRequest,
    String prevDigest) {

  static final String RUN = "run";
  static final String SPEC_HASH = "spec_hash";
  static final String JOB_ID = "job_id";
  static final String PAGE = "page";
  static final String ROW = "row";
  static final String PAGE_SIZE = "page_size";
  static final String DONE = "done";
  static final String STARTED_AT = "started_at";
  static final String ENRICH_REQUEST = "enrich_request";
  static final String PREV_DIGEST = "prev_digest";

  public SourceCursor {
    if (run < 1) {
      throw new IllegalArgumentException(RUN + " must be at least 1, got " + run);
    }
    if (page < 1 || page > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(PAGE + " must be from 1 to 2^31-1, got " + page);
    }
    if (row < 0) {
      throw new IllegalArgumentException(ROW + " must not be negative, got " + row);
    }
    if (pageSize < 1 || pageSize > 200) {
      throw new IllegalArgumentException(PAGE_SIZE + " must be from 1 to 200, got " + pageSize);
    }
    Objects.requireNonNull(specHash, SPEC_HASH);
    if (!done && jobId == null) {
      throw new IllegalArgumentException(
          JOB_ID + " is required while a job's rows are being read (" + DONE + " is false)");
    }
  }

  /** A cursor with no page fingerprint (offsets written before it existed). */
  public SourceCursor(
      long run,
      String specHash,
      String jobId,
      long page,
      long row,
      int pageSize,
      boolean done,
      long startedAt,
      String enrichRequest) {
    this(run, specHash, jobId, page, row, pageSize, done, startedAt, enrichRequest, null);
  }

  /** The position right after a job was submitted: page 1, row 0. */
  static SourceCursor submitted(
      long run, String specHash, String jobId, int pageSize, long startedAt, String enrichRequest) {
    return new SourceCursor(run, specHash, jobId, 1, 0, pageSize, false, startedAt, enrichRequest);
  }

  /** Another row of the same page. */
  SourceCursor at(long samePage, long nextRow) {
    return new SourceCursor(
        run,
        specHash,
        jobId,
        samePage,
        nextRow,
        pageSize,
        false,
        startedAt,
        enrichRequest,
        prevDigest);
  }

  /** The first row of the page after this one, whose rows fingerprint to {@code digest}. */
  SourceCursor nextPage(String digest) {
    return new SourceCursor(
        run, specHash, jobId, page + 1, 0, pageSize, false, startedAt, enrichRequest, digest);
  }

  SourceCursor finished() {
    return new SourceCursor(
        run, specHash, jobId, page, row, pageSize, true, startedAt, enrichRequest, prevDigest);
  }

  /** The start of a re-emission of the same job for an enrichment request. */
  SourceCursor reemitFor(String request) {
    return new SourceCursor(run, specHash, jobId, 1, 0, pageSize, false, startedAt, request);
  }

  /** The offset map stored by Connect; numbers are longs because they come back as longs. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new HashMap<>();
    map.put(RUN, run);
    map.put(SPEC_HASH, specHash);
    map.put(JOB_ID, jobId);
    map.put(PAGE, page);
    map.put(ROW, row);
    map.put(PAGE_SIZE, (long) pageSize);
    map.put(DONE, done);
    map.put(STARTED_AT, startedAt);
    map.put(ENRICH_REQUEST, enrichRequest);
    if (prevDigest != null) {
      map.put(PREV_DIGEST, prevDigest);
    }
    return map;
  }

  /**
   * Reads an offset map written by {@link #toMap()}.
   *
   * @throws IllegalArgumentException naming the key that is missing or of the wrong type
   */
  public static SourceCursor fromMap(Map<String, ?> map) {
    return new SourceCursor(
        number(map, RUN),
        text(map, SPEC_HASH, false),
        text(map, JOB_ID, true),
        number(map, PAGE),
        number(map, ROW),
        pageSize(number(map, PAGE_SIZE)),
        flag(map, DONE),
        map.containsKey(STARTED_AT) ? number(map, STARTED_AT) : 0L,
        text(map, ENRICH_REQUEST, true),
        text(map, PREV_DIGEST, true));
  }

  private static int pageSize(long value) {
    if (value < 1 || value > 200) {
      throw new IllegalArgumentException(PAGE_SIZE + " must be from 1 to 200, got " + value);
    }
    return (int) value;
  }

  private static long number(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
      return n.longValue();
    }
    throw new IllegalArgumentException(
        "offset key '" + key + "' must be an integer, got " + describe(value));
  }

  private static String text(Map<String, ?> map, String key, boolean nullable) {
    Object value = map.get(key);
    if (value instanceof String s) {
      return s;
    }
    if (value == null && nullable) {
      return null;
    }
    throw new IllegalArgumentException(
        "offset key '" + key + "' must be a string, got " + describe(value));
  }

  private static boolean flag(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(
        "offset key '" + key + "' must be true or false, got " + describe(value));
  }

  private static String describe(Object value) {
    return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
  }
}
