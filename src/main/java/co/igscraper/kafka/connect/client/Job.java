package co.igscraper.kafka.connect.client;

import java.time.Instant;

/** A job as returned by {@code GET /jobs/{id}}; every field but jobId and status may be null. */
public record Job(
    String jobId,
    String externalUserId,
    String namespace,
    JobStatus status,
    Instant createdAt,
    Instant updatedAt,
    Instant completedAt,
    Integer progressPercent,
    Long numberOfResults,
    Long costCharged,
    String toolType,
    JobError error) {}
