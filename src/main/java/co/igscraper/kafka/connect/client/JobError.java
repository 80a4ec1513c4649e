package co.igscraper.kafka.connect.client;

/** The error a FAILED or CANCELLED job carries. */
public record JobError(String code, String message) {}
