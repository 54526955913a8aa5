package dev.obs.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.obs.alert.Alert;
import dev.obs.alerts.AlertingRule;
import dev.obs.alerts.Alerts;
import dev.obs.alerts.GroupStatus;
import dev.obs.alerts.RuleStatus;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Serves the alert rules engine's state as JSON: {@code GET /obs/admin/alerts} lists the pending
 * and firing alerts ({@code ?resolved=true} adds those resolved in the last 15 minutes), and {@code
 * GET /obs/admin/rules} lists every group and rule with its health, last error, last evaluation and
 * evaluation duration. Every request must send {@code Authorization: Bearer <obs.admin.token>};
 * without a configured token the endpoints answer 403.
 */
public final class AlertsAdminServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Alerts alerts;
  private final transient AdminGuard guard;
  private final transient ObjectMapper json = new ObjectMapper();

  /**
   * Creates the servlet.
   *
   * @param alerts the engine to report on
   * @param guard the admin guard; without a configured credential every request is refused
   */
  public AlertsAdminServlet(Alerts alerts, AdminGuard guard) {
    this.alerts = alerts;
    this.guard = guard.forbiddenMessage("set obs.admin.token to use the admin API");
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res)
      throws ServletException, IOException {
    guard.serve(req, res, "alerts", () -> super.service(req, res));
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    ObjectNode body = json.createObjectNode();
    if (path.endsWith("/alerts")) {
      boolean resolved = "true".equalsIgnoreCase(req.getParameter("resolved"));
      ArrayNode list = body.putArray("alerts");
      for (Alert a : resolved ? alerts.alerts() : alerts.activeAlerts()) {
        list.add(alert(a));
      }
    } else if (path.endsWith("/rules")) {
      ArrayNode groups = body.putArray("groups");
      for (GroupStatus g : alerts.groups()) {
        groups.add(group(g));
      }
    } else {
      res.setStatus(HttpServletResponse.SC_NOT_FOUND);
      JsonResponses.write(res, "{\"error\":\"not_found\"}");
      return;
    }
    res.setStatus(HttpServletResponse.SC_OK);
    JsonResponses.write(res, json.writeValueAsString(body));
  }

  private ObjectNode alert(Alert a) {
    ObjectNode n = json.createObjectNode();
    n.put("name", a.name());
    n.put("state", a.state().name().toLowerCase(Locale.ROOT));
    n.set("labels", strings(a.labels()));
    n.set("annotations", strings(a.annotations()));
    n.put("value", a.value());
    n.put("fingerprint", a.fingerprint());
    putTime(n, "active_at", a.activeAt());
    putTime(n, "fired_at", a.firedAt());
    putTime(n, "resolved_at", a.resolvedAt());
    return n;
  }

  private ObjectNode group(GroupStatus g) {
    ObjectNode n = json.createObjectNode();
    n.put("name", g.name());
    n.put("file", g.source());
    n.put("interval_seconds", g.interval().toMillis() / 1000.0);
    putTime(n, "last_evaluation", g.lastEvaluation());
    n.put("evaluation_duration_seconds", g.evaluationDuration().toNanos() / 1e9);
    ArrayNode rules = n.putArray("rules");
    for (RuleStatus r : g.rules()) {
      rules.add(rule(r));
    }
    return n;
  }

  private ObjectNode rule(RuleStatus r) {
    ObjectNode n = json.createObjectNode();
    n.put("name", r.rule().name());
    n.put("type", r.rule() instanceof AlertingRule ? "alerting" : "recording");
    n.put("query", r.rule().expr());
    if (r.rule() instanceof AlertingRule a) {
      n.put("duration_seconds", a.forDuration().toMillis() / 1000.0);
      n.put("keep_firing_for_seconds", a.keepFiringFor().toMillis() / 1000.0);
      n.set("annotations", strings(a.annotations()));
    }
    n.set("labels", strings(r.rule().labels()));
    n.put("health", r.health().name().toLowerCase(Locale.ROOT));
    if (r.lastError() == null) {
      n.putNull("last_error");
    } else {
      n.put("last_error", r.lastError());
    }
    putTime(n, "last_evaluation", r.lastEvaluation());
    n.put("evaluation_duration_seconds", r.evaluationDuration().toNanos() / 1e9);
    ArrayNode list = n.putArray("alerts");
    for (Alert a : r.alerts()) {
      list.add(alert(a));
    }
    return n;
  }

  private ObjectNode strings(Map<String, String> map) {
    ObjectNode n = json.createObjectNode();
    map.forEach(n::put);
    return n;
  }

  private static void putTime(ObjectNode n, String field, @Nullable Instant time) {
    if (time == null) {
      n.putNull(field);
    } else {
      n.put(field, time.toString());
    }
  }
}
