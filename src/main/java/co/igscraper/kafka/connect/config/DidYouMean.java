package co.igscraper.kafka.connect.config;

import java.util.List;
import java.util.Locale;

/** Suggests the known name closest to a misspelt one, by edit distance. */
final class DidYouMean {
  private DidYouMean() {}

  /**
   * The hint for an unknown name: "did you mean X?" when one known name is close, otherwise the
   * list of known names.
   */
  static String hint(String unknown, List<String> known) {
    String closest = closest(unknown, known);
    return closest != null ? "did you mean " + closest + "?" : "use one of " + list(known) + ".";
  }

  /** The first known name within a few edits of {@code word}, or null when none is that close. */
  static String closest(String word, List<String> known) {
    // A short word is a few edits from anything: allow more edits only as words get longer.
    int limit = word.length() <= 4 ? 1 : word.length() <= 9 ? 2 : 3;
    String best = null;
    int bestDistance = limit + 1;
    for (String candidate : known) {
      int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance: insertions, deletions and substitutions, one each. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** "a, b or c". */
  static String list(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }
}
