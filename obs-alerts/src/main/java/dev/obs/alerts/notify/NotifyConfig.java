package dev.obs.alerts.notify;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.config.SecretUrls;
import dev.obs.promql.LabelMatcher;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Maps the {@code obs.alerts.notify.*} keys onto a {@link Notifications.Builder}. */
final class NotifyConfig {
  static final String PREFIX = "obs.alerts.notify.";
  static final List<String> TYPES =
      List.of("log", "slack", "telegram", "webhook", "email", "alertmanager");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]+");

  private NotifyConfig() {}

  static Notifications.Builder apply(ObsConfig config, Notifications.Builder b) {
    b.enabled(config.bool(PREFIX + "enabled", true));
    List<String> known = new ArrayList<>(List.of("log"));
    for (String name : config.list(PREFIX + "receivers")) {
      b.receiver(receiver(config, name(PREFIX + "receivers", name)));
      known.add(name);
    }
    String groupBy = config.string(PREFIX + "group-by", "alertname");
    Duration wait = config.nonNegativeDuration(PREFIX + "group-wait", Route.DEFAULT_GROUP_WAIT);
    Duration interval = config.duration(PREFIX + "group-interval", Route.DEFAULT_GROUP_INTERVAL);
    Duration repeat = config.duration(PREFIX + "repeat-interval", Route.DEFAULT_REPEAT_INTERVAL);
    for (String name : config.list(PREFIX + "routes")) {
      String key = PREFIX + "route." + name(PREFIX + "routes", name) + ".";
      Route.Builder route =
          Route.builder(name)
              .groupBy(groupBy(config.string(key + "group-by", groupBy)))
              .groupWait(config.nonNegativeDuration(key + "group-wait", wait))
              .groupInterval(config.duration(key + "group-interval", interval))
              .repeatInterval(config.duration(key + "repeat-interval", repeat))
              .continueMatching(config.bool(key + "continue", false));
      String match = config.string(key + "match", "");
      try {
        route.matchers(LabelMatcher.parseList(match));
      } catch (IllegalArgumentException e) {
        throw ObsConfig.invalid(
            key + "match",
            match,
            "must be comma-separated matchers like severity=critical, team=~\"db|ops\" ("
                + e.getMessage()
                + ")");
      }
      route.receivers(
          receivers(config, key + "receivers", List.of(), known).toArray(String[]::new));
      b.route(build(route, key + "receivers"));
    }
    List<String> defaults = receivers(config, PREFIX + "default.receivers", List.of("log"), known);
    b.defaultRoute(
        build(
            Route.builder("default")
                .groupBy(groupBy(groupBy))
                .groupWait(wait)
                .groupInterval(interval)
                .repeatInterval(repeat)
                .receivers(defaults.toArray(String[]::new)),
            PREFIX + "default.receivers"));
    b.ruleLimit(limit(config, PREFIX + "rule-limit", Notifications.DEFAULT_RULE_LIMIT));
    String silences = config.string(PREFIX + "silences.file", "");
    if (!silences.isBlank()) {
      try {
        new SilenceFile(Path.of(silences)).read();
      } catch (IllegalStateException | InvalidPathException e) {
        throw ObsConfig.invalid(
            PREFIX + "silences.file",
            silences,
            "must name a readable silences JSON file or a new one (" + e.getMessage() + ")");
      }
      b.silencesFile(Path.of(silences));
    }
    Duration maxSilence =
        config.duration(PREFIX + "silences.max-duration", Silences.DEFAULT_MAX_DURATION);
    if (maxSilence.isZero() || maxSilence.isNegative()) {
      throw ObsConfig.invalid(
          PREFIX + "silences.max-duration",
          config.string(PREFIX + "silences.max-duration", ""),
          "must be a positive duration like 30d");
    }
    b.silenceMaxDuration(maxSilence);
    String digest = config.string(PREFIX + "digest.receiver", "");
    if (!digest.isBlank()) {
      if (!known.contains(digest)) {
        throw ObsConfig.invalid(
            PREFIX + "digest.receiver", digest, "must be one of " + String.join(", ", known));
      }
      b.digest(digest, digestTime(config), digestZone(config));
    }
    b.externalUrl(config.string(PREFIX + "external-url", ""));
    b.retry(
        config.positiveInt(PREFIX + "retry.max-attempts", Backoff.DEFAULT.maxAttempts()),
        config.duration(PREFIX + "retry.initial-backoff", Backoff.DEFAULT.initial()),
        config.duration(PREFIX + "retry.max-backoff", Backoff.DEFAULT.max()));
    b.closeTimeout(config.duration(PREFIX + "close-timeout", Notifications.DEFAULT_CLOSE_TIMEOUT));
    // Without background work the caller ticks, as tests on a manual clock do.
    b.backgroundTicks(config.bool("obs.background.enabled", true));
    return b;
  }

  private static String name(String key, String name) {
    if (!NAME.matcher(name).matches()) {
      throw ObsConfig.invalid(key, name, "must list names made of letters, digits, '-' and '_'");
    }
    return name;
  }

  private static String[] groupBy(String text) {
    return text.split("\\s*,\\s*");
  }

  private static Route build(Route.Builder route, String key) {
    try {
      return route.build();
    } catch (IllegalArgumentException e) {
      throw new ObsConfigException(key, key + " is invalid: " + e.getMessage());
    }
  }

  private static List<String> receivers(
      ObsConfig config, String key, List<String> fallback, List<String> known) {
    List<String> names = config.list(key);
    if (names.isEmpty()) {
      if (fallback.isEmpty()) {
        throw ObsConfig.invalid(
            key, "", "must name at least one receiver listed in obs.alerts.notify.receivers");
      }
      return fallback;
    }
    for (String name : names) {
      if (!known.contains(name)) {
        throw ObsConfig.invalid(
            key, String.join(",", names), "must name receivers among " + String.join(", ", known));
      }
    }
    return names;
  }

  static Receiver receiver(ObsConfig config, String name) {
    String key = PREFIX + "receiver." + name + ".";
    String type = config.string(key + "type", "").toLowerCase(Locale.ROOT);
    Duration timeout = config.duration(key + "timeout", Notifier.DEFAULT_TIMEOUT);
    Notifier notifier =
        switch (type) {
          case "log" -> Notifier.log();
          case "slack" -> Notifier.slack(url(config, key + "url"), timeout);
          case "webhook" -> Notifier.webhook(url(config, key + "url"), timeout);
          case "alertmanager" -> Notifier.alertmanager(url(config, key + "url"), timeout);
          case "telegram" ->
              Notifier.telegram(
                  config.get(key + "api-url").isPresent()
                      ? url(config, key + "api-url")
                      : Notifier.TELEGRAM_API,
                  required(config, key + "bot-token", "telegram"),
                  required(config, key + "chat-id", "telegram"),
                  timeout);
          case "email" -> email(config, key, timeout);
          default ->
              throw ObsConfig.invalid(
                  key + "type", type, "must be one of " + String.join(", ", TYPES));
        };
    RateLimit rate = limit(config, key + "rate-limit", Receiver.DEFAULT_RATE_LIMIT);
    if (config.string(key + "rate-limit", "").equalsIgnoreCase("none")) {
      rate = null;
    }
    return new Receiver(
        name,
        notifier,
        config.bool(key + "send-resolved", true),
        rate,
        config.positiveInt(key + "queue-capacity", Receiver.DEFAULT_QUEUE_CAPACITY));
  }

  private static Notifier email(ObsConfig config, String key, Duration timeout) {
    if (!EmailSupport.available()) {
      throw new ObsConfigException(
          key + "type", key + "type is email, but " + EmailSupport.MISSING);
    }
    List<String> to = config.list(key + "to");
    if (to.isEmpty()) {
      throw ObsConfig.invalid(
          key + "to", "", "must list at least one address for an email receiver");
    }
    int port = config.positiveInt(key + "smtp-port", 25);
    if (port > 65535) {
      throw ObsConfig.invalid(key + "smtp-port", Integer.toString(port), "must be at most 65535");
    }
    try {
      return Notifier.email(
          new EmailSettings(
              required(config, key + "smtp-host", "email"),
              port,
              config.get(key + "smtp-username").orElse(null),
              config.get(key + "smtp-password").orElse(null),
              config.bool(key + "smtp-starttls", false),
              required(config, key + "from", "email"),
              to,
              timeout));
    } catch (IllegalArgumentException e) {
      throw new ObsConfigException(key + "to", key + "to or from is invalid: " + e.getMessage());
    }
  }

  private static String required(ObsConfig config, String key, String type) {
    String value = config.string(key, "");
    if (value.isBlank()) {
      throw ObsConfig.invalid(key, value, "must be set for a " + type + " receiver");
    }
    return value;
  }

  private static URI url(ObsConfig config, String key) {
    String text = config.string(key, "");
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      if (uri.getHost() != null && ("http".equals(scheme) || "https".equals(scheme))) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw ObsConfig.invalid(
        key, SecretUrls.redact(text), "must be an http or https URL like https://host/path");
  }

  private static RateLimit limit(ObsConfig config, String key, RateLimit fallback) {
    String text = config.string(key, "");
    if (text.isBlank() || text.equalsIgnoreCase("none")) {
      return fallback;
    }
    RateLimit limit = RateLimit.parse(text);
    if (limit == null) {
      throw ObsConfig.invalid(key, text, "must be count/period like 10/1h or 20/1m");
    }
    return limit;
  }

  private static LocalTime digestTime(ObsConfig config) {
    String text = config.string(PREFIX + "digest.time", "09:00");
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      throw ObsConfig.invalid(PREFIX + "digest.time", text, "must be a time of day like 09:00");
    }
  }

  private static ZoneId digestZone(ObsConfig config) {
    String text = config.string(PREFIX + "digest.zone", "UTC");
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw ObsConfig.invalid(
          PREFIX + "digest.zone", text, "must be a time zone like UTC or Europe/Berlin");
    }
  }
}
