package co.igscraper.kafka.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class SpecPartitionTest {
  @Test
  void serializesToTheSameBytesInEveryJvm() {
    // The worker looks offsets up by these bytes; Map.of's per-JVM iteration order broke that.
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), true);
    byte[] bytes =
        converter.fromConnectData("offsets", null, List.of("conn", SpecPartition.of("spec-1")));
    assertEquals(
        "[\"conn\",{\"protocol\":\"1\",\"spec\":\"spec-1\"}]",
        new String(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void readsBackItsSpecName() {
    assertEquals("spec-1", SpecPartition.specName(SpecPartition.of("spec-1")));
  }
}
