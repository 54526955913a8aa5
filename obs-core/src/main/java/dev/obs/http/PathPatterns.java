package dev.obs.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matches request paths against patterns: exact paths, {@code /prefix/**} for a subtree and {@code
 * *} for any characters within one segment. Exact and subtree patterns match without allocating, so
 * the common case costs nothing on the request path.
 */
final class PathPatterns {
  private final Set<String> exact = new HashSet<>();
  private final List<String> prefixes = new ArrayList<>();
  private final List<Pattern> globs = new ArrayList<>();
  // The characters that follow the leading '/' in every pattern: a path whose second character
  // is not one of them matches none, which settles most requests with one array read.
  private final boolean[] secondChars = new boolean[128];
  private boolean anySecondChar;

  PathPatterns(List<String> patterns) {
    for (String p : patterns) {
      char second = p.length() > 1 ? p.charAt(1) : '/';
      if (second == '*' || second >= 128 || p.length() < 2) {
        anySecondChar = true;
      } else {
        secondChars[second] = true;
      }
      if (p.endsWith("/**") && p.indexOf('*') == p.length() - 2) {
        String base = p.substring(0, p.length() - 3);
        exact.add(base.isEmpty() ? "/" : base);
        prefixes.add(base + "/");
      } else if (p.indexOf('*') < 0) {
        exact.add(p);
      } else {
        globs.add(Pattern.compile(toRegex(p)));
      }
    }
  }

  static boolean isValid(String pattern) {
    return pattern.startsWith("/") && !pattern.contains("***");
  }

  private static String toRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          sb.append(".*");
          i++;
        } else {
          sb.append("[^/]*");
        }
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  boolean matches(String path) {
    if (!anySecondChar && path.length() > 1) {
      char second = path.charAt(1);
      if (second >= 128 || !secondChars[second]) {
        return false;
      }
    }
    if (exact.contains(path)) {
      return true;
    }
    for (int i = 0; i < prefixes.size(); i++) {
      if (path.startsWith(prefixes.get(i))) {
        return true;
      }
    }
    for (int i = 0; i < globs.size(); i++) {
      if (globs.get(i).matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }
}
