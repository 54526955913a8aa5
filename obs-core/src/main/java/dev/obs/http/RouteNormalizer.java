package dev.obs.http;

/**
 * Turns a raw path into a low-cardinality route when no template is known: segments that look like
 * identifiers (numbers, UUIDs, long hex strings, base64-like tokens) become {@code {id}}. A path
 * with no such segment is returned as is, without allocating.
 */
final class RouteNormalizer {
  static final String ID = "{id}";

  private RouteNormalizer() {}

  static String normalize(String path) {
    int len = path.length();
    int start = 0;
    StringBuilder out = null;
    while (start <= len) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? len : slash;
      boolean id = end > start && isIdLike(path, start, end);
      if (id && out == null) {
        out = new StringBuilder(len);
        out.append(path, 0, start);
      }
      if (out != null) {
        if (id) {
          out.append(ID);
        } else {
          out.append(path, start, end);
        }
        if (slash >= 0) {
          out.append('/');
        }
      }
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
    return out == null ? path : out.toString();
  }

  static boolean isIdLike(CharSequence s, int from, int to) {
    int n = to - from;
    int digits = 0;
    int lower = 0;
    int upper = 0;
    int hex = 0;
    int dashes = 0;
    int other = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        hex++;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
        if (c <= 'f') {
          hex++;
        }
      } else if (c >= 'A' && c <= 'Z') {
        upper++;
        if (c <= 'F') {
          hex++;
        }
      } else if (c == '-') {
        dashes++;
      } else if (c != '_' && c != '=' && c != '+' && c != '~' && c != '.') {
        other++;
      }
    }
    if (other > 0) {
      return false;
    }
    if (digits == n) {
      return true;
    }
    if (n == 36 && dashes == 4 && hex == 32 && isUuid(s, from)) {
      return true;
    }
    if (n >= 16 && hex == n && digits > 0) {
      return true;
    }
    // Random tokens mix digits with both letter cases; words and slugs rarely do.
    return n >= 16 && digits > 0 && lower > 0 && upper > 0;
  }

  private static boolean isUuid(CharSequence s, int from) {
    return s.charAt(from + 8) == '-'
        && s.charAt(from + 13) == '-'
        && s.charAt(from + 18) == '-'
        && s.charAt(from + 23) == '-';
  }
}
