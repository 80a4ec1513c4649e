package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** {@code GET /jobs/{id}/results}: one page of rows, generated on demand. */
final class ResultsHandler {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;

  private final JobStore store;
  private final RowGenerator rows;
  private final SimulatorStats stats;

  ResultsHandler(JobStore store, RowGenerator rows, SimulatorStats stats) {
    this.store = store;
    this.rows = rows;
    this.stats = stats;
  }

  Reply handle(ApiRequest req) {
    int page = intParam(req, "page", 1, Integer.MAX_VALUE);
    int limit = intParam(req, "limit", DEFAULT_LIMIT, MAX_LIMIT);
    Job job;
    RowSet rowSet;
    List<String> columns;
    synchronized (store) {
      job = store.find(req.apiKey(), req.jobId(), req.now());
      if (!job.isCompleted()) {
        throw ApiError.of(
            409,
            "JOB_NOT_COMPLETED",
            "Results are available once the job is COMPLETED; it is "
                + job.status(req.now())
                + ".");
      }
      if (!job.upgrades().isEmpty()) {
        throw ApiError.of(
            409, "ENRICHMENT_IN_PROGRESS", "An enrichment upgrade is running; retry shortly.");
      }
      rowSet = job.rows();
      columns = job.request.tool().columns(job.applied());
    }
    ObjectNode body = Json.object();
    body.put("job_id", job.id);
    body.put("external_user_id", job.request.externalUserId());
    body.put("status", "COMPLETED");
    ArrayNode columnArray = body.putArray("columns");
    columns.forEach(columnArray::add);
    ArrayNode data = body.putArray("data");
    long total = rowSet.size();
    long from = (long) (page - 1) * limit;
    long to = Math.min(total, from + limit);
    for (long i = from; i < to; i++) {
      String[] values =
          rows.row(job.request.tool(), rowSet.sourceAt(i), rowSet.accountAt(i), columns);
      ObjectNode row = data.addObject();
      for (int c = 0; c < values.length; c++) {
        row.put(columns.get(c), values[c]);
      }
    }
    body.putArray("messages");
    long totalPages = (total + limit - 1) / limit;
    ObjectNode pagination = body.putObject("pagination");
    pagination.put("page", page);
    pagination.put("limit", limit);
    pagination.put("total", total);
    pagination.put("total_pages", totalPages);
    pagination.put("has_next", page < totalPages);
    pagination.put("has_prev", page > 1);
    stats.recordPageRead(job.id, page, limit, data.size());
    return new Reply(200, body, Map.of());
  }

  private static int intParam(ApiRequest req, String name, int defaultValue, int max) {
    String raw = req.query().get(name);
    if (raw == null) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw ApiError.validation(name, name + " must be an integer.");
    }
    if (value < 1 || value > max) {
      throw ApiError.validation(
          name,
          max == Integer.MAX_VALUE
              ? name + " must be >= 1."
              : name + " must be between 1 and " + max + ".");
    }
    return value;
  }
}
