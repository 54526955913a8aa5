package dev.obs.errors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises sensitive names and removes them from maps, query strings and text. A name is
 * sensitive when, in lower case without {@code -}, {@code _} and {@code .}, it contains one of the
 * configured field names normalised the same way: {@code token} covers {@code X-CSRF-Token}.
 */
final class Scrubber {
  static final List<String> DEFAULT_FIELDS =
      List.of(
          "password",
          "token",
          "secret",
          "authorization",
          "cookie",
          "api_key",
          "set-cookie",
          "x-api-key");

  static final String FILTERED = "[Filtered]";

  private final List<String> fields;
  private final Pattern pairs;

  Scrubber(List<String> names) {
    List<String> normalised = new ArrayList<>();
    List<String> quoted = new ArrayList<>();
    for (String name : names) {
      normalised.add(normalise(name));
      quoted.add(Pattern.quote(name.toLowerCase(Locale.ROOT)));
    }
    this.fields = List.copyOf(normalised);
    // name=value or name: value inside free text, such as an exception message.
    this.pairs =
        Pattern.compile(
            "([\\w.-]*(?:" + String.join("|", quoted) + ")[\\w.-]*)(\\s*[=:]\\s*)([^\\s&,;\"']+)",
            Pattern.CASE_INSENSITIVE);
  }

  static String normalise(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '-' && c != '_' && c != '.') {
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  boolean isSensitive(String name) {
    String n = normalise(name);
    for (String f : fields) {
      if (n.contains(f)) {
        return true;
      }
    }
    return false;
  }

  /** Removes sensitive keys from a mutable map and every map or list nested in it. */
  void scrub(@Nullable Map<?, ?> map) {
    if (map == null) {
      return;
    }
    Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<?, ?> e = it.next();
      if (e.getKey() instanceof String key && isSensitive(key)) {
        it.remove();
      } else {
        scrubValue(e.getValue());
      }
    }
  }

  void scrubValue(@Nullable Object value) {
    if (value instanceof Map<?, ?> nested) {
      try {
        scrub(nested);
      } catch (UnsupportedOperationException e) {
        // an immutable map: left as it is (only data we did not build can be immutable)
      }
    } else if (value instanceof Collection<?> items) {
      for (Object item : items) {
        scrubValue(item);
      }
    }
  }

  /**
   * Replaces the values of sensitive parameters: {@code token=abc&page=2} → {@code
   * token=[Filtered]&page=2}.
   */
  @Nullable String scrubQuery(@Nullable String query) {
    if (query == null || query.isEmpty()) {
      return query;
    }
    StringBuilder out = new StringBuilder(query.length());
    for (String param : query.split("&", -1)) {
      if (out.length() > 0) {
        out.append('&');
      }
      int eq = param.indexOf('=');
      String name = eq < 0 ? param : param.substring(0, eq);
      out.append(eq >= 0 && isSensitive(name) ? name + "=" + FILTERED : param);
    }
    return out.toString();
  }

  /** Masks {@code name=value} and {@code name: value} pairs of sensitive names in free text. */
  @Nullable String scrubText(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = pairs.matcher(text);
    return m.find() ? m.replaceAll("$1$2" + Matcher.quoteReplacement(FILTERED)) : text;
  }
}
