package dev.obs.backup.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.Obs;
import dev.obs.backup.BackupPlan;
import dev.obs.backup.Backups;
import dev.obs.backup.source.DirectorySource;
import dev.obs.backup.store.BackupStore;
import dev.obs.backup.store.Manifest;
import dev.obs.backup.store.StoreLock;
import dev.obs.config.ObsConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupServletsIT {
  private static final String TOKEN = "Bearer admin-secret";
  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path dir;
  private Obs obs;
  private Backups backups;
  private BackupStore store;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Server server;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("a.txt"), "alpha");
    ObsConfig config = ObsConfig.of(Map.of("obs.admin.token", "admin-secret"));
    obs = Obs.builder().config(config).jvmMetrics(false).build().start();
    store = BackupStore.local(dir.resolve("store"));
    backups =
        Backups.builder(obs)
            .plan(
                BackupPlan.builder("files")
                    .source(DirectorySource.of("data", data))
                    .store(store)
                    .build())
            .build();
    start(config);
  }

  private void start(ObsConfig config) throws Exception {
    start(config, null);
  }

  private void start(ObsConfig config, dev.obs.servlet.AdminGuard guard) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    if (guard == null) {
      BackupServlets.register(context.getServletContext(), backups, config);
    } else {
      BackupServlets.register(context.getServletContext(), backups, config, guard);
    }
    server.setHandler(context);
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    backups.close();
    obs.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)),
        headers);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String... headers)
      throws Exception {
    request.timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  @Test
  void everyEndpointNeedsTheToken() throws Exception {
    HttpResponse<String> anonymous = get("/obs/admin/backups");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"obs\"");
    assertThat(post("/obs/admin/backups", "{}", "Authorization", "Bearer wrong").statusCode())
        .isEqualTo(401);
    assertThat(store.list("files")).as("nothing was started").isEmpty();
  }

  @Test
  void withoutAConfiguredTokenTheApiIsOff() throws Exception {
    server.stop();
    start(ObsConfig.of(Map.of()));

    HttpResponse<String> response = post("/obs/admin/backups", "{}", "Authorization", TOKEN);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(body(response).get("message").asText())
        .isEqualTo(
            "the admin API is off: configure obs.admin.token, obs.admin.tokens.*,"
                + " obs.admin.users.* or obs.admin.jwt.* to use it");
    assertThat(store.list("files")).as("nothing was started").isEmpty();
  }

  @Test
  void triggersAndRestoresAreCountedAsAuditedWrites() throws Exception {
    server.stop();
    ObsConfig config =
        ObsConfig.of(
            Map.of(
                "obs.admin.token", "admin-secret",
                "obs.admin.tokens.viewer.token", "viewer-token-0123456789",
                "obs.admin.tokens.viewer.access", "read"));
    start(config, dev.obs.servlet.AdminGuard.fromConfig(config, obs.meterRegistry(), obs.clock()));

    HttpResponse<String> started = post("/obs/admin/backups", "", "Authorization", TOKEN);
    String id = body(started).get("backup_id").asText();
    backups.completion(UUID.fromString(id)).orElseThrow().get(30, TimeUnit.SECONDS);
    HttpResponse<String> viewer =
        post(
            "/obs/admin/backups/" + id + "/restore",
            "{\"confirm\": true}",
            "Authorization",
            "Bearer viewer-token-0123456789");

    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(
            obs.meterRegistry()
                .get("obs.admin.requests")
                .tag("action", "backup.trigger")
                .tag("result", "ok")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            obs.meterRegistry()
                .get("obs.admin.requests")
                .tag("action", "backups.post")
                .tag("result", "forbidden")
                .counter()
                .count())
        .as("a refused write is counted before its endpoint names it")
        .isEqualTo(1);
  }

  @Test
  void triggerFollowListAndRestore() throws Exception {
    HttpResponse<String> started = post("/obs/admin/backups", "", "Authorization", TOKEN);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    assertThat(body(started).get("status").asText()).isEqualTo("started");
    String id = body(started).get("backup_id").asText();
    Manifest done = backups.completion(UUID.fromString(id)).orElseThrow().get(30, TimeUnit.SECONDS);
    assertThat(done.status().jsonName()).isEqualTo("completed");

    HttpResponse<String> status = get("/obs/admin/backups/" + id, "Authorization", TOKEN);
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(body(status).get("status").asText()).isEqualTo("completed");
    assertThat(body(status).get("progress").asInt()).isEqualTo(100);
    assertThat(body(status).at("/manifest/components/0/name").asText()).isEqualTo("data");

    HttpResponse<String> list = get("/obs/admin/backups", "Authorization", TOKEN);
    assertThat(body(list).at("/backups/0/backup_id").asText()).isEqualTo(id);
    assertThat(body(list).get("running").size()).isZero();

    HttpResponse<String> unconfirmed =
        post("/obs/admin/backups/" + id + "/restore", "{}", "Authorization", TOKEN);
    assertThat(unconfirmed.statusCode()).isEqualTo(400);
    assertThat(body(unconfirmed).get("error").asText()).isEqualTo("confirmation_required");

    Path out = dir.resolve("restored");
    HttpResponse<String> restored =
        post(
            "/obs/admin/backups/" + id + "/restore",
            json.writeValueAsString(
                Map.of("confirm", true, "targets", Map.of("data", out.toString()))),
            "Authorization",
            TOKEN);
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    assertThat(body(restored).get("status").asText()).isEqualTo("restored");
    assertThat(body(restored).at("/components/data/counts/files").asLong()).isEqualTo(1);
    assertThat(out.resolve("a.txt")).hasContent("alpha");
  }

  @Test
  void aSecondTriggerAnswersAlreadyRunningAndUnknownIdsAre404() throws Exception {
    StoreLock held = store.tryLock("files").orElseThrow();
    try {
      HttpResponse<String> busy =
          post("/obs/admin/backups", "{\"plan\":\"files\"}", "Authorization", TOKEN);
      assertThat(busy.statusCode()).isEqualTo(409);
      assertThat(body(busy).get("status").asText()).isEqualTo("already_running");
    } finally {
      held.close();
    }
    HttpResponse<String> missing =
        get("/obs/admin/backups/" + UUID.randomUUID(), "Authorization", TOKEN);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(
            post("/obs/admin/backups", "{\"plan\":\"nope\"}", "Authorization", TOKEN).statusCode())
        .isEqualTo(404);
  }
}
