package dev.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.servlet.ObsFilter;
import dev.obs.servlet.ObsServlets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

class ObsWebAutoConfigurationTest {
  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(ObsAutoConfiguration.class, ObsWebAutoConfiguration.class));

  @Test
  void registersTheFilterFirstAndTheEndpoints() {
    runner.run(
        context -> {
          FilterRegistrationBean<?> filter =
              context.getBean("obsFilter", FilterRegistrationBean.class);
          assertThat(filter.getFilter()).isInstanceOf(ObsFilter.class);
          assertThat(filter.getOrder()).isEqualTo(ObsWebAutoConfiguration.FILTER_ORDER);
          assertThat(filter.getUrlPatterns()).containsExactly("/*");
          assertThat(filter.isAsyncSupported()).isTrue();
          RecordingServletContext servlets = new RecordingServletContext();
          context
              .getBean("obsEndpoints", ServletContextInitializer.class)
              .onStartup(servlets.context);
          assertThat(servlets.mappings)
              .containsEntry("obsHealth", List.of("/livez", "/readyz", "/healthz"))
              .containsEntry("obsMetrics", List.of("/metrics"));
          assertThat(servlets.attributes)
              .containsEntry(ObsServlets.OBS_ATTRIBUTE, context.getBean(Obs.class));
          assertThat(context).hasBean("obsRouteConfigurer");
        });
  }

  @Test
  void theEndpointsFollowTheSameKeysAsTheServletPath() {
    runner
        .withPropertyValues("obs.health.endpoints.enabled=false", "obs.metrics.enabled=false")
        .run(
            context -> {
              RecordingServletContext servlets = new RecordingServletContext();
              context
                  .getBean("obsEndpoints", ServletContextInitializer.class)
                  .onStartup(servlets.context);
              assertThat(servlets.mappings).doesNotContainKeys("obsHealth", "obsMetrics");
            });
  }

  @Test
  void doesNotServeMetricsWithoutAPrometheusRegistry() {
    runner
        .withUserConfiguration(SimpleRegistryConfig.class)
        .run(
            context -> {
              RecordingServletContext servlets = new RecordingServletContext();
              context
                  .getBean("obsEndpoints", ServletContextInitializer.class)
                  .onStartup(servlets.context);
              assertThat(servlets.mappings)
                  .containsKey("obsHealth")
                  .doesNotContainKey("obsMetrics");
            });
  }

  @Test
  void backsOffForTheApplicationsOwnFilterRegistration() {
    runner
        .withUserConfiguration(OwnFilterConfig.class)
        .run(
            context ->
                assertThat(context.getBean("obsFilter", FilterRegistrationBean.class).getOrder())
                    .isEqualTo(42));
  }

  @Test
  void needsNoSpringMvcForTheFilterAndTheEndpoints() {
    runner
        .withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
        .run(
            context ->
                assertThat(context)
                    .hasBean("obsFilter")
                    .hasBean("obsEndpoints")
                    .doesNotHaveBean(WebMvcConfigurer.class));
  }

  @Test
  void doesNothingOutsideAServletWebApplication() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(ObsAutoConfiguration.class, ObsWebAutoConfiguration.class))
        .run(context -> assertThat(context).hasSingleBean(Obs.class).doesNotHaveBean("obsFilter"));
  }

  @Test
  void doesNothingWhenObsIsOff() {
    runner
        .withPropertyValues("obs.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("obsFilter"));
  }

  @Configuration(proxyBeanMethods = false)
  static class SimpleRegistryConfig {
    @Bean
    SimpleMeterRegistry registry() {
      return new SimpleMeterRegistry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnFilterConfig {
    @Bean
    FilterRegistrationBean<ObsFilter> obsFilter(Obs obs) {
      FilterRegistrationBean<ObsFilter> registration =
          new FilterRegistrationBean<>(new ObsFilter(obs));
      registration.setOrder(42);
      return registration;
    }
  }
}
