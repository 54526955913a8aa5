package dev.obs.spring;

import dev.obs.Obs;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Lets obs and Spring Boot Actuator share an application: obs's health checks appear in Actuator's
 * health endpoint as the contributor {@code obs}, and {@code http.server.requests} is recorded by
 * one side only.
 *
 * <p>By default ({@code obs.spring.request-metrics=obs}) obs's filter records the timer and a
 * predicate stops Spring's observation of server requests, so the timer is neither counted twice
 * nor registered with two sets of tags. With {@code spring}, Spring's observation records it and
 * obs records none ({@code obs.http.enabled} is forced off), keeping request ids, JSON logs, spans
 * and error reports.
 */
@AutoConfiguration(after = ObsAutoConfiguration.class)
@ConditionalOnBean(Obs.class)
public final class ObsActuatorAutoConfiguration {
  /** Creates the configuration; Spring calls this. */
  public ObsActuatorAutoConfiguration() {}

  /** obs's checks as one composite contributor in Actuator's health. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthContributor.class)
  @ConditionalOnBooleanProperty(name = "obs.health.actuator.enabled", matchIfMissing = true)
  static final class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "obsHealthContributor")
    ObsHealthContributor obsHealthContributor(Obs obs) {
      return new ObsHealthContributor(obs.health());
    }
  }

  /** Keeps Spring's server request observation out while obs records the requests. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({ObservationPredicate.class, ServerRequestObservationContext.class})
  @ConditionalOnProperty(
      name = EnvironmentConfig.REQUEST_METRICS,
      havingValue = "obs",
      matchIfMissing = true)
  static final class RequestMetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "obsServerRequestsPredicate")
    ObservationPredicate obsServerRequestsPredicate() {
      return (name, context) -> !(context instanceof ServerRequestObservationContext);
    }
  }
}
