package dev.obs.spring;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.health.HealthCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Builds the application's one {@link Obs} from the {@code obs.*} properties and the application's
 * beans, starts it, and closes it with the context.
 *
 * <p>The {@code Obs} records into the application's {@link MeterRegistry} when there is one (with
 * Actuator, Spring Boot's Prometheus registry), else into a {@link PrometheusMeterRegistry} this
 * configuration defines. Its health registry holds every {@link HealthCheck} bean under its bean
 * name, a JDBC check for each {@link DataSource} ({@code obs.health.db.enabled}) and a Redis check
 * when {@code spring.data.redis.host} or {@code url} is set ({@code obs.health.redis.enabled}).
 * Each bean backs off when the application defines its own; {@code obs.enabled=false} turns the
 * whole starter off.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
@ConditionalOnBooleanProperty(name = "obs.enabled", matchIfMissing = true)
public final class ObsAutoConfiguration {
  /** Creates the configuration; Spring calls this. */
  public ObsAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  ObsConfig obsConfig(ConfigurableEnvironment environment) {
    return EnvironmentConfig.from(environment);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(MeterRegistry.class)
  PrometheusMeterRegistry obsMeterRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Obs obs(
      ObsConfig config,
      ObjectProvider<MeterRegistry> registries,
      ObjectProvider<OpenTelemetry> openTelemetry,
      ListableBeanFactory beans,
      ConfigurableEnvironment environment) {
    Obs.Builder builder = Obs.builder().config(config);
    MeterRegistry registry = registries.getIfUnique();
    if (registry != null) {
      builder.meterRegistry(registry);
    }
    OpenTelemetry otel = openTelemetry.getIfUnique();
    if (otel != null) {
      builder.openTelemetry(otel);
    }
    if (beans.getBeanNamesForType(JvmGcMetrics.class).length > 0) {
      // Spring Boot already binds the JVM meters to this registry; binding them twice would count
      // every garbage collection twice.
      builder.jvmMetrics(false);
    }
    Obs obs = builder.build();
    try {
      SpringHealthChecks.registerBeans(obs.health(), beans.getBeansOfType(HealthCheck.class));
      if (config.bool("obs.health.db.enabled", true)) {
        SpringHealthChecks.registerDataSources(
            obs.health(), beans.getBeansOfType(DataSource.class));
      }
      if (config.bool("obs.health.redis.enabled", true)) {
        SpringHealthChecks.registerRedis(obs.health(), environment);
      }
      return obs.start();
    } catch (RuntimeException e) {
      obs.close();
      throw e;
    }
  }
}
