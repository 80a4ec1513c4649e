package co.igscraper.kafka.connect.simulator;

/** How a simulated job ends. */
public enum Outcome {
  COMPLETED,
  FAILED,
  CANCELLED
}
