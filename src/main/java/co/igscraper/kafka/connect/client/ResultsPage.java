package co.igscraper.kafka.connect.client;

import java.util.List;
import java.util.Map;

/**
 * One page of {@code GET /jobs/{id}/results}; each row keeps the API's column order and values are
 * text (JSON null stays null).
 */
public record ResultsPage(
    String jobId,
    String externalUserId,
    JobStatus status,
    List<String> columns,
    List<Map<String, String>> data,
    List<String> messages,
    Pagination pagination) {}
