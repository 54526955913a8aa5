/**
 * The backup admin endpoints under {@code /obs/admin/backups}, for servlet applications; they need
 * the servlet API and obs-servlet, whose {@link dev.obs.servlet.AdminGuard} guards them.
 */
@NullMarked
package dev.obs.backup.servlet;

import org.jspecify.annotations.NullMarked;
