package dev.obs.servlet;

import dev.obs.Obs;
import dev.obs.history.History;
import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the status page and the history endpoints in a servlet context: {@code /status} (HTML),
 * {@code /status.json}, {@code /status/assets/*}, {@code /obs/api/summary}, {@code /obs/api/series}
 * and {@code /obs/admin/incidents}.
 *
 * <pre>{@code
 * History history = History.builder(obs.meterRegistry(), obs.health(), obs.clock(), obs.config()).dataSource(dataSource).build().start();
 * StatusServlets.register(servletContext, obs, history);
 * }</pre>
 *
 * <p>The page heading is {@code obs.status.title} (default: none, the page reads "Service status").
 * The status page and its JSON are served only when {@code obs.web.exposure.include} lists {@code
 * status}; the {@link AdminGuard} guards the API and incident endpoints, and {@code
 * obs.api.public=true} makes the API public.
 */
public final class StatusServlets {
  private static final Logger log = LoggerFactory.getLogger(StatusServlets.class);

  private StatusServlets() {}

  /** The configuration key that makes {@code /obs/api/*} public; it is false by default. */
  public static final String API_PUBLIC_KEY = "obs.api.public";

  /** The servlet context attribute that holds the {@link History} {@link #register} started. */
  public static final String HISTORY_ATTRIBUTE = History.class.getName();

  /**
   * Registers the endpoints over {@link Obs#history()}, which the {@link Obs} starts and closes,
   * and stores it in the context attribute {@link #HISTORY_ATTRIBUTE}. Does nothing when {@code
   * obs.history.enabled} is false (it is true by default).
   *
   * @param context the servlet context, before it is initialised
   * @param obs the obs root
   * @return the history shown, or {@code null} when history is disabled
   */
  public static @Nullable History register(ServletContext context, Obs obs) {
    History history = obs.history();
    if (history == null) {
      log.info("obs status: obs.history.enabled=false, not serving /status");
      return null;
    }
    register(context, obs, history);
    context.setAttribute(HISTORY_ATTRIBUTE, history);
    return history;
  }

  /**
   * Registers the endpoints over a history the application built and owns.
   *
   * @param context the servlet context, before it is initialised
   * @param obs the obs root, for the configuration
   * @param history the history to show
   */
  public static void register(ServletContext context, Obs obs, History history) {
    if (history != obs.history()) {
      // Critical alerts open and resolve incidents on the page; Obs does this for its own history.
      if (AlertEndpoints.onClassPath()) {
        AlertEndpoints.openIncidents(obs, history);
      }
    }
    AdminGuard guard = ObsServlets.guard(context, obs);
    WebExposure exposure = WebExposure.of(context, obs.config());
    String heading = obs.config().get("obs.status.title").orElse(null);
    exposure.add(
        context,
        "status",
        "obsStatusPage",
        new StatusPageServlet(history, heading, exposure.basePath()),
        true,
        "/status");
    exposure.add(
        context, "status", "obsStatusJson", new StatusJsonServlet(history), true, "/status.json");
    exposure.add(
        context, "status", "obsStatusAssets", new StatusAssetsServlet(), true, "/status/assets/*");
    // Route names and traffic describe the application: guarded unless made public explicitly.
    boolean apiPublic = obs.config().bool(API_PUBLIC_KEY, false);
    exposure.add(
        context,
        "api",
        "obsHistoryApi",
        new HistoryApiServlet(
            history, apiPublic ? guard.withoutCredentials().openWhenUnconfigured() : guard),
        apiPublic,
        "/obs/api/summary",
        "/obs/api/series");
    exposure.add(
        context,
        "admin",
        "obsIncidents",
        new IncidentsServlet(history, guard, JsonBodies.fromConfig(obs.config())),
        false,
        "/obs/admin/incidents");
  }
}
