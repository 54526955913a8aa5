package dev.obs.alerts;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Maps the {@code obs.alerts.*} keys onto an {@link Alerts.Builder}. */
final class AlertsConfig {
  static final String ENABLED = "obs.alerts.enabled";
  static final String RULE_FILES = "obs.alerts.rule-files";
  static final String INTERVAL = "obs.alerts.interval";
  static final String BUILTIN = "obs.alerts.builtin.enabled";
  static final String RETENTION = "obs.alerts.retention.max";
  private static final String PREFIX = "obs.alerts.builtin.";

  private AlertsConfig() {}

  static void apply(ObsConfig config, Alerts.Builder builder) {
    Duration interval = config.duration(INTERVAL, Alerts.DEFAULT_INTERVAL);
    if (interval.isZero() || interval.toMillis() < 1) {
      throw ObsConfig.invalid(
          INTERVAL, config.get(INTERVAL).orElse(""), "must be a positive duration like 15s");
    }
    builder.interval(interval);
    builder.maxRetention(config.duration(RETENTION, Alerts.DEFAULT_MAX_RETENTION));
    if (!config.bool(ENABLED, true)) {
      return;
    }
    for (String file : config.list(RULE_FILES)) {
      builder.groups(file, load(file));
    }
    if (config.bool(BUILTIN, false)) {
      BuiltinRules d = BuiltinRules.defaults();
      BuiltinRules pack =
          new BuiltinRules(
              ratio(config, "error-rate", d.errorRate()),
              latency(config, d.latencyP95()),
              factor(config, d.baselineFactor()),
              ratio(config, "heap", d.heap()),
              ratio(config, "cpu", d.cpu()),
              ratio(config, "pool", d.pool()),
              ratio(config, "redis-memory", d.redisMemory()));
      builder.groups("builtin", pack.groups());
    }
  }

  private static List<RuleGroup> load(String file) {
    try {
      if (file.startsWith("classpath:")) {
        String resource = file.substring("classpath:".length()).replaceFirst("^/", "");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return RuleFiles.loadResource(
            loader != null ? loader : AlertsConfig.class.getClassLoader(), resource);
      }
      return RuleFiles.load(Path.of(file));
    } catch (RuleFileException e) {
      ObsConfigException ex =
          new ObsConfigException(RULE_FILES, RULE_FILES + ": " + e.getMessage());
      ex.initCause(e);
      throw ex;
    } catch (UncheckedIOException e) {
      ObsConfigException ex =
          ObsConfig.invalid(
              RULE_FILES,
              file,
              "must list readable rule files or classpath: resources (" + e.getMessage() + ")");
      ex.initCause(e);
      throw ex;
    }
  }

  private static double ratio(ObsConfig config, String name, double defaultValue) {
    String key = PREFIX + name;
    double v = number(config, key, defaultValue);
    if (!(v > 0 && v <= 1)) {
      throw ObsConfig.invalid(
          key, config.get(key).orElse(""), "must be a ratio in (0, 1] like 0.9");
    }
    return v;
  }

  private static double factor(ObsConfig config, double defaultValue) {
    String key = PREFIX + "latency-baseline-factor";
    double v = number(config, key, defaultValue);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw ObsConfig.invalid(key, config.get(key).orElse(""), "must be a positive number like 2");
    }
    return v;
  }

  private static Duration latency(ObsConfig config, Duration defaultValue) {
    String key = PREFIX + "latency-p95";
    Duration d = config.duration(key, defaultValue);
    if (d.isZero()) {
      throw ObsConfig.invalid(key, config.get(key).orElse(""), "must be a positive duration");
    }
    return d;
  }

  private static double number(ObsConfig config, String key, double defaultValue) {
    String text = config.get(key).orElse(null);
    if (text == null) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw ObsConfig.invalid(key, text, "must be a number");
    }
  }
}
