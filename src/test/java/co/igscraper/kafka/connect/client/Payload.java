package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.JsonWire.abbreviate;
import static co.igscraper.kafka.connect.client.JsonWire.render;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON value a server might send where another was documented. */
record Payload(String kind, JsonNode node) {
  @Override
  public String toString() {
    return kind + " " + abbreviate(render(node));
  }
}
