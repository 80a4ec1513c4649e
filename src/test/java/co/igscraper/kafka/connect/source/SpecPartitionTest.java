package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class SpecPartitionTest {

  @Test
  void offsetKeyIsTheSameBytesAfterTheRuntimesJsonRoundTrip() {
    // The worker stores [connector, partition] with a schemaless JsonConverter and, for the offsets
    // REST API and resets, deserializes stored keys and serializes them again to look them up.
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false", "converter.type", "key"));
    List<Object> key = List.of("conn", SpecPartition.of("wh"));

    byte[] written = converter.fromConnectData("offsets", null, key);
    Object readBack = converter.toConnectData("offsets", written).value();
    byte[] rewritten = converter.fromConnectData("offsets", null, readBack);

    assertEquals(
        new String(written, StandardCharsets.UTF_8), new String(rewritten, StandardCharsets.UTF_8));
    assertEquals(
        "[\"conn\",{\"protocol\":\"1\",\"spec\":\"wh\"}]",
        new String(written, StandardCharsets.UTF_8),
        "the same bytes in every JVM");
  }

  @Test
  void specNameReadsBackFromAnyMapWithTheSameEntries() {
    assertEquals("wh", SpecPartition.specName(Map.of("spec", "wh", "protocol", "1")));
  }
}
