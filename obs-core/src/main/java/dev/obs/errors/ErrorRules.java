package dev.obs.errors;

import dev.obs.config.ObsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The {@code obs.errors.*} ignore rules: which statuses, exception types and messages to skip. */
final class ErrorRules {
  static final String DEFAULT_REPORT_STATUSES = "5xx";
  static final String DEFAULT_IGNORE_STATUSES = "404,429";

  private final boolean[] report;
  private final boolean[] ignore;
  private final List<String> ignoredTypes;
  private final List<Pattern> ignoredMessages;

  private ErrorRules(
      boolean[] report, boolean[] ignore, List<String> ignoredTypes, List<Pattern> messages) {
    this.report = report;
    this.ignore = ignore;
    this.ignoredTypes = List.copyOf(ignoredTypes);
    this.ignoredMessages = List.copyOf(messages);
  }

  static ErrorRules fromConfig(ObsConfig config) {
    boolean[] report = statuses(config, "obs.errors.report-statuses", DEFAULT_REPORT_STATUSES);
    boolean[] ignore = statuses(config, "obs.errors.ignore-statuses", DEFAULT_IGNORE_STATUSES);
    List<String> types = config.list("obs.errors.ignore-exceptions");
    for (String type : types) {
      if (!type.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
        throw ObsConfig.invalid(
            "obs.errors.ignore-exceptions",
            String.join(",", types),
            "must be fully qualified class names like org.eclipse.jetty.io.EofException");
      }
    }
    List<Pattern> messages = new ArrayList<>();
    for (String regex : config.list("obs.errors.ignore-messages")) {
      try {
        messages.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw ObsConfig.invalid(
            "obs.errors.ignore-messages",
            regex,
            "must be comma-separated Java regular expressions (" + e.getDescription() + ")");
      }
    }
    return new ErrorRules(report, ignore, types, messages);
  }

  /** Returns why the error is ignored, or null when it is to be reported. */
  @org.jspecify.annotations.Nullable
  String ignoredBecause(Throwable error, int status) {
    if (status < 0 || status >= report.length || !report[status]) {
      return "status";
    }
    if (ignore[status]) {
      return "status";
    }
    for (Class<?> c = error.getClass(); c != null; c = c.getSuperclass()) {
      if (ignoredTypes.contains(c.getName())) {
        return "exception";
      }
    }
    String message = error.getMessage();
    if (message != null) {
      for (Pattern p : ignoredMessages) {
        if (p.matcher(message).find()) {
          return "message";
        }
      }
    }
    return null;
  }

  private static boolean[] statuses(ObsConfig config, String key, String defaultSpec) {
    String spec = config.string(key, defaultSpec);
    boolean[] set = new boolean[1000];
    for (String raw : spec.split(",")) {
      String item = raw.trim().toLowerCase(Locale.ROOT);
      if (item.isEmpty()) {
        continue;
      }
      int from;
      int to;
      if (item.matches("[1-5]xx")) {
        from = (item.charAt(0) - '0') * 100;
        to = from + 99;
      } else if (item.matches("\\d{3}")) {
        from = Integer.parseInt(item);
        to = from;
      } else if (item.matches("\\d{3}-\\d{3}")) {
        from = Integer.parseInt(item.substring(0, 3));
        to = Integer.parseInt(item.substring(4));
      } else {
        from = 1;
        to = 0;
      }
      if (from < 100 || from > to) {
        throw ObsConfig.invalid(
            key, spec, "must be status codes, ranges or classes like 5xx,429 or 500-503");
      }
      for (int s = from; s <= to; s++) {
        set[s] = true;
      }
    }
    return set;
  }
}
