package co.igscraper.kafka.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.client.ClientSettings;
import co.igscraper.kafka.connect.config.IgScraperTaskConfig;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connector's proxy and trust-store settings reach the client, and no secret its text. */
class TaskClientSettingsTest {
  private static final String KEY = "wiring-key-3b9c";
  private static final String TRUST_PASSWORD = "wiring-trust-71d0";

  private static Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "wiring");
    props.put("igscraper.api.url", "https://api.example.test/api/v1");
    props.put("igscraper.api.key", KEY);
    props.put(
        "igscraper.jobs",
        "[{\"name\":\"a\",\"external_user_id\":\"u\",\"tool_type\":\"followers\","
            + "\"params\":{\"usernames\":[\"nasa\"]}}]");
    return props;
  }

  @Test
  void defaultsAreADirectConnectionWithTheJvmTrustStore() {
    ClientSettings s = IgScraperSourceTask.clientSettings(new IgScraperTaskConfig(props()));
    assertNull(s.proxy());
    assertNull(s.trustStorePath(), "certificates are verified against the JVM's CAs");
  }

  @Test
  void proxyAndTrustStoreSettingsReachTheClientWithoutLeakingSecrets() {
    Map<String, String> props = props();
    props.put("igscraper.http.proxy", "127.0.0.1:3128");
    props.put("igscraper.ssl.truststore.location", "/etc/igscraper/trust.p12");
    props.put("igscraper.ssl.truststore.password", TRUST_PASSWORD);
    props.put("igscraper.ssl.truststore.type", "PKCS12");
    IgScraperTaskConfig config = new IgScraperTaskConfig(props);
    ClientSettings s = IgScraperSourceTask.clientSettings(config);
    assertEquals(Proxy.Type.HTTP, s.proxy().type());
    InetSocketAddress address = (InetSocketAddress) s.proxy().address();
    assertEquals("127.0.0.1", address.getHostString());
    assertEquals(3128, address.getPort());
    assertEquals(Path.of("/etc/igscraper/trust.p12"), s.trustStorePath());
    assertEquals("PKCS12", s.trustStoreType());
    for (String text : new String[] {s.toString(), config.toString(), config.values().toString()}) {
      assertFalse(text.contains(KEY), text);
      assertFalse(text.contains(TRUST_PASSWORD), text);
    }
    assertTrue(s.toString().contains("apiKey=[hidden]"));
  }
}
