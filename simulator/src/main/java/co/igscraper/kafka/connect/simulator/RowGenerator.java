package co.igscraper.kafka.connect.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Derives every field of a result row from (seed, source, account id) alone, so rows are generated
 * per page on demand and the same seed always yields the same rows.
 */
final class RowGenerator {
  private static final String[] FIRST =
      "Alex Sam Jordan Taylor Morgan Casey Riley Jamie Avery Quinn Maria Luca Yuki Noah Emma Olivia Liam Mia Ana Omar Chen Priya Tomas Ines"
          .split(" ");
  private static final String[] LAST =
      "Johnson Smith Garcia Rossi Tanaka Muller Silva Kim Nguyen Novak Dubois Haddad Larsen Costa Ivanova Patel Okafor Reyes Berg Moreau"
          .split(" ");
  private static final String[] COUNTRIES =
      "United States,Brazil,India,Germany,Japan,Italy,France,Mexico,Indonesia,Turkey,Spain,United Kingdom"
          .split(",");
  private static final String[] CATEGORIES =
      "Artist,Blogger,Photographer,Musician/Band,Restaurant,Clothing (Brand),Health/Beauty,Public Figure,Science"
          .split(",");
  private static final String[] CITIES =
      "New York,Sao Paulo,Mumbai,Berlin,Tokyo,Milan,Paris,Mexico City,Jakarta,Istanbul".split(",");
  private static final String[] ACCOUNT_TYPES = {"personal", "business", "creator"};
  private static final String[] BIOS = {
    "Exploring the universe one post at a time",
    "Coffee, code and long walks",
    "Photography | Travel | Food",
    "Living my best life",
    "",
    "Dreamer. Maker. Runner.",
    "Official fan account"
  };

  private final long seed;

  RowGenerator(long seed) {
    this.seed = seed;
  }

  /** Values of {@code columns} for one account, all as strings. */
  String[] row(ToolType tool, String source, int accountId, List<String> columns) {
    Account a = new Account(tool, source, accountId);
    String[] values = new String[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = a.value(columns.get(i));
    }
    return values;
  }

  private final class Account {
    private final ToolType tool;
    private final String source;
    private final int id;
    private final long base;
    private final String username;
    private final long userId;

    Account(ToolType tool, String source, int id) {
      this.tool = tool;
      this.source = source;
      this.id = id;
      long sourceHash = mix(seed ^ fnv(source));
      this.base = mix(sourceHash + id * 0xBF58476D1CE4E5B9L);
      // A per-source prefix keeps user ids unique within a source and distinct across sources.
      this.userId = (100 + Math.floorMod(sourceHash, 899_900L)) * 100_000_000L + id;
      String clean = source.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]", "_");
      this.username = clean + "_fan_" + id;
    }

    String value(String column) {
      return switch (column) {
        case "source" -> source;
        case "type" -> tool.typeColumn();
        case "user_id" -> Long.toString(userId);
        case "username" -> username;
        case "full_name" -> pick(FIRST, 1) + " " + pick(LAST, 2);
        case "verified" -> bool(chance(3) < 3);
        case "private" -> bool(chance(4) < 30);
        case "profile_pic_url" -> "https://cdn.igscraper.test/pics/" + userId + ".jpg";
        case "biography" -> pick(BIOS, 5);
        case "email" -> tool == ToolType.EMAILS || chance(6) < 40 ? username + "@example.com" : "";
        case "phone" -> tool == ToolType.PHONES || chance(7) < 25 ? phone() : "";
        case "follower_count" -> Long.toString(bits(8) % 250_000);
        case "media_count" -> Long.toString(bits(9) % 3_000);
        case "following_count" -> Long.toString(bits(10) % 7_500);
        case "account_type" -> accountType();
        case "business" -> bool(accountType().equals("business"));
        case "business_category_name" -> accountType().equals("business") ? category() : "";
        case "category_name", "category" -> accountType().equals("personal") ? "" : category();
        case "city_id" -> chance(12) < 50 ? Long.toString(200_000_000L + bits(13) % 9_000) : "";
        case "city_name" -> chance(12) < 50 ? pick(CITIES, 13) : "";
        case "website" -> chance(14) < 20 ? "https://example.com/" + username : "";
        case "country" -> chance(15) < 5 ? "" : pick(COUNTRIES, 16);
        case "date" -> date();
        default -> "";
      };
    }

    private String phone() {
      return String.format(Locale.ROOT, "+1555%07d", bits(17) % 10_000_000);
    }

    private String accountType() {
      return pick(ACCOUNT_TYPES, 11);
    }

    private String category() {
      return pick(CATEGORIES, 18);
    }

    // About one row in ten has an unparseable date upstream, which the API returns as "".
    private String date() {
      if (chance(19) < 10) {
        return "";
      }
      long b = bits(20);
      return String.format(Locale.ROOT, "%02d-%04d", 1 + b % 12, 2012 + (b / 12) % 14);
    }

    private long bits(int salt) {
      return mix(base + salt * 0x9E3779B97F4A7C15L) >>> 1;
    }

    private int chance(int salt) {
      return (int) (bits(salt) % 100);
    }

    private String pick(String[] values, int salt) {
      return values[(int) (bits(salt) % values.length)];
    }

    @Override
    public String toString() {
      return source + "#" + id;
    }
  }

  private static String bool(boolean b) {
    return b ? "true" : "false";
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64 finalizer. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
