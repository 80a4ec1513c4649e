package co.igscraper.kafka.connect.source;

import co.igscraper.kafka.connect.client.Job;
import co.igscraper.kafka.connect.client.JobStatus;
import co.igscraper.kafka.connect.schema.JobEventType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls a runner's job once and acts on what {@link JobOutcome} makes of its status. */
final class PollStep {
  private static final Logger log = LoggerFactory.getLogger(PollStep.class);

  private PollStep() {}

  static List<SourceRecord> poll(JobRunner r, Instant now) {
    Job job = r.ctx.client().getJob(r.cursor.jobId());
    Job previous = r.lastJob;
    r.lastJob = job;
    if (r.replayedSubmit && job.createdAt() != null) {
      // A replay after a restart: the job timeout and the schedule count from its creation.
      r.replayedSubmit = false;
      long created = job.createdAt().toEpochMilli();
      if (created < r.cursor.startedAt()) {
        r.cursor = r.cursor.startedAt(created);
      }
    }
    JobOutcome outcome = JobOutcome.of(job.status(), r.jobAge(now), r.ctx.jobTimeout(), r.recurs());
    if (r.recheckStopped) {
      r.recheckStopped = false;
      if (outcome == JobOutcome.TIMED_OUT || outcome == JobOutcome.KEEP_POLLING) {
        r.stayStopped();
        return List.of();
      }
    }
    switch (outcome) {
      case READY -> {
        r.phase = JobRunner.Phase.FETCH;
        r.nextDue = now;
        if (r.cursor.completed()) {
          return List.of(); // reported when first seen, before or after a restart
        }
        r.cursor = r.cursor.seenCompleted();
        r.ctx.metrics().jobCompleted(job.costCharged());
        // Counted with the same record that marks the job completed: once, across restarts.
        r.totals = r.totals.plusCredits(job.costCharged());
        log.info(
            "Spec '{}' run {}: job {} completed with {} results, {} credits",
            r.spec.name(),
            r.run,
            job.jobId(),
            job.numberOfResults(),
            job.costCharged());
        return r.event(JobEventType.COMPLETED, job, null);
      }
      case FAILED_NEXT_RUN, FAILED_STOP -> {
        r.ctx.metrics().jobFailed();
        JobEventType type =
            job.status() == JobStatus.FAILED ? JobEventType.FAILED : JobEventType.CANCELLED;
        String message =
            "job "
                + job.jobId()
                + " "
                + job.status()
                + (job.error() == null || job.error().code() == null
                    ? ""
                    : " [" + job.error().code() + "]")
                + ": "
                + (job.error() == null ? "no details given" : job.error().message());
        return r.endRun(type, job, message);
      }
      case TIMED_OUT -> {
        r.ctx.metrics().jobFailed();
        return r.stop(
            JobEventType.TIMED_OUT,
            job,
            "job "
                + job.jobId()
                + " still "
                + job.status()
                + " after "
                + r.jobAge(now).toSeconds()
                + " s (igscraper.job.timeout.ms); it may still complete, so the spec stops"
                + " rather than lose its rows");
      }
      default -> {
        r.nextDue = now.plus(r.ctx.pollSchedule().nextDelay(r.jobAge(now)));
        boolean changed =
            previous == null
                || previous.status() != job.status()
                || !Objects.equals(previous.progressPercent(), job.progressPercent());
        return changed ? r.event(JobEventType.PROGRESS, job, null) : List.of();
      }
    }
  }
}
