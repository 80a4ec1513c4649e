package co.igscraper.kafka.connect.client;

/** The enrichment add-ons requested for a job. */
public record Addons(boolean enrichProfiles, boolean enrichCountryDate) {}
