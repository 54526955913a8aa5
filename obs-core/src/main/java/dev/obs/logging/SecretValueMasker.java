package dev.obs.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.logstash.logback.mask.MaskingJsonGenerator;
import net.logstash.logback.mask.ValueMasker;
import org.jspecify.annotations.Nullable;

/**
 * Masks secrets inside string values: the message, MDC values, arguments and the stack trace
 * (exception messages included). It masks bearer tokens, JWTs, {@code name=value} and {@code name:
 * value} pairs of the secret field names (with an auth scheme such as {@code Basic} kept), and the
 * configured patterns.
 *
 * <p>Every built-in pattern is linear in the length of the text (each starts at a boundary or a
 * literal and never backtracks into what it consumed), so a 1 MB message costs one pass each.
 */
final class SecretValueMasker implements ValueMasker {
  static final String MASK = MaskingJsonGenerator.MASK;

  private static final Pattern BEARER =
      Pattern.compile("(?i)\\bbearer\\s++([A-Za-z0-9._~+/-]{8,}=*+)");
  private static final Pattern JWT =
      Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]*+");

  /** Fields obs writes itself that never hold secrets; skipping them saves work per event. */
  private static final Set<String> SAFE_FIELDS =
      Set.of(LogFields.TIMESTAMP, LogFields.LEVEL, LogFields.LOGGER, LogFields.THREAD);

  private final List<String> prefixes;
  private final @Nullable Pattern pairs;
  private final List<Pattern> extra;
  private final int[] extraGroups;

  SecretValueMasker(List<String> secretNames, List<Pattern> extra) {
    this.prefixes = secretNames.stream().map(SecretValueMasker::prefix).distinct().toList();
    this.pairs = secretNames.isEmpty() ? null : pairPattern(secretNames);
    this.extra = List.copyOf(extra);
    this.extraGroups =
        extra.stream().mapToInt(p -> p.matcher("").groupCount() > 0 ? 1 : 0).toArray();
  }

  // The first letters of a name, to skip the pair pattern on text that cannot match it.
  private static String prefix(String name) {
    String first = name.trim().split("[_.-]+")[0].toLowerCase(java.util.Locale.ROOT);
    return first.length() > 3 ? first.substring(0, 3) : first;
  }

  // name, optional quote, '=' or ':', optional quote, then the value up to a delimiter.
  private static Pattern pairPattern(List<String> secretNames) {
    List<String> alternatives = new ArrayList<>();
    for (String name : secretNames) {
      StringBuilder alt = new StringBuilder();
      for (String part : name.trim().split("[_.-]+")) {
        if (!part.isEmpty()) {
          alt.append(alt.length() == 0 ? "" : "[_.-]?").append(Pattern.quote(part));
        }
      }
      alternatives.add(alt.toString());
    }
    return Pattern.compile(
        "(?i)(?:"
            + String.join("|", alternatives)
            + ")[\"']?+[ \\t]*+[=:][ \\t]*+[\"']?+"
            + "(?:(?:bearer|basic|digest|negotiate|token)[ \\t]++)?+([^\\s\"',;&]++)");
  }

  @Override
  public @Nullable Object mask(JsonStreamContext context, Object value) {
    if (!(value instanceof String text) || text.isEmpty()) {
      return null;
    }
    String name = context.getCurrentName();
    if (name != null && SAFE_FIELDS.contains(name) && context.getParent().inRoot()) {
      return null;
    }
    String masked = mask(text);
    return masked.equals(text) ? null : masked;
  }

  String mask(String text) {
    String out = text;
    if (containsIgnoreCase(out, "bearer")) {
      out = maskGroup(BEARER, out, 1);
    }
    if (out.contains("eyJ")) {
      out = maskGroup(JWT, out, 0);
    }
    if (pairs != null && (out.indexOf('=') >= 0 || out.indexOf(':') >= 0) && mentionsName(out)) {
      out = maskGroup(pairs, out, 1);
    }
    for (int i = 0; i < extraGroups.length; i++) {
      out = maskGroup(extra.get(i), out, extraGroups[i]);
    }
    return out;
  }

  private boolean mentionsName(String text) {
    for (String prefix : prefixes) {
      if (!prefix.isEmpty() && containsIgnoreCase(text, prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsIgnoreCase(String text, String word) {
    int last = text.length() - word.length();
    char first = word.charAt(0);
    char firstUpper = Character.toUpperCase(first);
    for (int i = 0; i <= last; i++) {
      char c = text.charAt(i);
      if ((c == first || c == firstUpper) && text.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /** Replaces the given group of every match (0: the whole match) with the mask. */
  static String maskGroup(Pattern pattern, String text, int group) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    do {
      int start = m.start(group);
      int end = m.end(group);
      if (start < 0 || end <= start) {
        continue;
      }
      out.append(text, copied, start).append(MASK);
      copied = end;
    } while (m.find());
    return out.append(text, copied, text.length()).toString();
  }
}
