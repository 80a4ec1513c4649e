package co.igscraper.kafka.connect;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The connector version, filtered from the pom into {@code igscraper-connector.properties}. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  /** Returns the version of this build, or {@code unknown} when run from unfiltered sources. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/igscraper-connector.properties")) {
      Properties props = new Properties();
      if (in != null) {
        props.load(in);
      }
      return props.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
