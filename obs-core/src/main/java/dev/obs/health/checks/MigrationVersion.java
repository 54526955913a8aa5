package dev.obs.health.checks;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Pattern;

/** Compares Flyway versions part by part as numbers: {@code 1.10 > 1.9}, {@code 2 = 2.0}. */
final class MigrationVersion {
  private static final Pattern VALID = Pattern.compile("\\d+([._]\\d+)*");

  static final Comparator<String> ORDER = MigrationVersion::compare;

  private MigrationVersion() {}

  static boolean isValid(String version) {
    return VALID.matcher(version).matches();
  }

  static int compare(String a, String b) {
    String[] left = a.split("[._]");
    String[] right = b.split("[._]");
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      int c = part(left, i).compareTo(part(right, i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static BigInteger part(String[] parts, int i) {
    if (i >= parts.length) {
      return BigInteger.ZERO;
    }
    try {
      return new BigInteger(parts[i]);
    } catch (NumberFormatException e) {
      return BigInteger.ZERO; // Flyway only records numeric parts; be lenient with anything else
    }
  }
}
