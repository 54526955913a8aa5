package dev.obs.servlet;

import dev.obs.alerts.notify.Notifications;
import dev.obs.config.ObsConfig;
import jakarta.servlet.ServletContext;

/**
 * Registers the notification admin endpoints: {@code /obs/admin/silences} (GET, POST, DELETE) and
 * {@code /obs/admin/alerts/test} (POST), guarded by the {@link AdminGuard}: reads need read access,
 * writes need write access and are audited.
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
   * Adds the admin servlet for silences and test notifications, guarded by the {@link AdminGuard}
   * of {@code config}; without a configured credential every request is refused with 403.
   *
   * @param context the servlet context, before it is initialised
   * @param notifications the notifications to administer
   * @param config the configuration holding {@code obs.admin.token}
   */
  public static void register(
      ServletContext context, Notifications notifications, ObsConfig config) {
    register(
        context,
        notifications,
        AdminGuard.fromConfig(config),
        WebExposure.of(context, config),
        JsonBodies.fromConfig(config));
  }

  static void register(
      ServletContext context,
      Notifications notifications,
      AdminGuard guard,
      WebExposure exposure,
      JsonBodies bodies) {
    exposure.add(
        context,
        "admin",
        "obsNotificationsAdmin",
        new NotificationsAdminServlet(notifications, guard, bodies),
        false,
        SILENCES_PATH,
        SILENCES_PATH + "/*",
        TEST_PATH);
  }
}
