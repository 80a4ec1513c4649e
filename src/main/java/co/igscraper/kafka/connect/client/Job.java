package co.igscraper.kafka.connect.client;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A job as returned by {@code GET /jobs/{id}}; every field but jobId and status may be null, and
 * {@code costCharged} is exact (credits may be fractional).
 */
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
    BigDecimal costCharged,
    String toolType,
    JobError error) {}
