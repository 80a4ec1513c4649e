package co.igscraper.kafka.connect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** How the quickstart shows a record: its JsonConverter payloads, headers and position. */
final class RecordText {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordText() {}

  /** The record in full: position and time, then key, value and headers on their own lines. */
  static List<String> full(ConsumerRecord<byte[], byte[]> record) {
    List<String> lines = new ArrayList<>();
    lines.add(
        record.topic()
            + "  partition "
            + record.partition()
            + "  offset "
            + record.offset()
            + "  "
            + Instant.ofEpochMilli(record.timestamp()));
    lines.add("  key      " + payloadText(record.key()));
    lines.add("  value    " + payloadText(record.value()));
    lines.add("  headers  " + headersText(record));
    return lines;
  }

  /** {@code name=value} for each header, its bytes read as UTF-8 (Connect's header converter). */
  static String headersText(ConsumerRecord<byte[], byte[]> record) {
    List<String> parts = new ArrayList<>();
    for (Header h : record.headers()) {
      parts.add(
          h.key()
              + "="
              + (h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8)));
    }
    return parts.isEmpty() ? "(none)" : String.join("  ", parts);
  }

  /** The value of header {@code name}, or null. */
  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** The {@code payload} of a JsonConverter envelope without its null fields, as one line. */
  static String payloadText(byte[] bytes) {
    if (bytes == null) {
      return "null";
    }
    JsonNode payload = payload(bytes);
    if (payload.isMissingNode()) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (payload instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        if (it.next().getValue().isNull()) {
          it.remove();
        }
      }
    }
    return payload.toString();
  }

  /** The {@code payload} of a JsonConverter envelope (the whole JSON without one), or missing. */
  static JsonNode payload(byte[] bytes) {
    if (bytes == null) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null) {
        return MissingNode.getInstance();
      }
      return root.has("payload") && root.has("schema") ? root.get("payload") : root;
    } catch (IOException notJson) {
      return MissingNode.getInstance();
    }
  }

  /**
   * A job event on one line: {@code nasa-followers run 1 COMPLETED 100 results, cost 100}, followed
   * by the job, status, progress, rows and error it carries.
   */
  static String event(JsonNode e) {
    StringBuilder text =
        new StringBuilder()
            .append(String.format("%-20s", e.path("spec_name").asText("?")))
            .append(" run ")
            .append(e.path("run").asText("?"))
            .append("  ")
            .append(String.format("%-12s", e.path("event_type").asText("?")));
    String type = e.path("event_type").asText("");
    List<String> details = new ArrayList<>();
    if (e.hasNonNull("job_id")) {
      details.add("job " + e.get("job_id").asText());
    }
    if (e.hasNonNull("status")) {
      details.add(e.get("status").asText());
    }
    if (e.hasNonNull("progress_percent")) {
      details.add(e.get("progress_percent").asText() + "%");
    }
    if (e.hasNonNull("number_of_results") && !type.equals("PROGRESS")) {
      details.add(e.get("number_of_results").asText() + " results");
    }
    // Progress and submit events carry zeros there; they say something only at the end.
    if (e.hasNonNull("cost_charged") && !type.equals("PROGRESS") && !type.equals("SUBMITTED")) {
      details.add("cost " + e.get("cost_charged").asText());
    }
    if (e.hasNonNull("rows_emitted") && e.get("rows_emitted").asLong() > 0) {
      details.add(e.get("rows_emitted").asText() + " rows emitted");
    }
    if (e.hasNonNull("error_code")) {
      details.add(e.get("error_code").asText());
    }
    if (e.hasNonNull("message")) {
      details.add(e.get("message").asText());
    }
    return text.append(String.join(", ", details)).toString().stripTrailing();
  }
}
