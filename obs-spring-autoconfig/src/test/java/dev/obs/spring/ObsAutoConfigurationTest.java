package dev.obs.spring;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.config.ObsConfigException;
import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ObsAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ObsAutoConfiguration.class));

  @Test
  void buildsAStartedObsWithItsOwnPrometheusRegistryWhenTheApplicationHasNone() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(Obs.class).hasSingleBean(PrometheusMeterRegistry.class);
          Obs obs = context.getBean(Obs.class);
          assertThat(obs.isRunning()).isTrue();
          assertThat(obs.meterRegistry()).isSameAs(context.getBean(PrometheusMeterRegistry.class));
          assertThat(obs.meterRegistry()).hasMeter("jvm.memory.used");
        });
  }

  @Test
  void recordsIntoTheApplicationsMeterRegistry() {
    runner
        .withUserConfiguration(RegistryConfig.class)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(PrometheusMeterRegistry.class);
              assertThat(context.getBean(Obs.class).meterRegistry())
                  .isSameAs(context.getBean(MeterRegistry.class));
            });
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnObs() {
    runner
        .withUserConfiguration(OwnObsConfig.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(Obs.class);
              assertThat(context.getBean(Obs.class)).isSameAs(context.getBean("myObs"));
            });
  }

  @Test
  void obsEnabledFalseLeavesTheApplicationAlone() {
    runner
        .withPropertyValues("obs.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(Obs.class)
                    .doesNotHaveBean(MeterRegistry.class));
  }

  @Test
  void readsTheObsPropertiesOfTheEnvironment() {
    runner
        .withPropertyValues(
            "obs.http.uri-cap=7", "obs.http.exclude[0]=/internal/**", "obs.http.exclude[1]=/ping")
        .run(
            context -> {
              Obs obs = context.getBean(Obs.class);
              assertThat(obs.config().positiveInt("obs.http.uri-cap", 500)).isEqualTo(7);
              assertThat(obs.config().list("obs.http.exclude"))
                  .containsExactly("/internal/**", "/ping");
              assertThat(obs.http().isRecorded("/ping")).isFalse();
            });
  }

  @Test
  void anInvalidValueFailsTheStartWithObsConfigsMessage() {
    runner
        .withPropertyValues("obs.http.uri-cap=lots")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(ObsConfigException.class)
                    .hasMessage(
                        "obs.http.uri-cap must be a positive integer like 500, got 'lots'"));
  }

  @Test
  void registersHealthCheckBeansAndAJdbcCheckForTheDataSource() {
    runner
        .withUserConfiguration(ChecksConfig.class, OneDataSourceConfig.class)
        .run(
            context -> {
              Obs obs = context.getBean(Obs.class);
              assertThat(obs.health().names()).containsExactly("queue", "db");
              assertThat(obs.health().checkAll().check("db").status()).isEqualTo(HealthStatus.UP);
              assertThat(obs.health().checkAll().check("queue").message()).isEqualTo("depth 3");
            });
  }

  @Test
  void namesJdbcChecksAfterTheirBeansWhenThereAreSeveralDataSources() {
    runner
        .withUserConfiguration(TwoDataSourcesConfig.class)
        .run(
            context ->
                assertThat(context.getBean(Obs.class).health().names())
                    .containsExactlyInAnyOrder("orders", "billing"));
  }

  @Test
  void theJdbcCheckCanBeSwitchedOff() {
    runner
        .withUserConfiguration(OneDataSourceConfig.class)
        .withPropertyValues("obs.health.db.enabled=false")
        .run(context -> assertThat(context.getBean(Obs.class).health().names()).isEmpty());
  }

  @Test
  void registersARedisCheckOnlyWhenSpringDataRedisNamesAServer() {
    runner.run(context -> assertThat(context.getBean(Obs.class).health().names()).isEmpty());
    runner
        .withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379")
        .run(
            context ->
                assertThat(context.getBean(Obs.class).health().names()).containsExactly("redis"));
    runner
        .withPropertyValues(
            "spring.data.redis.url=redis://127.0.0.1:6379/0", "obs.health.redis.enabled=false")
        .run(context -> assertThat(context.getBean(Obs.class).health().names()).isEmpty());
  }

  @Test
  void leavesTheJvmMetersToSpringBootWhenItBindsThem() {
    runner
        .withUserConfiguration(RegistryConfig.class, JvmGcConfig.class)
        .run(
            context ->
                assertThat(context.getBean(Obs.class).meterRegistry())
                    .doesNotHaveMeter("jvm.memory.used"));
  }

  @Test
  void closesObsWithTheContext() {
    Obs[] obs = new Obs[1];
    runner.run(context -> obs[0] = context.getBean(Obs.class));
    assertThat(obs[0].isRunning()).isFalse();
  }

  @Configuration(proxyBeanMethods = false)
  static class RegistryConfig {
    @Bean
    SimpleMeterRegistry registry() {
      return new SimpleMeterRegistry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class JvmGcConfig {
    @Bean
    JvmGcMetrics jvmGcMetrics() {
      return new JvmGcMetrics();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnObsConfig {
    @Bean(destroyMethod = "close")
    Obs myObs() {
      return Obs.builder().jvmMetrics(false).build().start();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ChecksConfig {
    @Bean
    dev.obs.health.HealthCheck queue() {
      return () -> HealthResult.up().withMessage("depth 3");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OneDataSourceConfig {
    @Bean
    DataSource dataSource() {
      return h2();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoDataSourcesConfig {
    @Bean
    DataSource orders() {
      return h2();
    }

    @Bean
    DataSource billing() {
      return h2();
    }
  }

  static DataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:spring-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }
}
