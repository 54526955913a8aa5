package dev.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthResult;
import io.micrometer.observation.ObservationPredicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.server.observation.ServerRequestObservationContext;

class ObsActuatorAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ObsAutoConfiguration.class, ObsActuatorAutoConfiguration.class));

  @Test
  void withActuatorObsChecksAreAHealthContributorAndObsRecordsTheRequests() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(ObsHealthContributor.class);
          assertThat(context).hasBean("obsServerRequestsPredicate");
          ObservationPredicate predicate =
              context.getBean("obsServerRequestsPredicate", ObservationPredicate.class);
          assertThat(
                  predicate.test(
                      "http.server.requests", new ServerRequestObservationContext(null, null)))
              .isFalse();
          assertThat(
                  predicate.test("jdbc.query", new io.micrometer.observation.Observation.Context()))
              .isTrue();
          assertThat(context.getBean(Obs.class).config().bool("obs.http.enabled", true)).isTrue();
        });
  }

  @Test
  void springCanRecordTheRequestsInstead() {
    runner
        .withPropertyValues("obs.spring.request-metrics=spring")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("obsServerRequestsPredicate");
              Obs obs = context.getBean(Obs.class);
              assertThat(obs.http().isRecorded("/hello")).isFalse();
            });
  }

  @Test
  void anUnknownRequestMetricsOwnerFailsTheStart() {
    runner
        .withPropertyValues("obs.spring.request-metrics=both")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage("obs.spring.request-metrics must be obs or spring, got 'both'"));
  }

  @Test
  void withoutActuatorThereIsNoContributor() {
    runner
        .withClassLoader(new FilteredClassLoader(HealthContributor.class))
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(Obs.class)
                    .doesNotHaveBean(ObsHealthContributor.class));
  }

  @Test
  void withoutObservationSupportThereIsNoPredicate() {
    runner
        .withClassLoader(new FilteredClassLoader(ServerRequestObservationContext.class))
        .run(context -> assertThat(context).doesNotHaveBean("obsServerRequestsPredicate"));
  }

  @Test
  void theContributorCanBeSwitchedOffOrReplaced() {
    runner
        .withPropertyValues("obs.health.actuator.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ObsHealthContributor.class));
  }

  @Test
  void eachCheckIsAChildWithActuatorsStatusAndObsDetails() {
    runner.run(
        context -> {
          Obs obs = context.getBean(Obs.class);
          obs.health().register("db", () -> HealthResult.up().withDetail("database", "H2"));
          obs.health()
              .register(
                  "cache",
                  () -> HealthResult.down("connection refused"),
                  CheckOptions.builder().critical(false).build());
          obs.health().register("queue", () -> HealthResult.down("queue full"));
          HealthContributors contributor = context.getBean(ObsHealthContributor.class);

          assertThat(contributor.stream().map(HealthContributors.Entry::name))
              .containsExactly("db", "cache", "queue");
          Health db = ((HealthIndicator) contributor.getContributor("db")).health();
          assertThat(db.getStatus()).isEqualTo(Status.UP);
          assertThat(db.getDetails())
              .containsEntry("obs_status", "UP")
              .containsEntry("database", "H2");
          Health cache = ((HealthIndicator) contributor.getContributor("cache")).health();
          assertThat(cache.getStatus()).isEqualTo(Status.UP);
          assertThat(cache.getDetails())
              .containsEntry("obs_status", "DOWN")
              .containsEntry("message", "connection refused");
          Health queue = ((HealthIndicator) contributor.getContributor("queue")).health();
          assertThat(queue.getStatus()).isEqualTo(Status.DOWN);
          assertThat(contributor.getContributor("missing")).isNull();
        });
  }
}
