package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/** {@code GET /jobs/{id}}: the job as of now. */
final class JobStatusHandler {
  private final JobStore store;

  JobStatusHandler(JobStore store) {
    this.store = store;
  }

  Reply handle(ApiRequest req) {
    synchronized (store) {
      Job job = store.find(req.apiKey(), req.jobId(), req.now());
      return new Reply(200, view(job, req.now()), Map.of());
    }
  }

  private static ObjectNode view(Job job, Instant now) {
    ObjectNode body = Json.object();
    body.put("job_id", job.id);
    body.put("external_user_id", job.request.externalUserId());
    body.put("namespace", job.namespace);
    String status = job.status(now);
    body.put("status", status);
    body.put("created_at", Json.timestamp(job.createdAt));
    body.put("updated_at", Json.timestamp(job.updatedAt(now)));
    Instant completedAt = job.completedAt();
    if (completedAt == null) {
      body.putNull("completed_at");
    } else {
      body.put("completed_at", Json.timestamp(completedAt));
    }
    body.put("progress_percent", job.progressPercent(now));
    body.put("number_of_results", job.rows().size());
    body.put("cost_charged", job.costCharged());
    body.put("tool_type", job.request.tool().wireName());
    if (status.equals("FAILED")) {
      body.set(
          "error",
          Json.object()
              .put("code", "SCRAPE_FAILED")
              .put("message", "The scrape failed upstream; resubmit the job."));
    } else {
      body.putNull("error");
    }
    return body;
  }
}
