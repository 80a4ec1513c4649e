package co.igscraper.kafka.connect.client;

/** The position of a results page within a job's results. */
public record Pagination(
    int page, int limit, long total, int totalPages, boolean hasNext, boolean hasPrev) {}
