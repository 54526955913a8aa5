package dev.obs.config;

/**
 * The Levenshtein distance between two strings, behind every "did you mean" obs prints: unknown
 * configuration keys, rule file functions, meter names in test failures.
 */
public final class EditDistance {
  private EditDistance() {}

  /**
   * Returns how many single-character insertions, deletions or substitutions turn {@code a} into
   * {@code b}.
   *
   * @param a one string
   * @param b the other string
   * @return the distance, 0 when equal
   */
  public static int between(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
