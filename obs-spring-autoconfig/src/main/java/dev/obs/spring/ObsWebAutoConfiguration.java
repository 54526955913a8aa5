package dev.obs.spring;

import dev.obs.Obs;
import dev.obs.servlet.ObsFilter;
import dev.obs.servlet.ObsServlets;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Installs obs in a servlet web application: the {@link ObsFilter} ahead of every other filter;
 * obs's endpoints through {@link ObsServlets#registerEndpoints}, exactly as a plain servlet
 * application gets them ({@code /livez}, {@code /readyz} and {@code /healthz} unless {@code
 * obs.health.endpoints.enabled=false}, {@code /metrics} unless {@code obs.metrics.enabled=false});
 * and with Spring MVC an interceptor that reports each request's route template, so the {@code uri}
 * tag is {@code /users/{id}} exactly as mapped.
 */
@AutoConfiguration(after = ObsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ObsFilter.class)
@ConditionalOnBean(Obs.class)
public final class ObsWebAutoConfiguration {
  /**
   * The order of the obs filter: first, so it times and identifies the whole request, including
   * what other filters (security, Spring's own observation) do.
   */
  public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;

  /** Creates the configuration; Spring calls this. */
  public ObsWebAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "obsFilter")
  FilterRegistrationBean<ObsFilter> obsFilter(Obs obs) {
    FilterRegistrationBean<ObsFilter> registration =
        new FilterRegistrationBean<>(new ObsFilter(obs));
    registration.setName("obsFilter");
    registration.setOrder(FILTER_ORDER);
    registration.setAsyncSupported(true);
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    registration.addUrlPatterns("/*");
    return registration;
  }

  @Bean
  @ConditionalOnMissingBean(name = "obsEndpoints")
  ServletContextInitializer obsEndpoints(Obs obs) {
    // The same endpoints, keys and checks as the drop-in servlet path, so both stay alike.
    return context -> ObsServlets.registerEndpoints(context, obs);
  }

  /** Reports Spring MVC's matched pattern as the route of each request. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(DispatcherServlet.class)
  static final class RouteConfiguration {
    /** Checks, once every bean is built, that no obs path shadows an MVC mapping of the app. */
    @Bean
    SmartInitializingSingleton obsMvcPathCheck(
        Obs obs, ObjectProvider<ServletContext> servletContext, ListableBeanFactory beans) {
      return () -> {
        ServletContext context = servletContext.getIfAvailable();
        if (context != null) {
          MvcPathConflicts.check(
              context, obs.config(), beans.getBeansOfType(RequestMappingHandlerMapping.class));
        }
      };
    }

    @Bean
    WebMvcConfigurer obsRouteConfigurer() {
      return new WebMvcConfigurer() {
        @Override
        public void addInterceptors(InterceptorRegistry registry) {
          registry.addInterceptor(new RouteInterceptor());
        }
      };
    }
  }
}
