package dev.obs.spring;

import dev.obs.Obs;
import dev.obs.alert.AlertListener;
import dev.obs.alerts.Alerting;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Hands obs's alerts to the application: the rules come with the {@link Obs} bean from {@code
 * obs.alerts.*} ({@code obs.alerts.rule-files} takes {@code classpath:} and {@code file:}
 * locations) and its notifications from {@code obs.alerts.notify.*}; this configuration adds every
 * {@link AlertListener} bean as a listener of each rule evaluation.
 */
@AutoConfiguration(after = ObsAutoConfiguration.class)
@ConditionalOnBean(Obs.class)
@ConditionalOnClass(Alerting.class)
public final class ObsAlertsAutoConfiguration {
  /** Creates the configuration; Spring calls this. */
  public ObsAlertsAutoConfiguration() {}

  @Bean
  SmartInitializingSingleton obsAlertListeners(Obs obs, ListableBeanFactory beans) {
    return () ->
        beans
            .getBeansOfType(AlertListener.class)
            .values()
            .forEach(
                listener ->
                    obs.plugin(Alerting.class).ifPresent(a -> a.alerts().addListener(listener)));
  }
}
