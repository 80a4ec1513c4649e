package co.igscraper.kafka.connect.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The run record of one spec, stored as its source offset: everything a run needs to be finished
 * correctly after any restart.
 *
 * <p>{@code page} and {@code row} point at the next row not yet in Kafka; {@code pageSize} is the
 * page size the position was counted in. {@code done} marks a run whose rows are all in Kafka, so a
 * restart never resubmits it. {@code startedAt} (epoch ms, the submit) anchors a recurring spec's
 * next run and the job timeout. {@code enrichRequest} is the high-water mark of the control-topic
 * enrichment requests taken on, so a restart neither repeats nor forgets one. {@code prevDigest}
 * fingerprints the page before {@code page}. {@code origin} is the spec version the job was
 * submitted for (null in records of format 1, whose rows then follow the spec as it is now). {@code
 * reemitAt} (epoch ms, 0 when not) marks a re-emission for an enrichment upgrade, and when it
 * began.
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
    String prevDigest,
    RunSpec origin,
    long reemitAt,
    boolean completed,
    boolean stopped) {

  /** The format written; records without a version are format 1 and are upgraded when read. */
  static final long FORMAT = 2;

  static final String VERSION = "v";
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
  static final String SPEC_NAME = "spec_name";
  static final String EXTERNAL_USER_ID = "external_user_id";
  static final String TOOL_TYPE = "tool_type";
  static final String TOPIC = "topic";
  static final String REEMIT_AT = "reemit_at";
  static final String COMPLETED = "completed";
  static final String STOPPED = "stopped";

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
    if (reemitAt < 0) {
      throw new IllegalArgumentException(REEMIT_AT + " must not be negative, got " + reemitAt);
    }
    Objects.requireNonNull(specHash, SPEC_HASH);
    if (!done && jobId == null) {
      throw new IllegalArgumentException(
          JOB_ID + " is required while a job's rows are being read (" + DONE + " is false)");
    }
  }

  /** A format-1 record: no origin, no re-emission mark. */
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
    this(
        run,
        specHash,
        jobId,
        page,
        row,
        pageSize,
        done,
        startedAt,
        enrichRequest,
        null,
        null,
        0,
        false,
        false);
  }

  /** The position right after a job was submitted for {@code origin}: page 1, row 0. */
  static SourceCursor submitted(
      long run,
      String specHash,
      String jobId,
      int pageSize,
      long startedAt,
      String enrichRequest,
      RunSpec origin) {
    return new SourceCursor(
        run,
        specHash,
        jobId,
        1,
        0,
        pageSize,
        false,
        startedAt,
        enrichRequest,
        null,
        origin,
        0,
        false,
        false);
  }

  private SourceCursor with(
      long page, long row, boolean done, String digest, long reemit, boolean seenCompleted) {
    return new SourceCursor(
        run,
        specHash,
        jobId,
        page,
        row,
        pageSize,
        done,
        startedAt,
        enrichRequest,
        digest,
        origin,
        reemit,
        seenCompleted,
        stopped);
  }

  /** Another row of the same page (a job whose rows are read has completed). */
  SourceCursor at(long samePage, long nextRow) {
    return with(samePage, nextRow, false, prevDigest, reemitAt, true);
  }

  /** The first row of the page after this one, whose rows fingerprint to {@code digest}. */
  SourceCursor nextPage(String digest) {
    return with(page + 1, 0, false, digest, reemitAt, true);
  }

  /** All rows of the job (or of its re-emission) are in Kafka. */
  SourceCursor finished() {
    return with(page, row, true, prevDigest, 0, completed);
  }

  /** The job was seen COMPLETED: a restart reads its results instead of polling it again. */
  SourceCursor seenCompleted() {
    return with(page, row, done, prevDigest, reemitAt, true);
  }

  /** The start of a re-emission of the same job for enrichment request {@code request}. */
  SourceCursor reemitFor(String request, long now) {
    return new SourceCursor(
        run, specHash, jobId, 1, 0, pageSize, false, startedAt, request, null, origin, now, true,
        false);
  }

  /** The same position, with {@code request} taken on (refused or done). */
  SourceCursor withEnrichRequest(String request) {
    return new SourceCursor(
        run,
        specHash,
        jobId,
        page,
        row,
        pageSize,
        done,
        startedAt,
        request,
        prevDigest,
        origin,
        reemitAt,
        completed,
        stopped);
  }

  /** The same record, now naming the spec version its job is finished by. */
  SourceCursor withOrigin(RunSpec spec) {
    return new SourceCursor(
        run,
        specHash,
        jobId,
        page,
        row,
        pageSize,
        done,
        startedAt,
        enrichRequest,
        prevDigest,
        spec,
        reemitAt,
        completed,
        stopped);
  }

  /**
   * The spec stopped with this job in flight: a restart keeps it stopped until the spec changes.
   */
  SourceCursor stoppedHere() {
    return new SourceCursor(
        run,
        specHash,
        jobId,
        page,
        row,
        pageSize,
        done,
        startedAt,
        enrichRequest,
        prevDigest,
        origin,
        reemitAt,
        completed,
        true);
  }

  /** When the job was submitted, as the API says it was created (a replayed submit). */
  SourceCursor startedAt(long submitted) {
    return new SourceCursor(
        run,
        specHash,
        jobId,
        page,
        row,
        pageSize,
        done,
        submitted,
        enrichRequest,
        prevDigest,
        origin,
        reemitAt,
        completed,
        stopped);
  }

  /** The spec name the record's job belongs to, or null in a format-1 record. */
  public String originName() {
    return origin == null ? null : origin.name();
  }

  boolean reemitting() {
    return reemitAt > 0;
  }

  /** The offset map stored by Connect; numbers are longs because they come back as longs. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new HashMap<>();
    map.put(VERSION, FORMAT);
    map.put(RUN, run);
    map.put(SPEC_HASH, specHash);
    map.put(JOB_ID, jobId);
    map.put(PAGE, page);
    map.put(ROW, row);
    map.put(PAGE_SIZE, (long) pageSize);
    map.put(DONE, done);
    map.put(STARTED_AT, startedAt);
    map.put(ENRICH_REQUEST, enrichRequest);
    map.put(PREV_DIGEST, prevDigest);
    if (origin != null) {
      map.put(SPEC_NAME, origin.name());
      map.put(EXTERNAL_USER_ID, origin.externalUserId());
      map.put(TOOL_TYPE, origin.toolType());
      map.put(TOPIC, origin.topic());
    }
    map.put(REEMIT_AT, reemitAt);
    map.put(COMPLETED, completed);
    map.put(STOPPED, stopped);
    return map;
  }

  /**
   * Reads a stored record of format 1 or 2.
   *
   * @throws IllegalArgumentException naming the key that is missing or of the wrong type
   */
  public static SourceCursor fromMap(Map<String, ?> map) {
    return OffsetFormat.read(map);
  }

  /**
   * The run record in a stored offset, or null when there is none: no offset, or only the owner
   * stamp of a task that released a spec it never ran.
   */
  static SourceCursor fromStored(Map<String, ?> offset) {
    return offset == null || !offset.containsKey(RUN) ? null : fromMap(offset);
  }

  /** Whether {@code offset} is an owner stamp alone: the release of a spec never run there. */
  public static boolean isStampOnly(Map<String, ?> offset) {
    return offset != null && !offset.containsKey(RUN) && offset.containsKey(OwnerStamp.OWNER);
  }
}
