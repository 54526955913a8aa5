package dev.obs.spring;

import dev.obs.Obs;
import dev.obs.ObsConfig;
import dev.obs.alerts.AlertListener;
import dev.obs.alerts.notify.Notifications;
import dev.obs.servlet.NotificationServlets;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects obs's alert rules to the application: the rules themselves come with the {@link Obs}
 * bean from {@code obs.alerts.*} ({@code obs.alerts.rule-files} takes {@code classpath:} and {@code
 * file:} locations); this configuration adds the notifications of {@code obs.alerts.notify.*} as a
 * listener of every evaluation, with their admin endpoints, and hands the alerts to every other
 * {@link AlertListener} bean.
 */
@AutoConfiguration(after = ObsAutoConfiguration.class)
@ConditionalOnBean(Obs.class)
public final class ObsAlertsAutoConfiguration {
  /** Creates the configuration; Spring calls this. */
  public ObsAlertsAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "obs.alerts.notify.enabled", matchIfMissing = true)
  Notifications obsNotifications(Obs obs, ObsConfig config) {
    // Built started; Spring closes it (AutoCloseable) with the context, flushing the queues.
    return Notifications.fromConfig(config, obs.meterRegistry(), obs.clock());
  }

  @Bean
  SmartInitializingSingleton obsAlertListeners(Obs obs, ListableBeanFactory beans) {
    return () -> {
      Map<String, AlertListener> listeners = beans.getBeansOfType(AlertListener.class);
      listeners.values().forEach(obs.alerts()::addListener);
    };
  }

  /** The silences and test-notification endpoints under {@code /obs/admin}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(NotificationServlets.class)
  // The same condition as the Notifications bean: a nested class is read before its outer
  // class's beans, so @ConditionalOnBean would not see it yet.
  @ConditionalOnBooleanProperty(name = "obs.alerts.notify.enabled", matchIfMissing = true)
  static final class NotificationEndpoints {
    @Bean
    @ConditionalOnMissingBean(name = "obsNotificationEndpoints")
    ServletContextInitializer obsNotificationEndpoints(
        Notifications notifications, ObsConfig config) {
      return context -> NotificationServlets.register(context, notifications, config);
    }
  }
}
