package co.igscraper.kafka.connect.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A way of writing responses that stays within the vendor docs but reads them differently from the
 * simulator's own ({@code standard}), so that clients can be tested against API drift.
 *
 * <p>Dialects apply in declaration order to each response as it is written, so that, say,
 * timestamps made epoch numbers stay numbers under {@code string-numbers}.
 */
public enum Dialect {
  STANDARD("standard", null, "the simulator's own reading of the docs (default)", (r, x) -> {}),
  SPARSE(
      "sparse",
      null,
      "optional fields missing or null; has_next or total_pages (or a short page) kept",
      SparseFields::apply),
  EXTRA_FIELDS(
      "extra-fields",
      null,
      "unknown fields of every JSON type in every object outside the rows",
      ExtraFields::apply),
  LOWERCASE_STATUS(
      "lowercase-status", null, "statuses in lower case (\"completed\")", ScalarForms::lowercase),
  STRING_NUMBERS(
      "string-numbers",
      "numbers",
      "numbers outside the rows as strings (\"45\")",
      NumberForms::strings),
  DECIMAL_NUMBERS(
      "decimal-numbers",
      "numbers",
      "integers as decimals (45.0, 2.5E2), fractional costs (250.5)",
      NumberForms::decimals),
  TYPED_SCALARS(
      "typed-scalars",
      null,
      "booleans as \"true\"/\"false\" or 1/0, one-element lists as a scalar, progress as 45.0",
      ScalarForms::typed),
  TIMESTAMPS_EPOCH_MILLIS(
      "timestamps-epoch-millis",
      "timestamps",
      "created_at, updated_at, completed_at as epoch milliseconds",
      TimestampForms::epochMillis),
  TIMESTAMPS_EPOCH_SECONDS(
      "timestamps-epoch-seconds",
      "timestamps",
      "the same as epoch seconds",
      TimestampForms::epochSeconds),
  TIMESTAMPS_RFC1123(
      "timestamps-rfc1123",
      "timestamps",
      "the same as RFC 1123 dates (Tue, 17 Mar 2026 17:30:00 GMT)",
      TimestampForms::rfc1123),
  TIMESTAMPS_OFFSET(
      "timestamps-offset",
      "timestamps",
      "the same as ISO-8601 with a +02:00 offset and no fraction",
      TimestampForms::offset),
  REORDERED(
      "reordered",
      null,
      "fields outside the rows in another order (from --seed)",
      FieldOrder::apply),
  RETRY_AFTER_DATE(
      "retry-after-date",
      null,
      "Retry-After as an HTTP date on 429 and 503",
      WireForms::retryAfterDate),
  CONNECTION_CLOSE(
      "connection-close", null, "Connection: close on every response", WireForms::connectionClose),
  GZIP("gzip", null, "gzip-compressed bodies when Accept-Encoding allows it", WireForms::gzip),
  ALL(
      "all",
      null,
      "all of the above; of exclusive ones the first (string-numbers, timestamps-epoch-millis)"
          + " unless another is named",
      (r, x) -> {});

  /** What a dialect does to one response; {@code random} is seeded per dialect and response. */
  interface Transform {
    void apply(OutgoingResponse response, Random random);
  }

  private final String wireName;
  // Dialects of one group rewrite the same values, so at most one of a group applies.
  private final String group;
  private final String description;
  private final Transform transform;

  Dialect(String wireName, String group, String description, Transform transform) {
    this.wireName = wireName;
    this.group = group;
    this.description = description;
    this.transform = transform;
  }

  /** The name used by {@code --dialect}, e.g. {@code string-numbers}. */
  public String wireName() {
    return wireName;
  }

  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return wireName;
  }

  void apply(OutgoingResponse response) {
    transform.apply(response, response.random(this));
  }

  /** The dialect called {@code name}; the error lists the valid names. */
  public static Dialect named(String name) {
    for (Dialect d : values()) {
      if (d.wireName.equals(name.trim())) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown dialect '" + name.trim() + "'; valid: " + validNames());
  }

  /** Resolves a comma-separated list such as {@code decimal-numbers,gzip} or {@code all}. */
  public static Set<Dialect> parse(String names) {
    List<Dialect> chosen = new ArrayList<>();
    for (String name : names.split(",", -1)) {
      if (!name.isBlank()) {
        chosen.add(named(name));
      }
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("no dialect named; valid: " + validNames());
    }
    return resolve(chosen);
  }

  /**
   * The dialects that apply: {@code all} expanded, {@code standard} dropped when others are named,
   * and an error when two of one group are named.
   */
  public static Set<Dialect> resolve(Collection<Dialect> chosen) {
    Set<Dialect> out = EnumSet.noneOf(Dialect.class);
    Map<String, Dialect> groups = new HashMap<>();
    for (Dialect d : chosen) {
      if (d == ALL || d == STANDARD) {
        continue;
      }
      Dialect other = d.group == null ? null : groups.putIfAbsent(d.group, d);
      if (other != null && other != d) {
        throw new IllegalArgumentException(
            "dialects " + other + " and " + d + " cannot be combined: both rewrite the " + d.group);
      }
      out.add(d);
    }
    if (chosen.contains(ALL)) {
      for (Dialect d : values()) {
        if (d != ALL
            && d != STANDARD
            && (d.group == null || groups.putIfAbsent(d.group, d) == null)) {
          out.add(d);
        }
      }
    }
    return Collections.unmodifiableSet(out.isEmpty() ? EnumSet.of(STANDARD) : out);
  }

  static String validNames() {
    StringJoiner names = new StringJoiner(", ");
    for (Dialect d : values()) {
      names.add(d.wireName);
    }
    return names.toString();
  }
}
