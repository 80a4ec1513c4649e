package co.igscraper.kafka.connect.source;

import java.util.Objects;

/**
 * The version of a spec a job was submitted for, as far as its rows need it: they are mapped by
 * {@code toolType}, routed to {@code topic} and labelled with these values until the job is done,
 * whatever the spec has become since.
 */
record RunSpec(String name, String externalUserId, String toolType, String topic) {
  RunSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(externalUserId, "externalUserId");
    Objects.requireNonNull(toolType, "toolType");
    Objects.requireNonNull(topic, "topic");
  }
}
