package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.Job;
import co.igscraper.kafka.connect.config.JobSpec;
import co.igscraper.kafka.connect.config.TopicNamer;
import co.igscraper.kafka.connect.schema.JobEventSchemas;
import co.igscraper.kafka.connect.schema.JobEventType;
import co.igscraper.kafka.connect.schema.MappedRow;
import co.igscraper.kafka.connect.schema.RowMapper;
import co.igscraper.kafka.connect.schema.SpecStatusSchemas;
import co.igscraper.kafka.connect.schema.ToolType;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns result rows and job state changes into {@link SourceRecord}s with their offsets. */
final class RecordFactory {
  private static final Logger log = LoggerFactory.getLogger(RecordFactory.class);

  static final String HEADER_JOB_ID = "igscraper.job_id";
  static final String HEADER_SPEC = "igscraper.spec";
  static final String HEADER_USER = "igscraper.external_user_id";
  static final String HEADER_TOOL = "igscraper.tool_type";
  static final String HEADER_RUN = "igscraper.run";
  static final String HEADER_PAGE = "igscraper.page";
  static final String HEADER_ROW = "igscraper.row";

  private final String connectorName;
  private final TopicNamer topics;
  private final Optional<String> eventsTopic;
  private final Optional<String> statusTopic;
  private final Clock clock;
  private final TaskMetrics metrics;
  private final OwnerStamp owner;
  private final Map<String, RowMapper> mappers = new ConcurrentHashMap<>();
  // Expanding the template (string replaces and a regex) once per spec version, not once per row;
  // by name, so old versions are not kept.
  private final Map<String, Routed> topicBySpec = new ConcurrentHashMap<>();

  private record Routed(JobSpec spec, String topic) {}

  private final Map<String, Boolean> parseWarned = new ConcurrentHashMap<>();

  RecordFactory(
      String connectorName,
      TopicNamer topics,
      Optional<String> eventsTopic,
      Clock clock,
      TaskMetrics metrics) {
    this(connectorName, topics, eventsTopic, clock, metrics, new OwnerStamp(0, 1));
  }

  /** {@code owner} stamps every offset this task writes (see {@link Handover}). */
  RecordFactory(
      String connectorName,
      TopicNamer topics,
      Optional<String> eventsTopic,
      Clock clock,
      TaskMetrics metrics,
      OwnerStamp owner) {
    this(connectorName, topics, eventsTopic, Optional.empty(), clock, metrics, owner);
  }

  /** With the spec table written to {@code statusTopic}, when present. */
  RecordFactory(
      String connectorName,
      TopicNamer topics,
      Optional<String> eventsTopic,
      Optional<String> statusTopic,
      Clock clock,
      TaskMetrics metrics,
      OwnerStamp owner) {
    this.connectorName = connectorName;
    this.topics = topics;
    this.eventsTopic = eventsTopic;
    this.statusTopic = statusTopic;
    this.clock = clock;
    this.metrics = metrics;
    this.owner = owner;
  }

  /** The stamp this task writes. */
  OwnerStamp owner() {
    return owner;
  }

  /** The version of {@code spec} a job submitted now is finished by: its routing and labels. */
  RunSpec runSpecFor(JobSpec spec) {
    return new RunSpec(
        spec.name(),
        spec.externalUserId(),
        spec.toolType(),
        topicBySpec
            .compute(
                spec.name(),
                (name, routed) ->
                    routed != null && routed.spec().equals(spec)
                        ? routed
                        : new Routed(spec, topics.topicFor(spec)))
            .topic());
  }

  /** A record for one result row; its offset is {@code next}, the run record after this row. */
  SourceRecord row(
      RunSpec spec,
      SourceCursor current,
      SourceCursor next,
      Map<String, String> row,
      long page,
      int rowIndex,
      long run,
      OwnerStamp stamp,
      SpecLedger totals) {
    RowMapper mapper = mappers.computeIfAbsent(spec.toolType(), RecordFactory::mapperFor);
    MappedRow mapped = mapper.map(row);
    if (mapped.parseFailures() > 0) {
      metrics.parseFailures(mapped.parseFailures());
      if (parseWarned.putIfAbsent(spec.name(), Boolean.TRUE) == null) {
        log.warn(
            "Spec '{}': {} value(s) in a row could not be parsed into their typed column and were"
                + " set to null (first: {}); further occurrences are only counted",
            spec.name(),
            mapped.parseFailures(),
            mapped.failedColumns());
      }
    }
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(HEADER_JOB_ID, current.jobId());
    headers.addString(HEADER_SPEC, spec.name());
    headers.addString(HEADER_USER, spec.externalUserId());
    headers.addString(HEADER_TOOL, spec.toolType());
    headers.addLong(HEADER_RUN, run);
    headers.addLong(HEADER_PAGE, page);
    headers.addInt(HEADER_ROW, rowIndex);
    return new SourceRecord(
        SpecPartition.of(spec.name()),
        totals.addTo(stamp.stamp(next.toMap())),
        spec.topic(),
        null,
        mapped.key().schema(),
        mapped.key(),
        mapped.value().schema(),
        mapped.value(),
        null,
        headers);
  }

  /**
   * Job-event records (none when events are disabled). The event carries the spec's current cursor,
   * so a submitted job is durable in the offsets before its first row.
   */
  List<SourceRecord> event(
      RunSpec spec,
      SourceCursor cursor,
      long run,
      JobEventType type,
      Job job,
      long rowsEmitted,
      String message,
      BigDecimal estimatedCost,
      OwnerStamp stamp,
      SpecLedger totals) {
    if (eventsTopic.isEmpty()) {
      return List.of();
    }
    return eventRecord(
        spec, cursor, run, type, job, rowsEmitted, message, estimatedCost, stamp, totals);
  }

  /**
   * The last record this task writes for a spec that now belongs to another task: the run record as
   * it stands (or none, if this task never stored one), stamped released at control-topic offset
   * {@code at}, by {@code stamp}'s turn. Needs the events topic (the config refuses a control topic
   * without one).
   */
  List<SourceRecord> released(
      RunSpec spec,
      SourceCursor cursor,
      long run,
      String message,
      long at,
      OwnerStamp stamp,
      SpecLedger totals) {
    if (eventsTopic.isEmpty()) {
      throw new IllegalStateException("a spec can only be handed over through the events topic");
    }
    Struct value =
        JobEventSchemas.event(
                connectorName, spec.name(), run, JobEventType.HANDED_OVER, clock.instant())
            .externalUserId(spec.externalUserId())
            .toolType(spec.toolType())
            .jobId(cursor == null ? null : cursor.jobId())
            .message(message)
            .build();
    Map<String, Object> offset =
        totals.addTo(stamp.release(at).stamp(cursor == null ? Map.of() : cursor.toMap()));
    return List.of(eventSourceRecord(spec.name(), offset, value));
  }

  private List<SourceRecord> eventRecord(
      RunSpec spec,
      SourceCursor cursor,
      long run,
      JobEventType type,
      Job job,
      long rowsEmitted,
      String message,
      BigDecimal estimatedCost,
      OwnerStamp stamp,
      SpecLedger totals) {
    JobEventSchemas.Builder builder =
        JobEventSchemas.event(connectorName, spec.name(), run, type, clock.instant())
            .externalUserId(spec.externalUserId())
            .toolType(spec.toolType())
            .jobId(cursor == null ? null : cursor.jobId())
            .rowsEmitted(rowsEmitted)
            .message(message)
            .estimatedCost(estimatedCost);
    if (job != null) {
      builder
          .status(job.status().name())
          .progressPercent(job.progressPercent())
          .numberOfResults(job.numberOfResults())
          .costCharged(job.costCharged());
      if (job.error() != null) {
        builder.errorCode(job.error().code());
      }
    }
    // Before a spec's first job there is no position to store; a null offset would be a tombstone.
    return List.of(
        eventSourceRecord(
            spec.name(),
            cursor == null ? null : totals.addTo(stamp.stamp(cursor.toMap())),
            builder.build()));
  }

  /** A job-event record of {@code specName}; with an offset, also in the spec's partition. */
  private SourceRecord eventSourceRecord(
      String specName, Map<String, Object> offset, Struct value) {
    return new SourceRecord(
        offset == null ? null : SpecPartition.of(specName),
        offset,
        eventsTopic.get(),
        null,
        JobEventSchemas.KEY,
        JobEventSchemas.key(connectorName, specName),
        JobEventSchemas.VALUE,
        value);
  }

  /** Whether the spec table is written. */
  boolean statusOn() {
    return statusTopic.isPresent();
  }

  /**
   * The spec table's record of {@code specName} as {@code state} now; none when the table is off.
   * It carries no offset: the table reports, the run record in the offsets decides.
   */
  List<SourceRecord> status(String specName, SpecStatusSchemas.State state) {
    if (statusTopic.isEmpty()) {
      return List.of();
    }
    return List.of(
        statusRecord(specName, state.toStruct(connectorName, specName, clock.instant())));
  }

  /** Deletes a removed spec's row from the (compacted) spec table. */
  List<SourceRecord> statusRemoved(String specName) {
    if (statusTopic.isEmpty()) {
      return List.of();
    }
    return List.of(statusRecord(specName, null));
  }

  /** A spec-table record; a null value is the tombstone of a removed spec. */
  private SourceRecord statusRecord(String specName, Struct value) {
    return new SourceRecord(
        null,
        null,
        statusTopic.get(),
        null,
        SpecStatusSchemas.KEY,
        SpecStatusSchemas.key(connectorName, specName),
        value == null ? null : SpecStatusSchemas.VALUE,
        value);
  }

  /** An event about a spec that could not be taken (bad control record, name clash). */
  List<SourceRecord> invalidSpec(String specName, String message) {
    if (eventsTopic.isEmpty()) {
      return List.of();
    }
    Struct value =
        JobEventSchemas.event(
                connectorName, specName, 0, JobEventType.SPEC_INVALID, clock.instant())
            .message(message)
            .build();
    return List.of(eventSourceRecord(specName, null, value));
  }

  private static RowMapper mapperFor(String toolType) {
    return new RowMapper(
        ToolType.fromApiName(toolType)
            .orElseThrow(() -> new IllegalArgumentException("unknown tool_type " + toolType)));
  }
}
