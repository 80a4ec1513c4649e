package co.igscraper.kafka.connect.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts where one client's responses departed from the documented shape, by endpoint and field,
 * and logs each (endpoint, field, kind) once: what the API changed, never a value.
 */
public final class ContractDrift {
  private static final Logger LOG = LoggerFactory.getLogger(ContractDrift.class);

  /** Distinct (endpoint, field) counters kept; a server inventing field names cannot grow more. */
  static final int MAX_FIELDS = 200;

  /** The field name counted once {@link #MAX_FIELDS} is reached. */
  static final String OTHER_FIELD = "(other)";

  /** How a response departed from the docs. */
  public enum Kind {
    /** Understood, but sent in a shape the docs do not show (a number as a string, say). */
    COERCED("came in another shape; read anyway"),
    /** Not understood; the field was read as absent (null). */
    UNREADABLE("could not be understood; read as absent"),
    /** A field the docs do not name; ignored. */
    UNKNOWN_FIELD("is not in the docs; ignored"),
    /** A field needed for progress was missing or unusable; the response was refused. */
    MALFORMED("is needed to make progress and was unusable; the response was refused");

    private final String meaning;

    Kind(String meaning) {
      this.meaning = meaning;
    }
  }

  /** One counted place: an endpoint's metric name ({@code get-job}) and a field path. */
  public record Key(String endpoint, String field) {}

  private final String secret;
  private final ConcurrentMap<Key, LongAdder> counts = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final LongAdder total = new LongAdder();
  private final List<Consumer<Key>> listeners = new CopyOnWriteArrayList<>();

  private final Consumer<String> warn;

  /** {@code secret} is redacted from the field names a server sends, before they are logged. */
  ContractDrift(String secret) {
    this(secret, LOG::warn);
  }

  ContractDrift(String secret, Consumer<String> warn) {
    this.secret = secret;
    this.warn = warn;
  }

  /** Calls {@code onNewKey} the first time a deviation is counted for an (endpoint, field). */
  public void onNewKey(Consumer<Key> onNewKey) {
    listeners.add(onNewKey);
  }

  /** All deviations counted so far. */
  public long total() {
    return total.sum();
  }

  /** Deviations counted for one endpoint and field (0 when none). */
  public long count(Key key) {
    LongAdder adder = counts.get(key);
    return adder == null ? 0 : adder.sum();
  }

  /** A snapshot of the counters. */
  public Map<Key, Long> counts() {
    Map<Key, Long> out = new LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /**
   * Counts one deviation and logs it if this (endpoint, field, kind) was not logged before.
   *
   * @param endpoint the endpoint constant of {@link IgScraperClient}, e.g. {@code GET /jobs/{id}}
   * @param field the field path, e.g. {@code pagination.has_next}
   * @param jsonType the JSON type seen ({@code string}, {@code object}, ...), never the value
   */
  void record(String endpoint, String field, Kind kind, String jsonType) {
    String safeField = safe(field);
    total.increment();
    Key key = new Key(metricName(endpoint), safeField);
    LongAdder adder = counts.get(key);
    if (adder == null) {
      if (counts.size() >= MAX_FIELDS) {
        key = new Key(key.endpoint(), OTHER_FIELD);
      }
      LongAdder fresh = new LongAdder();
      adder = counts.putIfAbsent(key, fresh);
      if (adder == null) {
        adder = fresh;
        notifyListener(key);
      }
    }
    adder.increment();
    if (warned.size() < MAX_FIELDS * 4 && warned.add(endpoint + '\n' + safeField + '\n' + kind)) {
      warn.accept(
          "igscraper API drift: "
              + endpoint
              + " field '"
              + safeField
              + "' (JSON "
              + jsonType
              + ") "
              + kind.meaning
              + ". Logged once per task; counted in the contract-deviations metric (endpoint="
              + key.endpoint()
              + ", field="
              + key.field()
              + ")");
    }
  }

  private void notifyListener(Key key) {
    for (Consumer<Key> listener : listeners) {
      try {
        listener.accept(key);
      } catch (RuntimeException e) {
        LOG.debug("contract-deviations metric for {} not published", key, e);
      }
    }
  }

  /** The short endpoint name used as a metric tag. */
  static String metricName(String endpoint) {
    return switch (endpoint) {
      case IgScraperClient.SUBMIT -> "submit";
      case IgScraperClient.GET_JOB -> "get-job";
      case IgScraperClient.RESULTS -> "results";
      case IgScraperClient.PREFLIGHT -> "enrich-preflight";
      case IgScraperClient.START_ENRICHMENT -> "enrich-start";
      default -> endpoint;
    };
  }

  /** Field names come from the server: short, printable, key-free. */
  private String safe(String field) {
    String text = BodySnippet.redact(field == null ? "" : field, secret);
    text = text.replaceAll("[^\\x21-\\x7e]", "?");
    return text.length() > 64 ? text.substring(0, 61) + "..." : text;
  }
}
