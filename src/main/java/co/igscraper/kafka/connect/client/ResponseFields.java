package co.igscraper.kafka.connect.client;

import co.igscraper.kafka.connect.client.LenientValues.Outcome;
import co.igscraper.kafka.connect.client.LenientValues.Reading;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one parsed response: best-effort for everything the connector does not need
 * to make progress (a deviation is counted and the value is null), and strictly for what it does (a
 * violation is a {@link MalformedResponseException}).
 */
final class ResponseFields {
  private final String endpoint;
  private final ContractDrift drift;
  private final Function<String, MalformedResponseException> malformed;

  ResponseFields(
      String endpoint,
      ContractDrift drift,
      Function<String, MalformedResponseException> malformed) {
    this.endpoint = endpoint;
    this.drift = drift;
    this.malformed = malformed;
  }

  // ---- best-effort fields: never throw

  BigDecimal decimal(JsonNode parent, String path) {
    return note(path, at(parent, path), LenientValues.decimal(at(parent, path)));
  }

  Long whole(JsonNode parent, String path) {
    return note(path, at(parent, path), LenientValues.whole(at(parent, path)));
  }

  Integer integer(JsonNode parent, String path) {
    return note(path, at(parent, path), LenientValues.integer(at(parent, path)));
  }

  Boolean bool(JsonNode parent, String path) {
    return note(path, at(parent, path), LenientValues.bool(at(parent, path)));
  }

  Instant instant(JsonNode parent, String path) {
    return note(path, at(parent, path), LenientTimes.instant(at(parent, path)));
  }

  String text(JsonNode parent, String path) {
    return note(path, at(parent, path), LenientValues.text(at(parent, path)));
  }

  /** Never null: an absent or unreadable list is empty. */
  List<String> textList(JsonNode parent, String path) {
    List<String> list = note(path, at(parent, path), LenientValues.textList(at(parent, path)));
    return list == null ? List.of() : list;
  }

  /** Text of any shape, containers as JSON; for messages and error details. */
  String anyText(JsonNode parent, String path) {
    return note(path, at(parent, path), LenientValues.textOrJson(at(parent, path)));
  }

  /** The members of {@code node} this client does not know, counted once each (not per row). */
  void unknownFields(JsonNode node, String prefix, Set<String> known) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!known.contains(e.getKey())) {
        drift.record(
            endpoint,
            prefix + e.getKey(),
            ContractDrift.Kind.UNKNOWN_FIELD,
            LenientValues.jsonType(e.getValue()));
      }
    }
  }

  /** Counts a deviation the caller found itself. */
  void deviation(String path, ContractDrift.Kind kind, JsonNode seen) {
    drift.record(endpoint, path, kind, LenientValues.jsonType(seen));
  }

  // ---- progress fields: strict

  /** An id: a non-blank string, or a whole number (read as its digits). */
  String requiredId(JsonNode parent, String path) {
    JsonNode n = at(parent, path);
    if (n != null && n.isTextual() && !n.asText().isBlank()) {
      return n.asText();
    }
    if (n != null && n.isIntegralNumber()) {
      deviation(path, ContractDrift.Kind.COERCED, n);
      return n.asText();
    }
    throw refuse(path, n, "is missing or not a string");
  }

  /** A status string, case and spacing ignored; an unknown value is counted and UNKNOWN. */
  JobStatus requiredStatus(JsonNode parent, String path) {
    JsonNode n = at(parent, path);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw refuse(path, n, "is missing or not a string");
    }
    return status(path, n);
  }

  /** A status that is informational here: absent or unreadable is UNKNOWN. */
  JobStatus optionalStatus(JsonNode parent, String path) {
    JsonNode n = at(parent, path);
    if (LenientValues.isAbsent(n)) {
      return JobStatus.UNKNOWN;
    }
    if (!n.isTextual()) {
      deviation(path, ContractDrift.Kind.UNREADABLE, n);
      return JobStatus.UNKNOWN;
    }
    return status(path, n);
  }

  private JobStatus status(String path, JsonNode n) {
    JobStatus status = JobStatus.fromApi(n.asText());
    if (status == JobStatus.UNKNOWN) {
      deviation(path, ContractDrift.Kind.UNREADABLE, n);
    } else if (!n.asText().equals(status.name())) {
      deviation(path, ContractDrift.Kind.COERCED, n);
    }
    return status;
  }

  /** Counts the refusal and returns the exception to throw. */
  MalformedResponseException refuse(String path, JsonNode seen, String problem) {
    deviation(path, ContractDrift.Kind.MALFORMED, seen);
    return malformed.apply(
        "\"" + path + "\" " + problem + " (JSON " + LenientValues.jsonType(seen) + ")");
  }

  private <T> T note(String path, JsonNode seen, Reading<T> reading) {
    if (reading.outcome() == Outcome.COERCED) {
      deviation(path, ContractDrift.Kind.COERCED, seen);
    } else if (reading.outcome() == Outcome.UNREADABLE) {
      deviation(path, ContractDrift.Kind.UNREADABLE, seen);
    }
    return reading.value();
  }

  /** The node at a dotted path below {@code parent} ({@code pagination.has_next}); may be null. */
  private static JsonNode at(JsonNode parent, String path) {
    JsonNode n = parent;
    int start = 0;
    while (n != null && start <= path.length()) {
      int dot = path.indexOf('.', start);
      String name = dot < 0 ? path.substring(start) : path.substring(start, dot);
      n = n.isObject() ? n.get(name) : null;
      if (dot < 0) {
        break;
      }
      start = dot + 1;
    }
    return n;
  }
}
