package dev.obs.backup.servlet;

import dev.obs.backup.Backups;
import dev.obs.config.ObsConfig;
import dev.obs.servlet.AdminGuard;
import dev.obs.servlet.EndpointBoundary;
import dev.obs.servlet.JsonBodies;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

/**
 * Registers the backup admin API in a servlet application; obs-servlet must be on the class path,
 * since its {@link AdminGuard} guards the endpoints. Every endpoint needs {@code Authorization:
 * Bearer <obs.admin.token>} (401 otherwise); without a configured token they answer 403.
 *
 * <ul>
 *   <li>{@code POST /obs/admin/backups} (body {@code {"plan": "nightly"}}, optional with one plan):
 *       starts a backup; 202 {@code {"backup_id", "status": "started"}}, or 409 {@code
 *       "already_running"}
 *   <li>{@code GET /obs/admin/backups}: completed and failed backups, newest first, and the runs in
 *       progress
 *   <li>{@code GET /obs/admin/backups/{id}}: status, progress 0–100 and manifest
 *   <li>{@code POST /obs/admin/backups/{id}/restore} (body {@code {"confirm": true}}, optionally
 *       {@code "replace": true} and {@code "targets": {"main": "app_restored"}}): restores and
 *       checks, answering when done
 * </ul>
 *
 * <pre>{@code
 * BackupServlets.register(servletContext, backups, obs.config());
 * }</pre>
 */
public final class BackupServlets {
  /** The path of the backup admin API. */
  public static final String PATH = "/obs/admin/backups";

  private BackupServlets() {}

  /**
   * Registers the backup admin servlet on {@value #PATH} and below.
   *
   * @param context the servlet context, before it is initialised
   * @param backups the application's backups
   * @param config the configuration holding {@code obs.admin.token}, read by {@link
   *     AdminGuard#fromConfig(ObsConfig)}
   */
  public static void register(ServletContext context, Backups backups, ObsConfig config) {
    ServletRegistration.Dynamic servlet =
        context.addServlet(
            "obsBackups",
            EndpointBoundary.wrap(
                new BackupServlet(
                    backups, AdminGuard.fromConfig(config), JsonBodies.fromConfig(config))));
    if (servlet != null) {
      servlet.addMapping(PATH, PATH + "/*");
    }
  }
}
