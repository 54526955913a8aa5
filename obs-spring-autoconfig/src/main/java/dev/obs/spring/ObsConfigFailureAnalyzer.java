package dev.obs.spring;

import dev.obs.config.ObsConfigException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Turns an invalid {@code obs.*} value into Spring Boot's start-up failure report: the property,
 * the rejected value, where it was set, and what the property accepts.
 *
 * <pre>
 * Invalid value for the obs property 'obs.http.uri-cap':
 *
 *     Property: obs.http.uri-cap
 *     Value: "lots"
 *     Origin: class path resource [application.properties] - 3:18
 *     Reason: obs.http.uri-cap must be a positive integer like 500, got 'lots'
 *
 * Action:
 *
 * Change obs.http.uri-cap: it must be a positive integer like 500.
 * </pre>
 */
final class ObsConfigFailureAnalyzer extends AbstractFailureAnalyzer<ObsConfigException> {
  // ObsConfig.invalid writes "<key> <rule>, got '<value>'".
  private static final Pattern INVALID = Pattern.compile("(?s)(\\S+) (.*), got '(.*)'");

  private final @Nullable Environment environment;

  ObsConfigFailureAnalyzer(@Nullable Environment environment) {
    this.environment = environment;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ObsConfigException cause) {
    String key = cause.key();
    Matcher m = INVALID.matcher(cause.getMessage());
    boolean structured = m.matches() && m.group(1).equals(key);
    String rule = structured ? m.group(2) : null;
    String value = value(key);
    if (value == null && structured) {
      value = m.group(3);
    }
    StringBuilder description = new StringBuilder();
    description.append("Invalid value for the obs property '").append(key).append("':\n\n");
    description.append("    Property: ").append(key).append('\n');
    if (value != null) {
      description.append("    Value: \"").append(value).append("\"\n");
    }
    Origin origin = origin(key);
    if (origin != null) {
      description.append("    Origin: ").append(origin).append('\n');
    }
    description.append("    Reason: ").append(cause.getMessage());
    String action =
        rule != null
            ? "Change " + key + ": it " + rule + "."
            : "Change " + key + " in the application's configuration (see docs/spring-boot.md).";
    return new FailureAnalysis(description.toString(), action, cause);
  }

  private @Nullable String value(String key) {
    if (environment instanceof ConfigurableEnvironment configurable) {
      return EnvironmentConfig.valueOf(configurable, key);
    }
    return null;
  }

  private @Nullable Origin origin(String key) {
    if (!(environment instanceof ConfigurableEnvironment configurable)
        || !ConfigurationPropertyName.isValid(key)) {
      return null;
    }
    var sources = ConfigurationPropertySources.get(configurable);
    ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
    for (var source : sources) {
      var property = source.getConfigurationProperty(name);
      if (property != null) {
        return property.getOrigin();
      }
    }
    return null;
  }
}
