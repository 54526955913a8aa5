package dev.obs.servlet;

import dev.obs.health.HealthStatus;
import dev.obs.history.ComponentHistory;
import dev.obs.history.Incident;
import dev.obs.history.IncidentUpdate;
import dev.obs.history.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the status and history endpoints, as snake_case maps for Jackson. */
final class StatusJson {
  private StatusJson() {}

  static Map<String, Object> status(StatusView view) {
    Map<String, Object> root = new LinkedHashMap<>();
    HealthStatus overall = view.overall();
    root.put("status", overall == null ? "UNKNOWN" : overall.name());
    root.put(
        "indicator",
        overall == null
            ? "unknown"
            : switch (overall) {
              case UP -> "none";
              case DEGRADED -> "minor";
              case DOWN -> "major";
            });
    root.put("updated_at", view.snapshot().computedAt().toString());
    List<Map<String, Object>> components = new ArrayList<>();
    for (int i = 0; i < view.snapshot().components().size(); i++) {
      ComponentHistory c = view.snapshot().components().get(i);
      HealthStatus live = view.live().get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.title());
      m.put("status", live == null ? "UNKNOWN" : live.name());
      m.put("uptime_90d_percent", number(c.uptimePercent()));
      components.add(m);
    }
    root.put("components", components);
    List<Map<String, Object>> incidents = new ArrayList<>();
    for (Incident i : view.snapshot().incidents()) {
      incidents.add(incident(i));
    }
    root.put("incidents", incidents);
    return root;
  }

  static Map<String, Object> incident(Incident i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("title", i.title());
    m.put("state", i.state().id());
    m.put("started_at", i.startedAt().toString());
    m.put("resolved_at", i.resolvedAt() == null ? null : i.resolvedAt().toString());
    List<Map<String, Object>> updates = new ArrayList<>();
    for (IncidentUpdate u : i.updates()) {
      Map<String, Object> um = new LinkedHashMap<>();
      um.put("at", u.at().toString());
      um.put("state", u.state().id());
      um.put("message", u.message());
      updates.add(um);
    }
    m.put("updates", updates);
    return m;
  }

  static Map<String, Object> summary(Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("window_seconds", s.window().toSeconds());
    m.put("uptime_percent", number(s.uptimePercent()));
    m.put("requests", s.requests());
    m.put("errors", s.errors());
    m.put("error_rate", number(s.errorRate()));
    m.put("average_seconds", number(s.averageSeconds()));
    m.put("p95_seconds", number(s.p95Seconds()));
    List<Map<String, Object>> routes = new ArrayList<>();
    for (Summary.RouteSummary r : s.slowestRoutes()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("route", r.route());
      rm.put("requests", r.requests());
      rm.put("error_rate", number(r.errorRate()));
      rm.put("average_seconds", number(r.averageSeconds()));
      rm.put("p95_seconds", number(r.p95Seconds()));
      routes.add(rm);
    }
    m.put("slowest_routes", routes);
    return m;
  }

  /** JSON has no NaN: a value that does not exist is null. */
  static @Nullable Double number(double d) {
    return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
  }

  static Map<String, Object> error(String error, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", error);
    m.put("message", message);
    return m;
  }
}
