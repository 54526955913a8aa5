package dev.obs.servlet;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
   * {@link #OBS_ATTRIBUTE}. Which endpoints are served is {@code obs.web.exposure.include} and
   * {@code obs.web.exposure.exclude} (by default {@code health,metrics,api,admin}: the health
   * endpoints, {@code /metrics}, and the guarded {@code /obs/api/*} and {@code /obs/admin/*}; the
   * status page is opt-in with {@code status}), under {@code obs.web.base-path}. {@code
   * obs.metrics.enabled=false} leaves out {@code /metrics}; {@code
   * obs.health.endpoints.enabled=false} leaves out {@code /livez}, {@code /readyz} and {@code
   * /healthz}; the alert endpoints need obs-alerts on the class path. One {@link AdminGuard} guards
   * every endpoint that is not public; at the end one line says what is served and what is public.
   *
   * @param context the servlet context, before it is initialised
   * @param obs the obs root
   * @throws dev.obs.config.ObsConfigException when an endpoint setting is invalid, or an obs path
   *     would shadow one the application maps
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
   * @throws dev.obs.config.ObsConfigException when an endpoint setting is invalid, or an obs path
   *     would shadow one the application maps
   */
  public static void registerEndpoints(ServletContext context, Obs obs) {
    context.setAttribute(OBS_ATTRIBUTE, obs);
    WebExposure exposure = WebExposure.of(context, obs.config());
    AdminGuard guard = guard(context, obs);
    if (obs.config().bool("obs.health.endpoints.enabled", true)) {
      registerHealth(context, obs, exposure, guard);
    }
    if (AlertEndpoints.onClassPath()) {
      AlertEndpoints.register(context, obs);
    }
    StatusServlets.register(context, obs);
    registerMetrics(context, obs, exposure, guard);
    exposure.logServed(guard);
  }

  /**
   * Returns the {@link AdminGuard} of this context, built once from {@code obs.config()} (counting
   * admin writes in {@code obs.meterRegistry()}) and shared by every obs endpoint in it, so a
   * verified Basic credential and fetched JWT keys are cached once.
   *
   * @param context the servlet context
   * @param obs the obs root
   * @return the guard
   * @throws dev.obs.config.ObsConfigException when a credential setting is invalid
   */
  public static AdminGuard guard(ServletContext context, Obs obs) {
    String attribute = AdminGuard.class.getName();
    if (context.getAttribute(attribute) instanceof AdminGuard existing) {
      return existing;
    }
    AdminGuard guard = AdminGuard.fromConfig(obs.config(), obs.meterRegistry(), obs.clock());
    context.setAttribute(attribute, guard);
    return guard;
  }

  /**
   * Maps an obs endpoint of another module under the same rules as obs-servlet's own: served only
   * when {@code obs.web.exposure.include} lists its id, under {@code obs.web.base-path}, refusing
   * to shadow a path the application maps unless {@code obs.web.path-conflict=app}.
   *
   * @param context the servlet context, before it is initialised
   * @param config the configuration
   * @param id the endpoint id, one of {@code health}, {@code metrics}, {@code status}, {@code api}
   *     and {@code admin}
   * @param name the servlet name
   * @param servlet the servlet
   * @param isPublic whether it answers anyone, for the start-up line
   * @param paths the paths, relative to the base path
   * @return true when the servlet was mapped
   * @throws dev.obs.config.ObsConfigException when a path would shadow one the application maps
   */
  public static boolean addEndpoint(
      ServletContext context,
      ObsConfig config,
      String id,
      String name,
      Servlet servlet,
      boolean isPublic,
      String... paths) {
    if (!WebExposure.IDS.contains(id)) {
      throw new IllegalArgumentException(
          "id must be one of " + WebExposure.IDS + ", got '" + id + "'");
    }
    return WebExposure.of(context, config).add(context, id, name, servlet, isPublic, paths);
  }

  /**
   * Returns the obs paths served in this context (under the base path), public and guarded, for a
   * framework adapter that checks them against its own mappings.
   *
   * @param context the servlet context obs registered its endpoints in
   * @return the mapped paths, such as {@code /metrics} and {@code /status/assets/*}
   */
  public static List<String> servedPaths(ServletContext context) {
    if (!(context.getAttribute(WebExposure.class.getName()) instanceof WebExposure exposure)) {
      return List.of();
    }
    List<String> out = new ArrayList<>(exposure.publicPaths());
    out.addAll(exposure.guardedPaths());
    return List.copyOf(out);
  }

  private static void registerMetrics(
      ServletContext context, Obs obs, WebExposure exposure, AdminGuard guard) {
    if (!obs.config().bool("obs.metrics.enabled", true) || !exposure.exposes("metrics")) {
      return;
    }
    PrometheusMeterRegistry prometheus = findPrometheus(obs.meterRegistry());
    if (prometheus == null) {
      log.info(
          "obs servlet: not serving /metrics because the MeterRegistry has no"
              + " PrometheusMeterRegistry");
      return;
    }
    String token = obs.config().get(MetricsServlet.TOKEN_KEY).orElse(null);
    boolean isPublic = obs.config().bool(MetricsServlet.PUBLIC_KEY, token == null);
    AdminGuard metricsGuard = MetricsServlet.guard(guard, token, isPublic);
    exposure.add(
        context,
        "metrics",
        "obsMetrics",
        new MetricsServlet(metricsGuard, prometheus),
        isPublic,
        "/metrics");
  }

  private static void registerHealth(
      ServletContext context, Obs obs, WebExposure exposure, AdminGuard guard) {
    String text = obs.config().string("obs.health.show-details", "when-authorized");
    HealthServlet.ShowDetails show = HealthServlet.ShowDetails.parse(text);
    if (show == null) {
      throw ObsConfig.invalid(
          "obs.health.show-details", text, "must be one of never, when-authorized, always");
    }
    exposure.add(
        context,
        "health",
        "obsHealth",
        new HealthServlet(obs.health(), guard, show),
        true,
        "/livez",
        "/readyz",
        "/healthz");
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
