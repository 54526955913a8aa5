package dev.obs.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.obs.alerts.notify.Notifications;
import dev.obs.alerts.notify.Silence;
import dev.obs.config.ObsConfig;
import dev.obs.promql.LabelMatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The notification admin API: lists, creates and removes silences, and sends test notifications.
 * Bodies are JSON with snake_case fields; every request needs the admin bearer token.
 */
final class NotificationsAdminServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Notifications notifications;
  private final transient AdminGuard guard;
  private final transient ObjectMapper json = new ObjectMapper();
  private final transient JsonBodies bodies;

  NotificationsAdminServlet(Notifications notifications, AdminGuard guard, JsonBodies bodies) {
    this.notifications = notifications;
    this.guard = guard;
    this.bodies = bodies;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res)
      throws ServletException, IOException {
    guard.serve(
        req,
        res,
        "silences",
        () -> {
          try {
            route(req, res);
          } catch (BadRequest e) {
            error(res, 400, "bad_request", e.getMessage());
          } catch (JsonBodies.BadBody e) {
            error(res, e.status(), e.status() == 413 ? "too_large" : "bad_request", e.getMessage());
          } catch (UncheckedIOException e) {
            error(
                res,
                500,
                "internal_error",
                "the silences file could not be written: " + e.getMessage());
          }
        });
  }

  private void route(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getServletPath();
    String method = req.getMethod();
    if (path.equals(NotificationServlets.TEST_PATH)) {
      if (method.equals("POST")) {
        AdminGuard.describe(req, "alert.test", null);
        sendTest(req, res);
      } else {
        notAllowed(res, "POST");
      }
      return;
    }
    String id = idFrom(req);
    switch (method) {
      case "GET" -> list(res);
      case "POST" -> create(req, res);
      case "DELETE" -> {
        AdminGuard.describe(req, "silence.delete", id);
        remove(id, res);
      }
      default -> notAllowed(res, "GET, POST, DELETE");
    }
  }

  private static @Nullable String idFrom(HttpServletRequest req) {
    String info = req.getPathInfo();
    if (info != null && info.length() > 1) {
      return info.substring(1);
    }
    return req.getParameter("id");
  }

  private void list(HttpServletResponse res) throws IOException {
    ObjectNode root = json.createObjectNode();
    ArrayNode list = root.putArray("silences");
    for (Silence s : notifications.silences().list()) {
      list.add(silence(s));
    }
    write(res, 200, root);
  }

  private void create(HttpServletRequest req, HttpServletResponse res) throws IOException {
    AdminGuard.describe(req, "silence.create", null);
    JsonNode body = body(req);
    List<LabelMatcher> matchers = matchers(body.path("matchers"));
    String author = text(body, "created_by", text(body, "author", ""));
    String comment = text(body, "comment", "");
    String duration = text(body, "duration", "");
    String endsAt = text(body, "ends_at", "");
    Silence silence;
    try {
      if (!duration.isEmpty() && !endsAt.isEmpty()) {
        throw new BadRequest("a silence takes either duration or ends_at, not both");
      }
      if (!duration.isEmpty()) {
        Duration d = ObsConfig.parseDuration(duration);
        if (d == null) {
          throw new BadRequest("duration must be like 30m, 1h or 2d, got '" + duration + "'");
        }
        silence = notifications.silences().add(matchers, d, author, comment);
      } else if (!endsAt.isEmpty()) {
        silence = notifications.silences().add(matchers, Instant.parse(endsAt), author, comment);
      } else {
        throw new BadRequest("a silence needs a duration (like \"1h\") or ends_at");
      }
    } catch (DateTimeParseException e) {
      throw new BadRequest("ends_at must be an ISO-8601 instant, got '" + endsAt + "'");
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    AdminGuard.describe(req, "silence.create", silence.id());
    write(res, 201, silence(silence));
  }

  private void remove(@Nullable String id, HttpServletResponse res) throws IOException {
    if (id == null || id.isBlank()) {
      throw new BadRequest("name the silence: DELETE /obs/admin/silences/{id}");
    }
    if (!notifications.silences().remove(id)) {
      error(res, 404, "not_found", "no silence with id '" + id + "'");
      return;
    }
    ObjectNode out = json.createObjectNode();
    out.put("id", id);
    out.put("status", "expired");
    write(res, 200, out);
  }

  private void sendTest(HttpServletRequest req, HttpServletResponse res) throws IOException {
    JsonNode body = body(req);
    String route = text(body, "route", "");
    String receiver = text(body, "receiver", "");
    List<String> sent;
    try {
      sent =
          notifications.sendTest(
              route.isEmpty() ? null : route, receiver.isEmpty() ? null : receiver);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    ObjectNode out = json.createObjectNode();
    ArrayNode names = out.putArray("receivers");
    sent.forEach(names::add);
    write(res, 202, out);
  }

  private JsonNode body(HttpServletRequest req) throws IOException {
    return bodies.read(req);
  }

  private static List<LabelMatcher> matchers(JsonNode node) {
    try {
      if (node.isTextual()) {
        return LabelMatcher.parseList(node.asText());
      }
      List<LabelMatcher> out = new ArrayList<>();
      for (JsonNode item : node) {
        out.add(LabelMatcher.parse(item.asText()));
      }
      if (out.isEmpty()) {
        throw new BadRequest(
            "a silence needs matchers, like \"matchers\": [\"alertname=HighErrorRate\"]");
      }
      return out;
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  private static String text(JsonNode body, String field, String fallback) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? fallback : value.asText().trim();
  }

  // Silences start when created and list() leaves out expired ones: every listed one is active.
  private ObjectNode silence(Silence s) {
    ObjectNode out = json.createObjectNode();
    out.put("id", s.id());
    ArrayNode matchers = out.putArray("matchers");
    s.matchers().forEach(m -> matchers.add(m.toString()));
    out.put("starts_at", s.startsAt().toString());
    out.put("ends_at", s.endsAt().toString());
    out.put("created_by", s.createdBy());
    out.put("comment", s.comment());
    out.put("status", "active");
    return out;
  }

  private void notAllowed(HttpServletResponse res, String allowed) throws IOException {
    res.setHeader("Allow", allowed);
    error(res, 405, "method_not_allowed", "this endpoint accepts " + allowed);
  }

  private void error(HttpServletResponse res, int status, String code, String message)
      throws IOException {
    ObjectNode out = json.createObjectNode();
    out.put("error", code);
    out.put("message", message);
    write(res, status, out);
  }

  private void write(HttpServletResponse res, int status, JsonNode body) throws IOException {
    res.setStatus(status);
    JsonResponses.write(res, json.writeValueAsString(body));
  }

  /** A request the client must fix; its message is shown to the client. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
