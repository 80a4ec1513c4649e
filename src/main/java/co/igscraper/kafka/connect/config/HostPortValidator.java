package co.igscraper.kafka.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts an empty value or {@code host:port} with a port from 1 to 65535. */
final class HostPortValidator implements ConfigDef.Validator {
  @Override
  public void ensureValid(String name, Object value) {
    String text = value == null ? "" : value.toString().trim();
    if (text.isEmpty()) {
      return;
    }
    int colon = text.lastIndexOf(':');
    if (colon > 0) {
      try {
        int port = Integer.parseInt(text.substring(colon + 1));
        if (port >= 1 && port <= 65535) {
          return;
        }
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
    }
    throw new ConfigException(
        ValidationMessages.key(
            name,
            "must be empty or host:port with a port from 1 to 65535 (such as"
                + " proxy.internal:3128), got "
                + ValidationMessages.quoted(text)));
  }

  @Override
  public String toString() {
    return "empty, or host:port (e.g. proxy.internal:3128)";
  }
}
