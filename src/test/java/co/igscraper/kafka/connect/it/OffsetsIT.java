package co.igscraper.kafka.connect.it;

import static co.igscraper.kafka.connect.it.SimulatorFixture.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.simulator.IgScraperSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offsets through the REST API: their shape, validated edits, and resuming from an edit. */
class OffsetsIT {
  private static final String KEY = "offsets-key-a41c";

  @Test
  void offsetsAreReadableAndEditsAreValidatedAndHonoured() throws Exception {
    try (IgScraperSimulator sim = SimulatorFixture.fastSimulator(KEY);
        ConnectFixture connect = ConnectFixture.start("offsets", 1, false)) {
      String jobs =
          "["
              + spec(
                  "off", "off-u1", "followers", "{\"usernames\":[\"nasa\"],\"max_followers\":1000}")
              + "]";
      Map<String, String> props = SimulatorFixture.unlimitedProps(sim, KEY, jobs);
      props.put("topic", "off.rows");
      props.put("igscraper.page.size", "100");
      connect.deploy("offsets", props);
      connect.awaitRunning("offsets", 1);
      assertEquals(1000, connect.awaitRecords("off.rows", 1000, Duration.ofSeconds(60)).size());

      connect.cluster().stopConnector("offsets");
      String offsetsUrl = "connectors/offsets/offsets";
      JsonNode stored = awaitDoneOffset(connect, offsetsUrl);
      JsonNode partition = stored.get("partition");
      JsonNode offset = stored.get("offset");
      assertEquals("1", partition.get("protocol").asText());
      assertEquals("off", partition.get("spec").asText());
      assertEquals(1, offset.get("run").asLong());
      assertTrue(offset.get("done").asBoolean());
      assertEquals(2, offset.get("v").asInt(), "the run record's format");
      assertEquals("followers", offset.get("tool_type").asText(), "the job's own spec version");
      assertEquals("off.rows", offset.get("topic").asText());
      String jobId = offset.get("job_id").asText();

      // A tombstone deletes any partition, even one this connector would never write.
      ConnectFixture.RestResponse junk =
          connect.rest(
              "PATCH",
              offsetsUrl,
              "{\"offsets\":[{\"partition\":{\"not\":\"ours\"},\"offset\":null}]}");
      assertEquals(200, junk.status(), junk.body());

      ConnectFixture.RestResponse bad =
          connect.rest(
              "PATCH",
              offsetsUrl,
              "{\"offsets\":[{\"partition\":{\"protocol\":\"1\",\"spec\":\"off\"},"
                  + "\"offset\":{\"run\":1,\"spec_hash\":\"x\",\"job_id\":\"j\",\"page\":\"eight\","
                  + "\"row\":0,\"page_size\":100,\"done\":false}}]}");
      String badBody = bad.body();
      // The runtime answers 500 for any exception from alterOffsets(); the message is ours.
      assertTrue(bad.status() >= 400, badBody);
      assertTrue(badBody.contains("'page'"), badBody);

      // Rewind to page 8, row 50: rows 751..1000 of the same job are emitted again, no new job.
      String rewind =
          "{\"offsets\":[{\"partition\":{\"protocol\":\"1\",\"spec\":\"off\"},\"offset\":{\"run\":1,"
              + "\"spec_hash\":\""
              + offset.get("spec_hash").asText()
              + "\",\"job_id\":\""
              + jobId
              + "\",\"page\":8,\"row\":50,\"page_size\":100,\"done\":false}}]}";
      ConnectFixture.RestResponse ok = connect.rest("PATCH", offsetsUrl, rewind);
      assertEquals(200, ok.status(), ok.body());
      connect.cluster().resumeConnector("offsets");
      connect.awaitRunning("offsets", 1);
      assertEquals(1250, connect.awaitRecords("off.rows", 1250, Duration.ofSeconds(60)).size());
      assertEquals(1250, connect.readAll("off.rows", Duration.ofSeconds(2)).size());
      assertEquals(1, sim.stats().jobsCreatedFor("off-u1"));
    }
  }

  private static JsonNode awaitDoneOffset(ConnectFixture connect, String url) throws Exception {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              ConnectFixture.RestResponse r = connect.rest("GET", url, null);
              if (r.status() != 200) {
                return false;
              }
              JsonNode offsets = ConnectFixture.JSON.readTree(r.body()).get("offsets");
              if (offsets == null || offsets.isEmpty()) {
                return false;
              }
              found[0] = offsets.get(0);
              return found[0].path("offset").path("done").asBoolean(false);
            });
    return found[0];
  }
}
