package co.igscraper.kafka.connect.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;

/** The gzip, retry-after-date and connection-close dialects: headers and encoding, not the body. */
final class WireForms {
  private WireForms() {}

  static void gzip(OutgoingResponse r, Random random) {
    if (acceptsGzip(r.acceptEncoding())) {
      r.gzip();
      r.headers().put("Content-Encoding", "gzip");
      r.headers().put("Vary", "Accept-Encoding");
    }
  }

  static void retryAfterDate(OutgoingResponse r, Random random) {
    if (r.status() != 429 && r.status() != 503) {
      return;
    }
    String header = r.headers().get("Retry-After");
    long seconds = 1;
    if (header != null) {
      try {
        seconds = Long.parseLong(header.trim());
      } catch (NumberFormatException e) {
        return;
      }
    }
    Instant at = r.now().plusSeconds(seconds);
    // An HTTP date has whole seconds; rounding up keeps a client from retrying before it may.
    if (at.getNano() != 0) {
      at = at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }
    r.headers().put("Retry-After", TimestampForms.HTTP_DATE.format(at));
  }

  static void connectionClose(OutgoingResponse r, Random random) {
    r.headers().put("Connection", "close");
  }

  /** True when {@code gzip}, {@code x-gzip} or {@code *} is listed without {@code q=0}. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String item : acceptEncoding.split(",")) {
      String[] parts = item.trim().split(";");
      String coding = parts[0].trim().toLowerCase(Locale.ROOT);
      if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
        continue;
      }
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].trim().toLowerCase(Locale.ROOT);
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (q > 0) {
        return true;
      }
    }
    return false;
  }
}
