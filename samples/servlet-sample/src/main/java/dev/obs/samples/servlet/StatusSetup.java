package dev.obs.samples.servlet;

import dev.obs.Obs;
import dev.obs.history.History;
import dev.obs.servlet.ObsServlets;
import dev.obs.servlet.StatusServlets;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * Adds the status page once obs is installed: {@code /status}, {@code /status.json}, the summary
 * and series APIs and the incident admin endpoint, over a history kept in memory (or in the
 * database named by {@code obs.history.jdbc.url}). It runs after obs's own initializer, which put
 * the {@link Obs} in the context.
 */
final class StatusSetup implements ServletContainerInitializer {
  /** The context attribute holding the {@link History}, for the tests. */
  static final String HISTORY_ATTRIBUTE = History.class.getName();

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    Obs obs = (Obs) context.getAttribute(ObsServlets.OBS_ATTRIBUTE);
    if (obs == null) {
      return; // obs.servlet.enabled=false
    }
    History history = StatusServlets.register(context, obs);
    if (history != null) {
      context.setAttribute(HISTORY_ATTRIBUTE, history);
    }
  }
}
