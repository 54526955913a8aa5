package dev.obs.servlet;

import dev.obs.alerts.notify.Notifications;
import dev.obs.config.ObsConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

/**
 * Registers the notification admin endpoints: {@code /obs/admin/silences} (GET, POST, DELETE) and
 * {@code /obs/admin/alerts/test} (POST), both requiring {@code Authorization: Bearer
 * <obs.admin.token>}.
 *
 * <pre>{@code
 * NotificationServlets.register(servletContext, notifications, obs.config());
 * }</pre>
 */
public final class NotificationServlets {
  /** The silences endpoint. */
  public static final String SILENCES_PATH = "/obs/admin/silences";

  /** The test notification endpoint. */
  public static final String TEST_PATH = "/obs/admin/alerts/test";

  private NotificationServlets() {}

  /**
   * Adds the admin servlet for silences and test notifications. Without {@code obs.admin.token}
   * every request is refused with 403.
   *
   * @param context the servlet context, before it is initialised
   * @param notifications the notifications to administer
   * @param config the configuration holding {@code obs.admin.token}
   */
  public static void register(
      ServletContext context, Notifications notifications, ObsConfig config) {
    ServletRegistration.Dynamic servlet =
        context.addServlet(
            "obsNotificationsAdmin",
            EndpointBoundary.wrap(
                new NotificationsAdminServlet(
                    notifications, AdminGuard.fromConfig(config), JsonBodies.fromConfig(config))));
    if (servlet != null) {
      servlet.addMapping(SILENCES_PATH, SILENCES_PATH + "/*", TEST_PATH);
    }
  }
}
