package dev.obs.servlet;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers obs in a servlet context: the {@link ObsFilter} on {@code /*} and the {@code /metrics}
 * endpoint. The drop-in {@link ObsServletContainerInitializer} calls this; applications that build
 * their own {@link Obs} call it themselves.
 *
 * <pre>{@code
 * ObsServlets.register(servletContext, obs);
 * }</pre>
 */
public final class ObsServlets {
  /** The servlet context attribute that holds the {@link Obs}. */
  public static final String OBS_ATTRIBUTE = Obs.class.getName();

  private static final Logger log = LoggerFactory.getLogger(ObsServlets.class);

  private ObsServlets() {}

  /**
   * Registers the filter and the endpoints, and stores the {@link Obs} in the context attribute
   * {@link #OBS_ATTRIBUTE}. {@code obs.metrics.enabled=false} leaves out {@code /metrics}, and
   * {@code obs.metrics.token} protects it; {@code obs.health.endpoints.enabled=false} leaves out
   * {@code /livez}, {@code /readyz} and {@code /healthz}. {@code /obs/admin/alerts} and {@code
   * /obs/admin/rules} answer callers presenting {@code obs.admin.token}; {@code
   * obs.admin.alerts.enabled=false} leaves them out. {@code /obs/admin/silences} and {@code
   * /obs/admin/alerts/test} administer the notifications; all of these need obs-alerts on the class
   * path and are left out without it. {@code /status}, {@code /status.json} and the summary and
   * series APIs show a {@link dev.obs.history.History} unless {@code obs.history.enabled=false}.
   *
   * @param context the servlet context, before it is initialised
   * @param obs the obs root
   * @throws dev.obs.config.ObsConfigException when an endpoint setting is invalid
   */
  public static void register(ServletContext context, Obs obs) {
    FilterRegistration.Dynamic filter = context.addFilter("obsFilter", new ObsFilter(obs));
    if (filter != null) {
      filter.setAsyncSupported(true);
      filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
    registerEndpoints(context, obs);
  }

  /**
   * Registers the endpoints of {@link #register(ServletContext, Obs)} without the filter, for
   * containers that install the {@link ObsFilter} their own way, such as Spring Boot.
   *
   * @param context the servlet context, before it is initialised
   * @param obs the obs root
   * @throws dev.obs.config.ObsConfigException when an endpoint setting is invalid
   */
  public static void registerEndpoints(ServletContext context, Obs obs) {
    context.setAttribute(OBS_ATTRIBUTE, obs);
    if (obs.config().bool("obs.health.endpoints.enabled", true)) {
      registerHealth(context, obs);
    }
    if (AlertEndpoints.onClassPath()) {
      AlertEndpoints.register(context, obs);
    }
    StatusServlets.register(context, obs);
    if (!obs.config().bool("obs.metrics.enabled", true)) {
      return;
    }
    PrometheusMeterRegistry prometheus = findPrometheus(obs.meterRegistry());
    if (prometheus == null) {
      log.info(
          "obs servlet: not serving /metrics because the MeterRegistry has no"
              + " PrometheusMeterRegistry");
      return;
    }
    String token = obs.config().get("obs.metrics.token").orElse(null);
    ServletRegistration.Dynamic metrics =
        context.addServlet(
            "obsMetrics", EndpointBoundary.wrap(new MetricsServlet(prometheus, token)));
    if (metrics != null) {
      metrics.addMapping("/metrics");
    }
  }

  private static void registerHealth(ServletContext context, Obs obs) {
    String text = obs.config().string("obs.health.show-details", "when-authorized");
    HealthServlet.ShowDetails show = HealthServlet.ShowDetails.parse(text);
    if (show == null) {
      throw ObsConfig.invalid(
          "obs.health.show-details", text, "must be one of never, when-authorized, always");
    }
    ServletRegistration.Dynamic health =
        context.addServlet(
            "obsHealth",
            EndpointBoundary.wrap(
                new HealthServlet(obs.health(), AdminGuard.fromConfig(obs.config()), show)));
    if (health != null) {
      health.addMapping("/livez", "/readyz", "/healthz");
    }
  }

  /**
   * Finds a Prometheus registry: the registry itself or one inside a composite.
   *
   * @param registry the registry obs records into
   * @return the Prometheus registry, or {@code null} if there is none
   */
  public static @Nullable PrometheusMeterRegistry findPrometheus(MeterRegistry registry) {
    if (registry instanceof PrometheusMeterRegistry p) {
      return p;
    }
    if (registry instanceof CompositeMeterRegistry composite) {
      for (MeterRegistry child : composite.getRegistries()) {
        PrometheusMeterRegistry found = findPrometheus(child);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
