package dev.obs.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.history.History;
import dev.obs.history.Incident;
import dev.obs.history.IncidentState;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code /obs/admin/incidents}: {@code GET} lists open incidents and those resolved in the last 90
 * days; {@code POST} with {@code {"title", "state", "message"}} opens one and with {@code {"id",
 * "state", "message"}} posts an update. Every call needs {@code Authorization: Bearer
 * <obs.admin.token>}; without a configured token the endpoint answers 403.
 */
final class IncidentsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient History history;
  private final transient AdminGuard guard;
  private final transient ObjectMapper json = new ObjectMapper();
  private final transient JsonBodies bodies;

  IncidentsServlet(History history, AdminGuard guard, JsonBodies bodies) {
    this.history = history;
    this.bodies = bodies;
    this.guard = guard.forbiddenMessage("set obs.admin.token to manage incidents");
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res)
      throws ServletException, IOException {
    guard.serve(req, res, "incidents", () -> super.service(req, res));
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Incident i : history.incidents(Duration.ofDays(90))) {
      out.add(StatusJson.incident(i));
    }
    write(res, Map.of("incidents", out));
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    JsonNode body;
    try {
      body = bodies.read(req);
    } catch (JsonBodies.BadBody e) {
      res.setStatus(e.status());
      write(res, StatusJson.error(e.status() == 413 ? "too_large" : "bad_request", e.getMessage()));
      return;
    }
    String stateText = text(body, "state");
    IncidentState state = stateText == null ? null : IncidentState.parse(stateText);
    if (state == null) {
      badRequest(
          res,
          "state must be one of investigating, identified, monitoring, resolved, got '"
              + stateText
              + "'");
      return;
    }
    String message = text(body, "message");
    String id = text(body, "id");
    try {
      if (id == null) {
        String title = text(body, "title");
        AdminGuard.describe(req, "incident.create", null);
        Incident created =
            history.openIncident(title == null ? "" : title, state, orEmpty(message));
        AdminGuard.describe(req, "incident.create", created.id());
        res.setStatus(HttpServletResponse.SC_CREATED);
        write(res, StatusJson.incident(created));
      } else {
        AdminGuard.describe(req, "incident.update", id);
        write(res, StatusJson.incident(history.updateIncident(id, state, orEmpty(message))));
      }
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("no incident")) {
        res.setStatus(HttpServletResponse.SC_NOT_FOUND);
        write(res, StatusJson.error("not_found", e.getMessage()));
      } else {
        badRequest(res, String.valueOf(e.getMessage()));
      }
    }
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static @Nullable String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private void badRequest(HttpServletResponse res, String message) throws IOException {
    res.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    write(res, StatusJson.error("bad_request", message));
  }

  private void write(HttpServletResponse res, Object body) throws IOException {
    JsonResponses.write(res, json.writeValueAsString(body));
  }
}
