package dev.obs.servlet;

import dev.obs.Obs;
import dev.obs.history.History;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
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
 * <p>The page heading is {@code obs.status.title} (default: none, the page reads "Service status");
 * {@code obs.admin.token} guards the admin and API endpoints.
 */
public final class StatusServlets {
  private static final Logger log = LoggerFactory.getLogger(StatusServlets.class);

  private StatusServlets() {}

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
    AdminGuard guard = AdminGuard.fromConfig(obs.config());
    String heading = obs.config().get("obs.status.title").orElse(null);
    add(context, "obsStatusPage", new StatusPageServlet(history, heading), "/status");
    add(context, "obsStatusJson", new StatusJsonServlet(history), "/status.json");
    add(context, "obsStatusAssets", new StatusAssetsServlet(), "/status/assets/*");
    add(
        context,
        "obsHistoryApi",
        new HistoryApiServlet(history, guard),
        "/obs/api/summary",
        "/obs/api/series");
    add(
        context,
        "obsIncidents",
        new IncidentsServlet(history, guard, JsonBodies.fromConfig(obs.config())),
        "/obs/admin/incidents");
  }

  private static void add(
      ServletContext context, String name, jakarta.servlet.Servlet servlet, String... mappings) {
    ServletRegistration.Dynamic reg = context.addServlet(name, EndpointBoundary.wrap(servlet));
    if (reg != null) {
      reg.addMapping(mappings);
    }
  }
}
