package co.igscraper.kafka.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.igscraper.kafka.connect.Version;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {
  private static final String KEY = "sk_live_VERY_secret_value";

  private static ClientSettings.Builder valid() {
    return ClientSettings.builder().baseUrl("https://igscraper.co/api/v1/").apiKey(KEY);
  }

  @Test
  void hasTheDocumentedDefaults() {
    ClientSettings s = valid().build();
    assertEquals("https://igscraper.co/api/v1", s.baseUrl());
    assertEquals("kafka-connect-igscraper/" + Version.get(), s.userAgent());
    assertEquals(Duration.ofSeconds(10), s.connectTimeout());
    assertEquals(Duration.ofSeconds(30), s.readTimeout());
    assertEquals(Duration.ofSeconds(60), s.callTimeout());
    assertEquals(5, s.maxRetries());
    assertEquals(Duration.ofMinutes(2), s.maxRetryDuration());
    assertEquals(Duration.ofMillis(500), s.initialBackoff());
    assertEquals(Duration.ofSeconds(30), s.maxBackoff());
    assertEquals(RateLimits.publicDefaults(), s.rateLimits());
    assertEquals(1.0, s.budgetShare());
  }

  @Test
  void toStringNeverShowsTheKeyOrTrustStorePassword() {
    ClientSettings s =
        valid()
            .proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy", 3128)))
            .trustStore(Path.of("/etc/ts.p12"), "ts-PASSWORD-value", "PKCS12")
            .build();
    String text = s.toString();
    assertFalse(text.contains(KEY), text);
    assertFalse(text.contains("ts-PASSWORD-value"), text);
    assertTrue(text.contains("apiKey=[hidden]"), text);
    assertTrue(text.contains("https://igscraper.co/api/v1"), text);
  }

  @Test
  void rejectsMissingOrInvalidValuesWithoutEchoingTheKey() {
    assertThrows(IllegalArgumentException.class, () -> valid().apiKey(" ").build());
    assertThrows(IllegalArgumentException.class, () -> valid().baseUrl(null).build());
    IllegalArgumentException badUrl =
        assertThrows(IllegalArgumentException.class, () -> valid().baseUrl("ftp://x").build());
    assertFalse(badUrl.getMessage().contains(KEY));
    assertThrows(IllegalArgumentException.class, () -> valid().budgetShare(0).build());
    assertThrows(IllegalArgumentException.class, () -> valid().budgetShare(1.5).build());
    assertThrows(IllegalArgumentException.class, () -> valid().maxRetries(-1).build());
    assertThrows(IllegalArgumentException.class, () -> valid().readTimeout(Duration.ZERO).build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            valid()
                .initialBackoff(Duration.ofSeconds(5))
                .maxBackoff(Duration.ofSeconds(1))
                .build());
  }

  @Test
  void aMissingTrustStoreFailsClientCreationWithoutThePassword() {
    ClientSettings s =
        valid().trustStore(Path.of("/nonexistent/ts.p12"), "ts-PASSWORD-value", null).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new IgScraperClient(s));
    assertFalse(e.getMessage().contains("ts-PASSWORD-value"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
  }
}
