package dev.obs.backup.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.obs.backup.BackupPlan;
import dev.obs.backup.BackupProgress;
import dev.obs.backup.Backups;
import dev.obs.backup.RestoreOptions;
import dev.obs.backup.RestoreResult;
import dev.obs.backup.TriggerResult;
import dev.obs.backup.store.Manifest;
import dev.obs.servlet.AdminGuard;
import dev.obs.servlet.JsonBodies;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The backup admin API described in {@link BackupServlets}. */
final class BackupServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Backups backups;
  private final transient AdminGuard guard;
  private final transient ObjectMapper json = new ObjectMapper();
  private final transient JsonBodies bodies;

  BackupServlet(Backups backups, AdminGuard guard, JsonBodies bodies) {
    this.bodies = bodies;
    this.backups = backups;
    this.guard = guard;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res)
      throws ServletException, IOException {
    guard.serve(req, res, "backups", () -> super.service(req, res));
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getPathInfo();
    if (path == null || path.equals("/")) {
      list(req, res);
      return;
    }
    UUID id = id(path.substring(1), res);
    if (id == null) {
      return;
    }
    Optional<BackupProgress> progress = backups.status(id);
    if (progress.isEmpty()) {
      error(res, 404, "not_found", "no backup with id " + id);
      return;
    }
    write(res, 200, progress(progress.get()));
  }

  private void list(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String plan = req.getParameter("plan");
    List<Manifest> manifests;
    try {
      manifests = plan == null ? backups.list() : backups.list(plan);
    } catch (IllegalArgumentException e) {
      error(res, 404, "not_found", e.getMessage());
      return;
    }
    ObjectNode body = json.createObjectNode();
    ArrayNode list = body.putArray("backups");
    for (Manifest m : manifests) {
      list.add(json.readTree(m.toJson()));
    }
    ArrayNode running = body.putArray("running");
    for (BackupProgress p : backups.running()) {
      running.add(progress(p));
    }
    write(res, 200, body);
  }

  private ObjectNode progress(BackupProgress p) throws IOException {
    ObjectNode node = json.createObjectNode();
    node.put("backup_id", p.backupId().toString());
    node.put("plan", p.plan());
    node.put("status", p.status().jsonName());
    node.put("progress", p.percent());
    node.put("bytes", p.bytes());
    Manifest m = p.manifest();
    if (m != null) {
      node.set("manifest", json.readTree(m.toJson()));
    }
    return node;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getPathInfo();
    JsonNode body;
    try {
      body = bodies.read(req);
    } catch (JsonBodies.BadBody e) {
      error(res, e.status(), e.status() == 413 ? "too_large" : "bad_request", e.getMessage());
      return;
    }
    if (body == null || body.isMissingNode() || body.isNull()) {
      body = json.createObjectNode();
    }
    if (path == null || path.equals("/")) {
      AdminGuard.describe(req, "backup.trigger", body.path("plan").asText(null));
      trigger(body, res);
    } else if (path.endsWith("/restore")
        && path.indexOf('/', 1) == path.length() - "/restore".length()) {
      String idText = path.substring(1, path.length() - "/restore".length());
      AdminGuard.describe(req, "backup.restore", idText);
      UUID id = id(idText, res);
      if (id != null) {
        restore(id, body, res);
      }
    } else {
      error(res, 404, "not_found", "no admin endpoint at " + BackupServlets.PATH + path);
    }
  }

  private void trigger(JsonNode body, HttpServletResponse res) throws IOException {
    String plan = body.path("plan").asText(null);
    if (plan == null) {
      List<String> names = backups.plans().stream().map(BackupPlan::name).toList();
      if (names.size() != 1) {
        error(
            res, 400, "bad_request", "name the plan to back up: {\"plan\": one of " + names + "}");
        return;
      }
      plan = names.get(0);
    }
    TriggerResult t;
    try {
      t = backups.trigger(plan);
    } catch (IllegalArgumentException e) {
      error(res, 404, "not_found", e.getMessage());
      return;
    }
    ObjectNode answer = json.createObjectNode();
    answer.put("backup_id", t.backupId().toString());
    answer.put("plan", plan);
    answer.put("status", t.status());
    write(res, t.started() ? 202 : 409, answer);
  }

  private void restore(UUID id, JsonNode body, HttpServletResponse res) throws IOException {
    if (!body.path("confirm").asBoolean(false)) {
      error(
          res, 400, "confirmation_required", "a restore overwrites data: send {\"confirm\": true}");
      return;
    }
    Map<String, String> targets = new HashMap<>();
    body.path("targets").properties().forEach(e -> targets.put(e.getKey(), e.getValue().asText()));
    RestoreResult result;
    try {
      result =
          backups.restore(
              id, new RestoreOptions(true, body.path("replace").asBoolean(false), targets));
    } catch (IllegalArgumentException e) {
      error(
          res,
          e.getMessage() != null && e.getMessage().startsWith("no backup") ? 404 : 400,
          "bad_request",
          e.getMessage());
      return;
    } catch (IllegalStateException e) {
      error(res, 409, "busy", e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(res, 503, "interrupted", "the restore was interrupted");
      return;
    } catch (IOException e) {
      error(res, 500, "restore_failed", e.getMessage());
      return;
    }
    ObjectNode answer = json.createObjectNode();
    answer.put("backup_id", id.toString());
    answer.put("status", "restored");
    answer.put("duration_ms", result.duration().toMillis());
    ObjectNode restored = answer.putObject("components");
    result
        .targets()
        .forEach(
            (name, target) -> {
              ObjectNode c = restored.putObject(name);
              c.put("target", target);
              c.set("counts", json.valueToTree(result.restored().get(name).counts()));
            });
    write(res, 200, answer);
  }

  private @Nullable UUID id(String text, HttpServletResponse res) throws IOException {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      error(res, 404, "not_found", "'" + text + "' is not a backup id");
      return null;
    }
  }

  private void error(HttpServletResponse res, int status, String error, @Nullable String message)
      throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("error", error);
    body.put("message", message);
    write(res, status, body);
  }

  private void write(HttpServletResponse res, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    res.setStatus(status);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    res.setHeader("Cache-Control", "no-store");
    res.setContentLength(bytes.length);
    res.getOutputStream().write(bytes);
  }
}
