package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthResult;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthEndpointsIT {
  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final List<Socket> hungConnections = new CopyOnWriteArrayList<>();
  private Obs obs;
  private TestServer server;
  private ServerSocket silentPeer;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (obs != null) {
      obs.close();
    }
    if (silentPeer != null) {
      silentPeer.close();
    }
    for (Socket s : hungConnections) {
      s.close();
    }
  }

  private void start(Map<String, String> config) throws Exception {
    Map<String, String> all = new HashMap<>(config);
    all.putIfAbsent("obs.admin.token", "admin-secret");
    obs = Obs.builder().config(ObsConfig.of(all)).jvmMetrics(false).build().start();
    server = TestServer.start(context -> ObsServlets.register(context.getServletContext(), obs));
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return server.get(path, headers);
  }

  private JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  @Test
  void livenessWithoutLivenessChecksIsUp() throws Exception {
    start(Map.of());
    obs.health().register("db", () -> HealthResult.down("refused"));

    HttpResponse<String> response = get("/livez");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(body(response).get("status").asText()).isEqualTo("UP");
    assertThat(body(response).get("checks").size()).isZero();
    assertThat(body(response).get("timestamp").asText()).isNotBlank();
  }

  @Test
  void readinessIs503WhenACriticalCheckIsDownAnd200WhenOnlyDegraded() throws Exception {
    start(Map.of());
    obs.health()
        .register(
            "cache",
            () -> HealthResult.down("refused"),
            CheckOptions.builder().critical(false).build());

    HttpResponse<String> degraded = get("/readyz");
    assertThat(degraded.statusCode()).isEqualTo(200);
    assertThat(body(degraded).get("status").asText()).isEqualTo("DEGRADED");

    obs.health().register("db", () -> HealthResult.down("refused"));
    HttpResponse<String> down = get("/readyz");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(body(down).get("status").asText()).isEqualTo("DOWN");
    assertThat(body(down).at("/checks/db/status").asText()).isEqualTo("DOWN");
  }

  @Test
  void headAnswersWithTheStatusAndNoBody() throws Exception {
    start(Map.of());
    obs.health().register("db", () -> HealthResult.down("refused"));

    HttpResponse<String> head =
        client.send(
            HttpRequest.newBuilder(server.uri("/readyz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(head.statusCode()).isEqualTo(503);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void anonymousCallersSeeStatusesOnlyAndTheAdminTokenRevealsDetails() throws Exception {
    start(Map.of());
    obs.health().register("db", () -> HealthResult.up().withDetail("database", "PostgreSQL"));
    obs.health().register("cache", () -> HealthResult.degraded("memory at 91%"));

    JsonNode anonymous = body(get("/healthz"));
    JsonNode wrongToken = body(get("/healthz", "Authorization", "Bearer nope"));
    JsonNode admin = body(get("/healthz", "Authorization", "Bearer admin-secret"));

    assertThat(anonymous.at("/checks/db").toString()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(anonymous.at("/checks/cache").toString()).isEqualTo("{\"status\":\"DEGRADED\"}");
    assertThat(wrongToken.get("checks")).isEqualTo(anonymous.get("checks"));
    assertThat(admin.at("/checks/db/details/database").asText()).isEqualTo("PostgreSQL");
    assertThat(admin.at("/checks/db/duration_ms").isNumber()).isTrue();
    assertThat(admin.at("/checks/cache/message").asText()).isEqualTo("memory at 91%");
  }

  @Test
  void detailsCanBeAlwaysOrNeverShown() throws Exception {
    start(Map.of("obs.health.show-details", "always"));
    obs.health().register("db", () -> HealthResult.up().withDetail("version", "16.4"));

    assertThat(body(get("/healthz")).at("/checks/db/details/version").asText()).isEqualTo("16.4");
    server.close();
    obs.close();

    start(Map.of("obs.health.show-details", "never"));
    obs.health().register("db", () -> HealthResult.up().withDetail("version", "16.4"));
    assertThat(
            body(get("/healthz", "Authorization", "Bearer admin-secret"))
                .at("/checks/db")
                .toString())
        .isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void oneCheckOrOneGroupCanBeQueried() throws Exception {
    start(Map.of());
    obs.health().register("db", HealthResult::up);
    obs.health()
        .register(
            "search",
            () -> HealthResult.down("refused"),
            CheckOptions.builder().groups("search").build());

    JsonNode db = body(get("/healthz?check=db"));
    HttpResponse<String> search = get("/healthz?group=search");
    HttpResponse<String> missing = get("/healthz?check=nope");

    assertThat(db.get("checks").fieldNames()).toIterable().containsExactly("db");
    assertThat(search.statusCode()).isEqualTo(503);
    assertThat(body(search).get("checks").fieldNames()).toIterable().containsExactly("search");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .isEqualTo("{\"error\":\"not_found\",\"message\":\"no health check named 'nope'\"}");
  }

  @Test
  void anInvalidShowDetailsSettingFailsAtStartNamingTheKey() {
    obs =
        Obs.builder().config(ObsConfig.of(Map.of("obs.health.show-details", "sometimes"))).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TestServer.start(c -> ObsServlets.register(c.getServletContext(), obs)))
        .isInstanceOf(dev.obs.config.ObsConfigException.class)
        .hasMessage(
            "obs.health.show-details must be one of never, when-authorized, always, got"
                + " 'sometimes'");
  }

  private void acceptForever() {
    try {
      while (true) {
        hungConnections.add(silentPeer.accept());
      }
    } catch (Exception closed) {
      // test over
    }
  }

  @Test
  void aHangingDependencyMakesReadinessDownWithinItsTimeoutAndCostsOneThread() throws Exception {
    silentPeer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptForever, "silent-peer");
    acceptor.setDaemon(true);
    acceptor.start();
    start(Map.of("obs.health.timeout", "500ms", "obs.health.cache-ttl", "0s"));
    int port = silentPeer.getLocalPort();
    obs.health()
        .register(
            "silent",
            () -> {
              try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                // The peer accepts and never answers; only the registry's timeout ends this.
                InputStream in = s.getInputStream();
                return in.read() < 0 ? HealthResult.down("closed") : HealthResult.up();
              }
            });

    long started = System.nanoTime();
    HttpResponse<String> first = get("/readyz", "Authorization", "Bearer admin-secret");
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(body(first).at("/checks/silent/message").asText())
        .isEqualTo("timed out after 500 ms");
    // Generous bound: this proves the endpoint does not hang; the figure is in the docs.
    assertThat(elapsedMs).isLessThan(500 + 2_000);

    List<CompletableFuture<HttpResponse<String>>> probes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      probes.add(
          client.sendAsync(
              HttpRequest.newBuilder(server.uri("/readyz")).timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    int busyDuringProbes = 0;
    for (CompletableFuture<HttpResponse<String>> probe : probes) {
      assertThat(probe.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
      busyDuringProbes = Math.max(busyDuringProbes, obs.health().activeThreads());
    }

    assertThat(busyDuringProbes).isLessThanOrEqualTo(1);
    assertThat(obs.health().activeThreads()).isLessThanOrEqualTo(1);
    // Threads anywhere in the JVM that are inside the hanging check right now.
    long threadsInTheCheck =
        Thread.getAllStackTraces().values().stream()
            .filter(
                stack ->
                    java.util.Arrays.stream(stack)
                        .anyMatch(
                            f ->
                                f.getClassName().startsWith(HealthEndpointsIT.class.getName())
                                    && f.getMethodName().startsWith("lambda$")))
            .count();
    assertThat(threadsInTheCheck).isEqualTo(1);
    assertThat(hungConnections).hasSize(1);
  }
}
