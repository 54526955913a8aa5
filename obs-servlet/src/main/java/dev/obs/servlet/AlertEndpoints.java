package dev.obs.servlet;

import dev.obs.Obs;
import dev.obs.alerts.Alerting;
import dev.obs.history.History;
import jakarta.servlet.ServletContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints of obs-alerts: alerts, rules, silences and test notifications. Only this class
 * names obs-alerts types, and it is loaded only after {@link #onClassPath()} said they are there,
 * so obs-servlet runs without obs-alerts.
 */
final class AlertEndpoints {
  private static final Logger log = LoggerFactory.getLogger(AlertEndpoints.class);
  private static final String ALERTING = "dev.obs.alerts.Alerting";

  private AlertEndpoints() {}

  static boolean onClassPath() {
    try {
      Class.forName(ALERTING, false, AlertEndpoints.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static void register(ServletContext context, Obs obs) {
    Optional<Alerting> alerting = obs.plugin(Alerting.class);
    if (alerting.isEmpty()) {
      log.info("obs servlet: this Obs has no alerting, not serving /obs/admin/alerts and silences");
      return;
    }
    AdminGuard guard = ObsServlets.guard(context, obs);
    WebExposure exposure = WebExposure.of(context, obs.config());
    if (obs.config().bool("obs.admin.alerts.enabled", true)) {
      exposure.add(
          context,
          "admin",
          "obsAlertsAdmin",
          new AlertsAdminServlet(alerting.get().alerts(), guard),
          false,
          "/obs/admin/alerts",
          "/obs/admin/rules");
    }
    NotificationServlets.register(
        context,
        alerting.get().notifications(),
        guard,
        exposure,
        JsonBodies.fromConfig(obs.config()));
  }

  /** Lets critical alerts open and resolve incidents in a history the application built. */
  static void openIncidents(Obs obs, History history) {
    obs.plugin(Alerting.class).ifPresent(a -> a.alerts().addListener(history.alertListener()));
  }
}
