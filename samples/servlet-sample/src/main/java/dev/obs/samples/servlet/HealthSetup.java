package dev.obs.samples.servlet;

import dev.obs.Obs;
import dev.obs.health.CheckOptions;
import dev.obs.health.checks.HealthChecks;
import dev.obs.servlet.ObsServlets;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Registers the sample's health checks once obs is installed: free disk space for the working
 * directory (critical) and heap pressure (non-critical, so it only degrades readiness), both
 * refreshed in the background so probes read a cached result. Both appear on the status page under
 * a public title.
 */
final class HealthSetup implements ServletContextListener {
  @Override
  public void contextInitialized(ServletContextEvent event) {
    Obs obs = (Obs) event.getServletContext().getAttribute(ObsServlets.OBS_ATTRIBUTE);
    if (obs == null) {
      return; // obs.servlet.enabled=false
    }
    obs.health()
        .register(
            "disk",
            HealthChecks.diskSpaceFreePercent(Path.of("."), 1.0),
            CheckOptions.builder()
                .refreshEvery(Duration.ofSeconds(10))
                .publicTitle("Storage")
                .build());
    obs.health()
        .register(
            "heap",
            HealthChecks.heap(0.9),
            CheckOptions.builder()
                .critical(false)
                .refreshEvery(Duration.ofSeconds(10))
                .publicTitle("Application")
                .build());
  }
}
