package dev.obs.spring;

import dev.obs.config.ObsConfig;
import dev.obs.logging.JsonLogging;
import dev.obs.logging.LoggingOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Switches the application's logs to obs's JSON lines on stdout as soon as Spring Boot has set up
 * logging, so that every line after the banner is JSON; {@code obs.logging.json.enabled=false} (or
 * {@code obs.enabled=false}) keeps Spring Boot's format or the application's own Logback file.
 *
 * <p>It runs right after Spring Boot's {@link LoggingApplicationListener}, which configures Logback
 * from the environment, and restores the previous appenders when the context closes. It does
 * nothing when Logback or logstash-logback-encoder is missing.
 */
final class JsonLoggingListener implements GenericApplicationListener {
  private @Nullable JsonLogging installed;

  @Override
  public boolean supportsEventType(ResolvableType eventType) {
    Class<?> type = eventType.getRawClass();
    return type != null
        && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
            || ContextClosedEvent.class.isAssignableFrom(type)
            || ApplicationFailedEvent.class.isAssignableFrom(type));
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      ObsConfig config = EnvironmentConfig.from(prepared.getEnvironment());
      if (config.bool("obs.enabled", true)
          && config.bool("obs.logging.json.enabled", true)
          && JsonLogging.isAvailable()) {
        install(LoggingOptions.fromConfig(config));
      }
    } else if (event instanceof ContextClosedEvent closed
        && closed.getApplicationContext().getParent() == null) {
      uninstall();
    } else if (event instanceof ApplicationFailedEvent) {
      uninstall();
    }
  }

  private synchronized void install(LoggingOptions options) {
    uninstall();
    installed = JsonLogging.install(options);
  }

  private synchronized void uninstall() {
    if (installed != null) {
      installed.close();
      installed = null;
    }
  }

  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 1;
  }
}
