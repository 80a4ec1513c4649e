package co.igscraper.kafka.connect.client;

import static co.igscraper.kafka.connect.client.JsonWire.abbreviate;
import static co.igscraper.kafka.connect.client.JsonWire.render;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A documented response and the record the parser must make of it. */
record ValidResponse(
    DocumentedEndpoint endpoint, int httpStatus, ObjectNode body, Object expected) {
  ObjectNode copy() {
    return body.deepCopy();
  }

  @Override
  public String toString() {
    return endpoint + " " + httpStatus + " " + abbreviate(render(body));
  }
}
