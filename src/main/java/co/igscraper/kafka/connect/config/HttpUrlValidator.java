package co.igscraper.kafka.connect.config;

import java.net.URI;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts absolute http or https URLs with a host. */
final class HttpUrlValidator implements ConfigDef.Validator {
  @Override
  public void ensureValid(String name, Object value) {
    String url = value == null ? "" : value.toString().trim();
    try {
      URI uri = URI.create(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return;
      }
    } catch (IllegalArgumentException e) {
      // fall through to the message below
    }
    throw new ConfigException(
        ValidationMessages.key(
            name,
            "must be an http(s) URL with a host (such as https://igscraper.co/api/v1), got "
                + ValidationMessages.quoted(url)));
  }

  @Override
  public String toString() {
    return "an http(s) URL, e.g. https://igscraper.co/api/v1";
  }
}
