package co.igscraper.kafka.connect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A successful answer: status, JSON body and extra headers. */
record Reply(int status, JsonNode body, Map<String, String> headers) {}
