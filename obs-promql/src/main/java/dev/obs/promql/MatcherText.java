package dev.obs.promql;

import dev.obs.promql.LabelMatcher.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads label matchers written as Alertmanager and notification settings write them, where a value
 * need not be quoted: {@code severity=critical, instance=~"web-.*"}.
 */
final class MatcherText {
  /** Longer operators first, so that {@code =~} is not read as {@code =} and a value {@code ~}. */
  private static final Op[] OPS = {Op.REGEX, Op.NOT_REGEX, Op.NOT_EQUAL, Op.EQUAL};

  private MatcherText() {}

  static LabelMatcher parse(String text) {
    String t = text.trim();
    int i = 0;
    while (i < t.length() && (Character.isLetterOrDigit(t.charAt(i)) || t.charAt(i) == '_')) {
      i++;
    }
    String name = t.substring(0, i);
    String rest = t.substring(i).stripLeading();
    Op op = null;
    for (Op candidate : OPS) {
      if (rest.startsWith(candidate.symbol())) {
        op = candidate;
        break;
      }
    }
    if (name.isEmpty() || op == null) {
      throw new IllegalArgumentException(
          "matcher must look like name=value, name!=value, name=~regex or name!~regex, got '"
              + text
              + "'");
    }
    String value = rest.substring(op.symbol().length()).trim();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = unquote(value.substring(1, value.length() - 1));
    }
    return new LabelMatcher(name, op, value);
  }

  static List<LabelMatcher> parseList(String text) {
    String t = text.trim();
    if (t.startsWith("{") && t.endsWith("}")) {
      t = t.substring(1, t.length() - 1);
    }
    List<LabelMatcher> out = new ArrayList<>();
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (quoted && c == '\\') {
        // The escaped character, a quote or a backslash, never ends the value.
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        add(out, t.substring(start, i));
        start = i + 1;
      }
    }
    add(out, t.substring(start));
    return List.copyOf(out);
  }

  private static void add(List<LabelMatcher> out, String item) {
    if (!item.isBlank()) {
      out.add(parse(item));
    }
  }

  /**
   * Undoes the escapes that {@link Printer#quote} writes, as Alertmanager does; another backslash
   * stays, so a regular expression such as {@code "web-\d+"} keeps its {@code \d}.
   */
  private static String unquote(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
      if (c != '\\' || next == 0) {
        b.append(c);
        continue;
      }
      switch (next) {
        case '"', '\\' -> b.append(next);
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'x' -> {
          int code = hex(s, i + 2);
          if (code < 0) {
            b.append(c);
            continue;
          }
          b.append((char) code);
          i += 2;
        }
        default -> {
          b.append(c);
          continue;
        }
      }
      i++;
    }
    return b.toString();
  }

  /** Reads the two hex digits at {@code at}, or returns -1. */
  private static int hex(String s, int at) {
    if (at + 2 > s.length()) {
      return -1;
    }
    int hi = Character.digit(s.charAt(at), 16);
    int lo = Character.digit(s.charAt(at + 1), 16);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  }
}
