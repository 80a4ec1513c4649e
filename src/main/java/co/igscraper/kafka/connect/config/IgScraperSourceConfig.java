package co.igscraper.kafka.connect.config;

import co.igscraper.kafka.connect.client.ClientSettings;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The typed configuration of the igscraper source connector and its tasks. */
public class IgScraperSourceConfig extends AbstractConfig {

  public static final String CONNECTION_GROUP = "Connection";
  public static final String JOBS_GROUP = "Jobs";
  public static final String POLLING_GROUP = "Polling";
  public static final String LIMITS_GROUP = "Limits and retries";

  public static final String API_URL_CONFIG = "igscraper.api.url";
  public static final String API_URL_DEFAULT = "https://igscraper.co/api/v1";
  private static final String API_URL_DOC =
      "Base URL of the igscraper v1 API, up to and including /api/v1. Point it at the simulator for"
          + " tests.";

  public static final String API_KEY_CONFIG = "igscraper.api.key";
  private static final String API_KEY_DOC =
      "igscraper API key (sent as a Bearer token). Prefer a config provider, for example"
          + " ${env:IGSCRAPER_API_KEY}, over clear text.";

  public static final String CONNECT_TIMEOUT_CONFIG = "igscraper.http.connect.timeout.ms";
  private static final String CONNECT_TIMEOUT_DOC = "TCP connect timeout for API calls.";
  public static final String READ_TIMEOUT_CONFIG = "igscraper.http.read.timeout.ms";
  private static final String READ_TIMEOUT_DOC =
      "Read timeout for one API response; a slow result page beyond it is retried.";
  public static final String RESPONSE_MAX_BYTES_CONFIG = "igscraper.http.response.max.bytes";
  private static final String RESPONSE_MAX_BYTES_DOC =
      "Largest API response body read, after decompression. A larger body is refused as malformed"
          + " (and retried) without being read into memory, so one misbehaving server cannot"
          + " exhaust a shared worker's heap. The default is several times a 200-row page with"
          + " every add-on.";
  public static final String PROXY_CONFIG = "igscraper.http.proxy";
  private static final String PROXY_DOC =
      "Optional HTTP proxy as host:port. Empty means a direct connection.";
  public static final String TRUSTSTORE_LOCATION_CONFIG = "igscraper.ssl.truststore.location";
  private static final String TRUSTSTORE_LOCATION_DOC =
      "Optional trust store for the API's TLS certificate (for example a corporate CA). Empty means"
          + " the JVM's default trust store. Certificates are always verified.";
  public static final String TRUSTSTORE_PASSWORD_CONFIG = "igscraper.ssl.truststore.password";
  private static final String TRUSTSTORE_PASSWORD_DOC = "Password of the trust store, if any.";
  public static final String TRUSTSTORE_TYPE_CONFIG = "igscraper.ssl.truststore.type";
  private static final String TRUSTSTORE_TYPE_DOC = "Trust store type: PKCS12 or JKS.";

  public static final String JOBS_CONFIG = "igscraper.jobs";
  private static final String JOBS_DOC =
      "JSON array of job specs. Each spec: {\"name\": unique [A-Za-z0-9._-]{1,100} (the spec's identity"
          + " for offsets), \"external_user_id\": your end user's id, \"tool_type\": for example"
          + " \"followers\", \"params\": passed to the API, optional \"repeat_every\": an ISO-8601"
          + " duration such as PT1H for recurring runs}.";
  public static final String TOPIC_CONFIG = "topic";
  public static final String TOPIC_DEFAULT = "igscraper.${tool_type}";
  private static final String TOPIC_DOC =
      "Output topic template. Placeholders: ${tool_type}, ${job} (the spec name),"
          + " ${external_user_id}. Characters not legal in a topic name become '_'.";
  public static final String EVENTS_TOPIC_CONFIG = "igscraper.events.topic";
  private static final String EVENTS_TOPIC_DOC =
      "Optional topic that receives one record per job state change (submitted, progress,"
          + " completed with number_of_results and cost_charged, failed with the server's message)."
          + " These records also carry the spec's offset, so a job is durable before its first row."
          + " Empty disables events.";
  public static final String CONTROL_TOPIC_CONFIG = "igscraper.control.topic";
  private static final String CONTROL_TOPIC_DOC =
      "Optional compacted topic of job specs managed at runtime: key = spec name, value = a spec as"
          + " JSON (as in igscraper.jobs), a tombstone removes the spec; key 'enrich:<spec name>'"
          + " with {\"enrich_profiles\": true, \"enrich_country_date\": true} asks for a"
          + " retroactive enrichment of that spec's last job. Empty disables it.";
  public static final String CONTROL_BOOTSTRAP_CONFIG = "igscraper.control.bootstrap.servers";
  private static final String CONTROL_BOOTSTRAP_DOC =
      "Kafka bootstrap servers for reading the control topic (a connector cannot see its worker's)."
          + " Other client settings (security.protocol, sasl.*, ssl.*) go under the prefix"
          + " igscraper.control.client.";
  public static final String CONTROL_CLIENT_PREFIX = "igscraper.control.client.";
  public static final String STATUS_TOPIC_CONFIG = "igscraper.status.topic";
  private static final String STATUS_TOPIC_DOC =
      "Optional topic of the spec table: one record per spec (key: connector and spec name),"
          + " rewritten whenever the spec's state changes: phase, run, job id and status, rows of"
          + " this run and of all runs, credits spent, whether it is stalled and since when, the"
          + " last error, the next run. Make it compacted (see the README, 'The spec table') and a"
          + " read of it says what every spec is doing now. A removed spec's record is deleted (a"
          + " tombstone). Empty (the default) writes no table.";
  public static final String CONTROL_TOOL_TYPES_CONFIG = "igscraper.control.allowed.tool.types";
  private static final String CONTROL_TOOL_TYPES_DOC =
      "Guard for the control topic: the tool types a spec from it may use, comma-separated (e.g."
          + " followers,following). A spec with another is refused like an invalid spec. Empty"
          + " (the default) allows every tool type. Specs in igscraper.jobs are not guarded.";
  public static final String CONTROL_MAX_RESULTS_CONFIG = "igscraper.control.max.results";
  private static final String CONTROL_MAX_RESULTS_DOC =
      "Guard for the control topic: the largest value any max_* parameter of a spec from it may"
          + " ask for (max_followers, max_following, ...), each on its own."
          + " 0 (the default) sets no ceiling.";
  public static final String CONTROL_USER_PATTERNS_CONFIG =
      "igscraper.control.allowed.external.user.ids";
  private static final String CONTROL_USER_PATTERNS_DOC =
      "Guard for the control topic: Java regular expressions, comma-separated, one of which a"
          + " spec's whole external_user_id must match (e.g. customer-[0-9]+). Empty (the"
          + " default) allows any end user.";
  public static final String CONTROL_CREATE_CONFIG = "igscraper.control.topic.create";
  private static final String CONTROL_CREATE_DOC =
      "Create the control topic (compacted, one partition) when it does not exist.";
  public static final String PAGE_SIZE_CONFIG = "igscraper.page.size";
  private static final String PAGE_SIZE_DOC =
      "Rows per results page. The API's maximum (200) needs the fewest requests.";
  public static final String FAILURE_POLICY_CONFIG = "igscraper.job.failure.policy";
  private static final String FAILURE_POLICY_DOC =
      "What a FAILED, CANCELLED or timed-out job, or a job the API rejects, does: stop_spec (that"
          + " spec stops, the others go on) or fail_task (the task fails and reports why).";
  public static final String IDEMPOTENCY_KEY_PREFIX_CONFIG = "igscraper.idempotency.key.prefix";
  public static final int IDEMPOTENCY_KEY_PREFIX_MAX_LENGTH = 64;
  private static final String IDEMPOTENCY_KEY_PREFIX_DOC =
      "Optional namespace mixed into the hash of every job's Idempotency-Key (keys stay 68"
          + " characters). Set a different value per deployment when two Connect clusters run a"
          + " connector of the same name against one API key, so neither gets the other's jobs"
          + " replayed or refused with 409 IDEMPOTENCY_KEY_MISMATCH. Empty (the default) gives the"
          + " keys of earlier versions, so existing deployments keep replaying the jobs they"
          + " submitted. Change it only while no job is in flight: a run submitted but not yet in"
          + " the offsets would be submitted again as a new job.";

  public static final String POLL_MIN_CONFIG = "igscraper.poll.interval.min.ms";
  private static final String POLL_MIN_DOC =
      "Shortest interval between status polls of one job; the vendor recommends 2 s.";
  public static final String POLL_MAX_CONFIG = "igscraper.poll.interval.max.ms";
  private static final String POLL_MAX_DOC =
      "Longest interval between status polls. Between the two, a job is polled every tenth of its"
          + " age, so short jobs are polled every 2 s and long ones back off toward this bound.";
  public static final String JOB_TIMEOUT_CONFIG = "igscraper.job.timeout.ms";
  private static final String JOB_TIMEOUT_DOC =
      "How long a job may stay QUEUED or PROCESSING before the connector gives up on it.";

  public static final String REQUESTS_PER_MINUTE_CONFIG = "igscraper.limit.requests.per.minute";
  public static final String TASK_CAPACITY_CONFIG = "igscraper.task.capacity.requests.per.minute";
  private static final String TASK_CAPACITY_DOC =
      "How many API requests per minute one task is counted on to make (its one I/O thread, at"
          + " about 100 ms a call). The connector runs min(tasks.max, ceil("
          + "igscraper.limit.requests.per.minute / this)) tasks: each task has a fixed share of the"
          + " account's limits, so the fewer tasks share them, the less budget idles on a task"
          + " without work. At the public limits (60 a minute) that is one task, which has the"
          + " whole budget.";
  public static final String REQUESTS_PER_HOUR_CONFIG = "igscraper.limit.requests.per.hour";
  public static final String SUBMITS_PER_HOUR_CONFIG = "igscraper.limit.submits.per.hour";
  public static final String USER_SUBMITS_PER_MINUTE_CONFIG =
      "igscraper.limit.user.submits.per.minute";
  public static final String USER_SUBMITS_PER_HOUR_CONFIG = "igscraper.limit.user.submits.per.hour";
  private static final String LIMIT_DOC =
      " The account-wide limits are divided among the connector's tasks, wherever they run. Raise"
          + " only if your account has custom limits. The limiter keeps one timestamp per permit in"
          + " a window, hence the upper bounds.";
  public static final String RETRY_MAX_ATTEMPTS_CONFIG = "igscraper.retry.max.attempts";
  private static final String RETRY_MAX_ATTEMPTS_DOC =
      "Retries of one transient failure (I/O error, 429, 500, 503) inside one API call.";
  public static final String RETRY_BACKOFF_MIN_CONFIG = "igscraper.retry.backoff.min.ms";
  private static final String RETRY_BACKOFF_MIN_DOC =
      "First retry delay; later ones double, with full jitter.";
  public static final String RETRY_BACKOFF_MAX_CONFIG = "igscraper.retry.backoff.max.ms";
  private static final String RETRY_BACKOFF_MAX_DOC = "Longest delay between two retries.";
  public static final String GIVE_UP_CONFIG = "igscraper.retry.give.up.after.ms";
  private static final String GIVE_UP_DOC =
      "How long a spec may keep failing transiently (I/O errors, 429, 5xx), with no progress, before"
          + " it counts as stalled: a STALLED job event and the specs-stalled metric, or, with"
          + " igscraper.stall.policy=fail_task, the task fails and says why.";
  public static final String STALL_POLICY_CONFIG = "igscraper.stall.policy";
  private static final String STALL_POLICY_DOC =
      "What a stalled spec (see igscraper.retry.give.up.after.ms) does: keep_retrying (it goes on"
          + " trying at least every 5 minutes, honouring a Retry-After up to that, so an API outage"
          + " heals by itself;"
          + " the stall shows as a STALLED job event and in specs-stalled until a call succeeds,"
          + " then a RECOVERED event) or fail_task (the task fails and says why, and rows stop until"
          + " it is restarted). A refused API key (401) fails the task either way.";
  public static final String BUFFER_RECORDS_CONFIG = "igscraper.buffer.max.records";
  private static final String BUFFER_RECORDS_DOC =
      "Records fetched ahead of Kafka per task. Bounds memory; a few pages keep the pipe full.";

  /** What a spec that fails transiently for too long does. */
  public enum StallPolicy {
    KEEP_RETRYING,
    FAIL_TASK
  }

  /** What the task does when a job cannot complete. */
  public enum FailurePolicy {
    STOP_SPEC,
    FAIL_TASK
  }

  public static final ConfigDef CONFIG_DEF = configDef();

  public IgScraperSourceConfig(Map<?, ?> originals) {
    this(CONFIG_DEF, originals);
  }

  protected IgScraperSourceConfig(ConfigDef def, Map<?, ?> originals) {
    super(def, originals);
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(
            API_URL_CONFIG,
            Type.STRING,
            API_URL_DEFAULT,
            new HttpUrlValidator(),
            Importance.HIGH,
            API_URL_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.LONG,
            "API URL")
        .define(
            API_KEY_CONFIG,
            Type.PASSWORD,
            ConfigDef.NO_DEFAULT_VALUE,
            ConfigDef.LambdaValidator.with(
                (name, value) -> {
                  // A missing key has ConfigDef's own message; one message per problem.
                  String key = value == null ? null : ((Password) value).value();
                  if (key != null
                      && (key.isBlank() || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F))) {
                    throw new ConfigException(ValidationMessages.apiKeyUnprintable(name));
                  }
                },
                () -> "a non-empty API key"),
            Importance.HIGH,
            API_KEY_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.MEDIUM,
            "API key")
        .define(
            CONNECT_TIMEOUT_CONFIG,
            Type.LONG,
            10_000L,
            Bounds.between(100L, 300_000L),
            Importance.LOW,
            CONNECT_TIMEOUT_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.SHORT,
            "Connect timeout (ms)")
        .define(
            READ_TIMEOUT_CONFIG,
            Type.LONG,
            30_000L,
            Bounds.between(100L, 600_000L),
            Importance.LOW,
            READ_TIMEOUT_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.SHORT,
            "Read timeout (ms)")
        .define(
            RESPONSE_MAX_BYTES_CONFIG,
            Type.LONG,
            ClientSettings.DEFAULT_MAX_RESPONSE_BYTES,
            Bounds.between(ClientSettings.MIN_RESPONSE_BYTES, 1L << 30),
            Importance.LOW,
            RESPONSE_MAX_BYTES_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.SHORT,
            "Largest response body (bytes)")
        .define(
            PROXY_CONFIG,
            Type.STRING,
            "",
            new HostPortValidator(),
            Importance.LOW,
            PROXY_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.MEDIUM,
            "HTTP proxy")
        .define(
            TRUSTSTORE_LOCATION_CONFIG,
            Type.STRING,
            "",
            Importance.LOW,
            TRUSTSTORE_LOCATION_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.LONG,
            "Trust store")
        .define(
            TRUSTSTORE_PASSWORD_CONFIG,
            Type.PASSWORD,
            null,
            Importance.LOW,
            TRUSTSTORE_PASSWORD_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.MEDIUM,
            "Trust store password")
        .define(
            TRUSTSTORE_TYPE_CONFIG,
            Type.STRING,
            "PKCS12",
            OneOf.caseInsensitive("PKCS12", "JKS"),
            Importance.LOW,
            TRUSTSTORE_TYPE_DOC,
            CONNECTION_GROUP,
            ++order,
            Width.SHORT,
            "Trust store type");
    order = 0;
    def.define(
            JOBS_CONFIG,
            Type.STRING,
            "[]",
            new JobSpecsValidator(),
            Importance.HIGH,
            JOBS_DOC,
            JOBS_GROUP,
            ++order,
            Width.LONG,
            "Job specs")
        .define(
            TOPIC_CONFIG,
            Type.STRING,
            TOPIC_DEFAULT,
            new TopicTemplateValidator(),
            Importance.HIGH,
            TOPIC_DOC,
            JOBS_GROUP,
            ++order,
            Width.MEDIUM,
            "Topic template")
        .define(
            EVENTS_TOPIC_CONFIG,
            Type.STRING,
            "",
            topicName("empty disables events"),
            Importance.MEDIUM,
            EVENTS_TOPIC_DOC,
            JOBS_GROUP,
            ++order,
            Width.MEDIUM,
            "Job events topic")
        .define(
            STATUS_TOPIC_CONFIG,
            Type.STRING,
            "",
            topicName("empty writes no spec table"),
            Importance.MEDIUM,
            STATUS_TOPIC_DOC,
            JOBS_GROUP,
            ++order,
            Width.MEDIUM,
            "Spec table topic")
        .define(
            CONTROL_TOPIC_CONFIG,
            Type.STRING,
            "",
            Importance.MEDIUM,
            CONTROL_TOPIC_DOC,
            JOBS_GROUP,
            ++order,
            Width.MEDIUM,
            "Control topic")
        .define(
            CONTROL_BOOTSTRAP_CONFIG,
            Type.STRING,
            "",
            Importance.MEDIUM,
            CONTROL_BOOTSTRAP_DOC,
            JOBS_GROUP,
            ++order,
            Width.LONG,
            "Control topic bootstrap servers")
        .define(
            CONTROL_TOOL_TYPES_CONFIG,
            Type.LIST,
            "",
            ControlGuards.toolTypes(),
            Importance.MEDIUM,
            CONTROL_TOOL_TYPES_DOC,
            JOBS_GROUP,
            ++order,
            Width.LONG,
            "Control topic: allowed tool types")
        .define(
            CONTROL_MAX_RESULTS_CONFIG,
            Type.LONG,
            0L,
            Bounds.between(0L, 1_000_000_000L),
            Importance.MEDIUM,
            CONTROL_MAX_RESULTS_DOC,
            JOBS_GROUP,
            ++order,
            Width.SHORT,
            "Control topic: largest max_*")
        .define(
            CONTROL_USER_PATTERNS_CONFIG,
            Type.LIST,
            "",
            ControlGuards.patterns(),
            Importance.MEDIUM,
            CONTROL_USER_PATTERNS_DOC,
            JOBS_GROUP,
            ++order,
            Width.LONG,
            "Control topic: allowed end users")
        .define(
            CONTROL_CREATE_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.LOW,
            CONTROL_CREATE_DOC,
            JOBS_GROUP,
            ++order,
            Width.SHORT,
            "Create control topic")
        .define(
            PAGE_SIZE_CONFIG,
            Type.INT,
            200,
            Bounds.between(1, 200),
            Importance.LOW,
            PAGE_SIZE_DOC,
            JOBS_GROUP,
            ++order,
            Width.SHORT,
            "Page size")
        .define(
            FAILURE_POLICY_CONFIG,
            Type.STRING,
            "stop_spec",
            OneOf.caseInsensitive("stop_spec", "fail_task"),
            Importance.MEDIUM,
            FAILURE_POLICY_DOC,
            JOBS_GROUP,
            ++order,
            Width.SHORT,
            "Failure policy",
            new EnumRecommender("stop_spec", "fail_task"))
        .define(
            IDEMPOTENCY_KEY_PREFIX_CONFIG,
            Type.STRING,
            "",
            ConfigDef.LambdaValidator.with(
                (name, value) -> {
                  String prefix = value == null ? "" : value.toString();
                  if (prefix.length() > IDEMPOTENCY_KEY_PREFIX_MAX_LENGTH
                      || !prefix.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                    throw new ConfigException(
                        ValidationMessages.idempotencyKeyPrefix(
                            name, IDEMPOTENCY_KEY_PREFIX_MAX_LENGTH, prefix));
                  }
                },
                () ->
                    "empty, or up to "
                        + IDEMPOTENCY_KEY_PREFIX_MAX_LENGTH
                        + " printable ASCII characters without spaces"),
            Importance.LOW,
            IDEMPOTENCY_KEY_PREFIX_DOC,
            JOBS_GROUP,
            ++order,
            Width.MEDIUM,
            "Idempotency key prefix");
    order = 0;
    def.define(
            POLL_MIN_CONFIG,
            Type.LONG,
            2_000L,
            Bounds.between(100L, 600_000L),
            Importance.LOW,
            POLL_MIN_DOC,
            POLLING_GROUP,
            ++order,
            Width.SHORT,
            "Min poll interval (ms)")
        .define(
            POLL_MAX_CONFIG,
            Type.LONG,
            15_000L,
            Bounds.between(100L, 3_600_000L),
            Importance.LOW,
            POLL_MAX_DOC,
            POLLING_GROUP,
            ++order,
            Width.SHORT,
            "Max poll interval (ms)")
        .define(
            JOB_TIMEOUT_CONFIG,
            Type.LONG,
            3_600_000L,
            Bounds.between(1_000L, 7L * 24 * 3_600_000L),
            Importance.MEDIUM,
            JOB_TIMEOUT_DOC,
            POLLING_GROUP,
            ++order,
            Width.SHORT,
            "Job timeout (ms)");
    order = 0;
    def.define(
            REQUESTS_PER_MINUTE_CONFIG,
            Type.INT,
            60,
            Bounds.between(1, 100_000),
            Importance.MEDIUM,
            "Requests per minute the account may send." + LIMIT_DOC,
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Requests per minute")
        .define(
            TASK_CAPACITY_CONFIG,
            Type.INT,
            600,
            Bounds.between(1, 1_000_000),
            Importance.LOW,
            TASK_CAPACITY_DOC,
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Requests per minute per task")
        .define(
            REQUESTS_PER_HOUR_CONFIG,
            Type.INT,
            1000,
            Bounds.between(1, 1_000_000),
            Importance.MEDIUM,
            "Requests per hour the account may send." + LIMIT_DOC,
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Requests per hour")
        .define(
            SUBMITS_PER_HOUR_CONFIG,
            Type.INT,
            120,
            Bounds.between(1, 10_000_000),
            Importance.LOW,
            "Job submissions per hour for the account." + LIMIT_DOC,
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Submits per hour")
        .define(
            USER_SUBMITS_PER_MINUTE_CONFIG,
            Type.INT,
            5,
            Bounds.between(1, 10_000),
            Importance.LOW,
            "Job submissions per minute for one external_user_id (burst limit).",
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Submits per user per minute")
        .define(
            USER_SUBMITS_PER_HOUR_CONFIG,
            Type.INT,
            12,
            Bounds.between(1, 100_000),
            Importance.LOW,
            "Job submissions per hour for one external_user_id.",
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Submits per user per hour")
        .define(
            RETRY_MAX_ATTEMPTS_CONFIG,
            Type.INT,
            5,
            Bounds.between(0, 100),
            Importance.LOW,
            RETRY_MAX_ATTEMPTS_DOC,
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Retries per call")
        .define(
            RETRY_BACKOFF_MIN_CONFIG,
            Type.LONG,
            500L,
            Bounds.between(1L, 600_000L),
            Importance.LOW,
            RETRY_BACKOFF_MIN_DOC,
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Min retry backoff (ms)")
        .define(
            RETRY_BACKOFF_MAX_CONFIG,
            Type.LONG,
            30_000L,
            Bounds.between(1L, 3_600_000L),
            Importance.LOW,
            RETRY_BACKOFF_MAX_DOC,
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Max retry backoff (ms)")
        .define(
            GIVE_UP_CONFIG,
            Type.LONG,
            900_000L,
            Bounds.between(1_000L, 7L * 24 * 3_600_000L),
            Importance.LOW,
            GIVE_UP_DOC,
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Stalled after (ms)")
        .define(
            STALL_POLICY_CONFIG,
            Type.STRING,
            "keep_retrying",
            OneOf.caseInsensitive("keep_retrying", "fail_task"),
            Importance.MEDIUM,
            STALL_POLICY_DOC,
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Stall policy",
            new EnumRecommender("keep_retrying", "fail_task"))
        .define(
            BUFFER_RECORDS_CONFIG,
            Type.INT,
            1000,
            Bounds.between(1, 100_000),
            Importance.LOW,
            BUFFER_RECORDS_DOC,
            LIMITS_GROUP,
            ++order,
            Width.SHORT,
            "Buffered records");
    return def;
  }

  public URI apiUrl() {
    return URI.create(stripTrailingSlash(getString(API_URL_CONFIG)));
  }

  /** The API key; read only where the {@code Authorization} header is built. */
  public Password apiKey() {
    return getPassword(API_KEY_CONFIG);
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(getLong(CONNECT_TIMEOUT_CONFIG));
  }

  public Duration readTimeout() {
    return Duration.ofMillis(getLong(READ_TIMEOUT_CONFIG));
  }

  /** The largest response body the client reads. */
  public long responseMaxBytes() {
    return getLong(RESPONSE_MAX_BYTES_CONFIG);
  }

  public Optional<Proxy> proxy() {
    String value = getString(PROXY_CONFIG).trim();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    int colon = value.lastIndexOf(':');
    return Optional.of(
        new Proxy(
            Proxy.Type.HTTP,
            InetSocketAddress.createUnresolved(
                value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)))));
  }

  public Optional<Path> trustStoreLocation() {
    String value = getString(TRUSTSTORE_LOCATION_CONFIG).trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
  }

  public Optional<Password> trustStorePassword() {
    return Optional.ofNullable(getPassword(TRUSTSTORE_PASSWORD_CONFIG));
  }

  public String trustStoreType() {
    return getString(TRUSTSTORE_TYPE_CONFIG).toUpperCase(java.util.Locale.ROOT);
  }

  /** The job specs configured in {@code igscraper.jobs}; throws if any is invalid. */
  public List<JobSpec> jobSpecs() {
    JobSpecParser.Result result = JobSpecParser.parse(getString(JOBS_CONFIG));
    if (!result.isValid()) {
      throw new ConfigException(String.join(" ", result.errors()));
    }
    return result.specs();
  }

  public TopicNamer topicNamer() {
    return new TopicNamer(getString(TOPIC_CONFIG));
  }

  public Optional<String> eventsTopic() {
    String value = getString(EVENTS_TOPIC_CONFIG).trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(TopicNamer.legalize(value));
  }

  /** A plain topic name: placeholders are for the rows' topic template only. */
  private static ConfigDef.Validator topicName(String whenEmpty) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value != null && value.toString().contains("${")) {
            throw new ConfigException(ValidationMessages.noPlaceholders(name, value.toString()));
          }
        },
        () -> "a topic name (no placeholders); " + whenEmpty);
  }

  /** The spec table's topic, if any. */
  public Optional<String> statusTopic() {
    String value = getString(STATUS_TOPIC_CONFIG).trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(TopicNamer.legalize(value));
  }

  public Optional<String> controlTopic() {
    String value = getString(CONTROL_TOPIC_CONFIG).trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** The guards a control-topic spec must pass ({@link ControlGuards#NONE} when none is set). */
  public ControlGuards controlGuards() {
    List<Pattern> patterns =
        getList(CONTROL_USER_PATTERNS_CONFIG).stream()
            .map(String::trim)
            .filter(p -> !p.isEmpty())
            .map(Pattern::compile)
            .toList();
    java.util.Set<String> types =
        getList(CONTROL_TOOL_TYPES_CONFIG).stream()
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .collect(java.util.stream.Collectors.toSet());
    return new ControlGuards(types, getLong(CONTROL_MAX_RESULTS_CONFIG), patterns);
  }

  /** Kafka client properties for the control topic: bootstrap servers plus the prefixed ones. */
  public Map<String, Object> controlClientProps() {
    Map<String, Object> props = new java.util.HashMap<>(originalsWithPrefix(CONTROL_CLIENT_PREFIX));
    props.put("bootstrap.servers", getString(CONTROL_BOOTSTRAP_CONFIG));
    return props;
  }

  public boolean createControlTopic() {
    return getBoolean(CONTROL_CREATE_CONFIG);
  }

  /** The namespace mixed into every Idempotency-Key; empty gives the keys of earlier versions. */
  public String idempotencyKeyPrefix() {
    return getString(IDEMPOTENCY_KEY_PREFIX_CONFIG);
  }

  /** Cross-field problems as whole messages, keyed by the config they belong to. */
  public Map<String, List<String>> crossFieldErrors() {
    Map<String, List<String>> errors = new java.util.LinkedHashMap<>();
    if (controlTopic().isPresent() && getString(CONTROL_BOOTSTRAP_CONFIG).isBlank()) {
      errors.put(CONTROL_BOOTSTRAP_CONFIG, List.of(ValidationMessages.controlBootstrapRequired()));
    }
    if (controlTopic().isPresent() && eventsTopic().isEmpty()) {
      // A control-topic spec changes task with its external_user_id; the old task's last record
      // for it, stamped released, is a job event, and the new task starts only once it sees it.
      errors.put(EVENTS_TOPIC_CONFIG, List.of(ValidationMessages.eventsTopicRequired()));
    }
    if (statusTopic().isPresent() && statusTopic().equals(eventsTopic())) {
      // Two schemas under one key space: a compacted read would keep whichever came last.
      errors.put(
          STATUS_TOPIC_CONFIG,
          List.of(
              ValidationMessages.key(
                  STATUS_TOPIC_CONFIG,
                  "must differ from igscraper.events.topic: the spec table is compacted to one"
                      + " record per spec, the events are a history")));
    }
    JobSpecParser.Result parsed = JobSpecParser.parse(getString(JOBS_CONFIG));
    List<String> schedule =
        ScheduleRules.check(
            parsed.specs(),
            userSubmitsPerHour(),
            userSubmitsPerMinute(),
            eventsTopic().isPresent(),
            parsed::subject);
    if (!schedule.isEmpty()) {
      errors.put(JOBS_CONFIG, schedule);
    }
    return errors;
  }

  public int pageSize() {
    return getInt(PAGE_SIZE_CONFIG);
  }

  public FailurePolicy failurePolicy() {
    return FailurePolicy.valueOf(
        getString(FAILURE_POLICY_CONFIG).toUpperCase(java.util.Locale.ROOT));
  }

  public Duration pollIntervalMin() {
    return Duration.ofMillis(getLong(POLL_MIN_CONFIG));
  }

  public Duration pollIntervalMax() {
    return Duration.ofMillis(Math.max(getLong(POLL_MIN_CONFIG), getLong(POLL_MAX_CONFIG)));
  }

  public Duration jobTimeout() {
    return Duration.ofMillis(getLong(JOB_TIMEOUT_CONFIG));
  }

  /** How many tasks the account's limits need: the connector runs no more (see the doc). */
  public int tasksForLimits(int maxTasks) {
    int needed =
        (requestsPerMinute() + getInt(TASK_CAPACITY_CONFIG) - 1) / getInt(TASK_CAPACITY_CONFIG);
    return Math.max(1, Math.min(maxTasks, needed));
  }

  public int requestsPerMinute() {
    return getInt(REQUESTS_PER_MINUTE_CONFIG);
  }

  public int requestsPerHour() {
    return getInt(REQUESTS_PER_HOUR_CONFIG);
  }

  public int submitsPerHour() {
    return getInt(SUBMITS_PER_HOUR_CONFIG);
  }

  public int userSubmitsPerMinute() {
    return getInt(USER_SUBMITS_PER_MINUTE_CONFIG);
  }

  public int userSubmitsPerHour() {
    return getInt(USER_SUBMITS_PER_HOUR_CONFIG);
  }

  public int retryMaxAttempts() {
    return getInt(RETRY_MAX_ATTEMPTS_CONFIG);
  }

  public Duration retryBackoffMin() {
    return Duration.ofMillis(getLong(RETRY_BACKOFF_MIN_CONFIG));
  }

  public Duration retryBackoffMax() {
    return Duration.ofMillis(
        Math.max(getLong(RETRY_BACKOFF_MIN_CONFIG), getLong(RETRY_BACKOFF_MAX_CONFIG)));
  }

  public Duration giveUpAfter() {
    return Duration.ofMillis(getLong(GIVE_UP_CONFIG));
  }

  /** What a spec that has failed transiently for longer than the bound does. */
  public StallPolicy stallPolicy() {
    return StallPolicy.valueOf(getString(STALL_POLICY_CONFIG).toUpperCase(java.util.Locale.ROOT));
  }

  public int bufferMaxRecords() {
    return getInt(BUFFER_RECORDS_CONFIG);
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The text of {@code docs/configuration.md}: a short header, then the generated tables. */
  static String referenceMarkdown() {
    return "# Configuration reference\n\n"
        + "Every setting of `co.igscraper.kafka.connect.IgScraperSourceConnector`, generated from"
        + " its `ConfigDef`.\nDo not edit by hand: regenerate with"
        + " `mvn -q compile exec:java@config-docs`.\n\n"
        + ConfigDocs.markdown(CONFIG_DEF).strip()
        + "\n";
  }

  /**
   * Writes the configuration reference as Markdown to the file named by the first argument ({@code
   * docs/configuration.md}), or prints it when there is none.
   */
  public static void main(String[] args) throws java.io.IOException {
    if (args.length == 0) {
      System.out.print(referenceMarkdown());
    } else {
      java.nio.file.Files.writeString(Path.of(args[0]), referenceMarkdown());
    }
  }
}
