package co.igscraper.kafka.connect.client;

/** The answer to a job submission; {@code replayed} is true when the idempotency key was known. */
public record SubmittedJob(String jobId, JobStatus status, boolean replayed) {}
