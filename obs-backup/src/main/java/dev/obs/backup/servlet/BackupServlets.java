package dev.obs.backup.servlet;

import dev.obs.Obs;
import dev.obs.backup.Backups;
import dev.obs.config.ObsConfig;
import dev.obs.servlet.AdminGuard;
import dev.obs.servlet.JsonBodies;
import dev.obs.servlet.ObsServlets;
import jakarta.servlet.ServletContext;

/**
 * Registers the backup admin API in a servlet application; obs-servlet must be on the class path,
 * since its {@link AdminGuard} guards the endpoints. Reads need a credential granting read, the
 * trigger and restore one granting write (401 without a valid credential, 403 when it grants too
 * little); without a configured credential they answer 403. Triggers and restores are audited.
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
   * Registers the backup admin servlet on {@value #PATH} and below, when {@code
   * obs.web.exposure.include} lists {@code admin} (it does by default). The guard is the one {@link
   * dev.obs.servlet.ObsServlets} built for this context when obs is registered in it, else one
   * built from {@code config}.
   *
   * @param context the servlet context, before it is initialised
   * @param backups the application's backups
   * @param config the configuration holding the {@code obs.admin.*} credentials
   */
  public static void register(ServletContext context, Backups backups, ObsConfig config) {
    AdminGuard guard =
        context.getAttribute(ObsServlets.OBS_ATTRIBUTE) instanceof Obs obs
            ? ObsServlets.guard(context, obs)
            : AdminGuard.fromConfig(config);
    register(context, backups, config, guard);
  }

  /**
   * Registers the backup admin servlet on {@value #PATH} and below, guarded by {@code guard}.
   *
   * @param context the servlet context, before it is initialised
   * @param backups the application's backups
   * @param config the configuration, for the exposure settings
   * @param guard the guard of the endpoints; triggers and restores are audited through it
   */
  public static void register(
      ServletContext context, Backups backups, ObsConfig config, AdminGuard guard) {
    ObsServlets.addEndpoint(
        context,
        config,
        "admin",
        "obsBackups",
        new BackupServlet(backups, guard, JsonBodies.fromConfig(config)),
        false,
        PATH,
        PATH + "/*");
  }
}
