package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthResult;
import dev.obs.history.History;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusEndpointsIT {
  private static final String TOKEN = "admin-secret";
  private final ObjectMapper json = new ObjectMapper();
  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:30Z"));
  private Obs obs;
  private History history;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    start(Map.of("obs.admin.token", TOKEN, "obs.status.title", "Acme <Shop>"));
  }

  private void start(Map<String, String> config) throws Exception {
    stop();
    Map<String, String> values = new java.util.HashMap<>(config);
    // The status page is opt-in; these tests are about it.
    values.putIfAbsent("obs.web.exposure.include", "*");
    obs =
        Obs.builder()
            .config(ObsConfig.of(values))
            .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .clock(clock)
            .jvmMetrics(false)
            .build()
            .start();
    obs.health()
        .register(
            "db",
            HealthResult::up,
            CheckOptions.builder().publicTitle("Database <primary>").build());
    obs.health()
        .register(
            "cache",
            () -> HealthResult.down("connection refused to cache-3.internal:6379"),
            CheckOptions.builder().critical(false).publicTitle("Cache").build());
    obs.health()
        .register(
            "secret-internal",
            () -> HealthResult.down("password=hunter2 at db-7.internal"),
            CheckOptions.builder().critical(false).build());
    history =
        History.builder(obs.meterRegistry(), obs.health(), obs.clock(), obs.config())
            .backgroundSampling(false)
            .build()
            .start();
    for (int i = 0; i < 20; i++) {
      obs.http().record("GET", "/users/{id}", "/users/1", i == 0 ? 500 : 200, 4_000_000, null);
    }
    clock.advance(Duration.ofMinutes(1));
    history.tick();
    server =
        TestServer.start(
            context -> StatusServlets.register(context.getServletContext(), obs, history));
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
      history.close();
      obs.close();
      server = null;
    }
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return server.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void thePageShowsTheBannerAndPublicComponentsWithoutInternals() throws Exception {
    HttpResponse<String> page = server.get("/status");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    String html = page.body();
    assertThat(html)
        .contains("<html lang=\"en\">")
        .contains("<title>Acme &lt;Shop&gt; – Service status</title>")
        .contains("Some systems are degraded")
        .contains("<h3>Database &lt;primary&gt;</h3>")
        .contains("<h3>Cache</h3>")
        .contains("Outage")
        .contains("<main id=\"main\">")
        .contains("/status/assets/chart.umd.min.js")
        .doesNotContain("secret-internal", "hunter2", "db-7.internal", "cache-3", "refused");
    assertThat(count(html, "<li class=\"bar b-")).isEqualTo(180);
    assertThat(html).contains("title=\"2026-03-01: 100% available\"");
    assertThat(count(html, "<tr data-t=")).isEqualTo(96 + 168);
  }

  @Test
  void browsersThatAcceptGzipGetTheSamePageCompressed() throws Exception {
    String plain = server.get("/status").body();
    HttpResponse<byte[]> compressed =
        server
            .client()
            .send(
                HttpRequest.newBuilder(server.uri("/status"))
                    .header("Accept-Encoding", "gzip, deflate, br")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(compressed.body().length).isLessThan(plain.length() / 5);
    try (var in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(compressed.body()))) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(plain);
    }
    assertThat(StatusPageServlet.acceptsGzip("gzip;q=0, deflate")).isFalse();
    assertThat(StatusPageServlet.acceptsGzip("br, GZIP;q=0.5")).isTrue();
    assertThat(StatusPageServlet.acceptsGzip("identity")).isFalse();
  }

  @Test
  void theLanguageComesFromTheQueryOrTheAcceptLanguageHeader() throws Exception {
    HttpResponse<String> spanish = server.get("/status?lang=es");
    assertThat(spanish.body()).contains("<html lang=\"es\">", "Estado del servicio", "Componentes");
    assertThat(spanish.headers().firstValue("Content-Language")).hasValue("es");

    HttpResponse<String> korean = server.get("/status", "Accept-Language", "ko-KR,ko;q=0.9");
    assertThat(korean.body()).contains("<html lang=\"ko\">", "서비스 상태");
    HttpResponse<String> traditional = server.get("/status", "Accept-Language", "zh-Hant-TW");
    assertThat(traditional.body()).contains("<html lang=\"zh-TW\">", "服務狀態");
    assertThat(server.get("/status?lang=zh-CN").body()).contains("服务状态");
    assertThat(server.get("/status?lang=pt").body()).contains("Estado do serviço");
  }

  @Test
  void incidentsAreCreatedAndUpdatedWithTheTokenAndShownEscaped() throws Exception {
    String create =
        "{\"title\":\"Slow <b>checkout</b>\",\"state\":\"investigating\","
            + "\"message\":\"We are looking into it.\"}";
    assertThat(post("/obs/admin/incidents", create).statusCode()).isEqualTo(401);
    assertThat(post("/obs/admin/incidents", create, "Authorization", "Bearer wrong").statusCode())
        .isEqualTo(401);

    HttpResponse<String> created =
        post("/obs/admin/incidents", create, "Authorization", "Bearer " + TOKEN);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode incident = json.readTree(created.body());
    String id = incident.get("id").asText();
    assertThat(incident.get("state").asText()).isEqualTo("investigating");
    assertThat(incident.get("started_at").asText()).isEqualTo("2026-03-01T10:01:30Z");

    clock.advance(Duration.ofMinutes(5));
    HttpResponse<String> updated =
        post(
            "/obs/admin/incidents",
            "{\"id\":\"" + id + "\",\"state\":\"identified\",\"message\":\"A slow query.\"}",
            "Authorization",
            "Bearer " + TOKEN);
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(json.readTree(updated.body()).get("updates")).hasSize(2);

    String html = server.get("/status").body();
    assertThat(html)
        .contains("Slow &lt;b&gt;checkout&lt;/b&gt;")
        .contains("<strong>Identified</strong> – A slow query.")
        .contains("<strong>Investigating</strong> – We are looking into it.")
        .doesNotContain("<b>checkout</b>");
    JsonNode status = json.readTree(server.get("/status.json").body());
    assertThat(status.get("status").asText()).isEqualTo("DEGRADED");
    assertThat(status.get("indicator").asText()).isEqualTo("minor");
    assertThat(status.get("components")).hasSize(2);
    assertThat(status.get("components").get(0).get("name").asText())
        .isEqualTo("Database <primary>");
    assertThat(status.get("incidents").get(0).get("title").asText())
        .isEqualTo("Slow <b>checkout</b>");
    assertThat(status.toString()).doesNotContain("hunter2", "secret-internal");

    JsonNode listed =
        json.readTree(
            server.get("/obs/admin/incidents", "Authorization", "Bearer " + TOKEN).body());
    assertThat(listed.get("incidents")).hasSize(1);
  }

  @Test
  void badIncidentRequestsNameWhatIsWrong() throws Exception {
    HttpResponse<String> badState =
        post(
            "/obs/admin/incidents",
            "{\"title\":\"x\",\"state\":\"panicking\",\"message\":\"m\"}",
            "Authorization",
            "Bearer " + TOKEN);
    assertThat(badState.statusCode()).isEqualTo(400);
    assertThat(json.readTree(badState.body()).get("message").asText())
        .isEqualTo(
            "state must be one of investigating, identified, monitoring, resolved, got 'panicking'");
    HttpResponse<String> missing =
        post(
            "/obs/admin/incidents",
            "{\"id\":\"nope\",\"state\":\"resolved\",\"message\":\"m\"}",
            "Authorization",
            "Bearer " + TOKEN);
    assertThat(missing.statusCode()).isEqualTo(404);
    HttpResponse<String> notJson =
        post("/obs/admin/incidents", "title=x", "Authorization", "Bearer " + TOKEN);
    assertThat(notJson.statusCode()).isEqualTo(400);
    HttpResponse<String> noTitle =
        post(
            "/obs/admin/incidents",
            "{\"state\":\"investigating\",\"message\":\"m\"}",
            "Authorization",
            "Bearer " + TOKEN);
    assertThat(json.readTree(noTitle.body()).get("message").asText())
        .isEqualTo("title must not be blank");
  }

  @Test
  void withoutAnAdminTokenIncidentsCannotBeManaged() throws Exception {
    start(Map.of());
    HttpResponse<String> response =
        post("/obs/admin/incidents", "{\"title\":\"x\",\"state\":\"investigating\"}");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json.readTree(response.body()).get("message").asText())
        .isEqualTo("set obs.admin.token to manage incidents");
    assertThat(server.get("/obs/api/summary").statusCode())
        .as("the API is closed too until made public")
        .isEqualTo(403);
  }

  @Test
  void theSummaryAndSeriesApisAnswerFromHistory() throws Exception {
    assertThat(server.get("/obs/api/summary").statusCode()).isEqualTo(401);
    JsonNode summary =
        json.readTree(
            server.get("/obs/api/summary?window=24h", "Authorization", "Bearer " + TOKEN).body());
    assertThat(summary.get("window_seconds").asLong()).isEqualTo(86_400);
    assertThat(summary.get("requests").asLong()).isEqualTo(20);
    assertThat(summary.get("errors").asLong()).isEqualTo(1);
    assertThat(summary.get("error_rate").asDouble()).isEqualTo(0.05);
    assertThat(summary.get("uptime_percent").asDouble()).isEqualTo(100.0);
    // From the Prometheus registry's buckets: all 20 requests took 4 ms, in the (0, 5 ms] bucket.
    assertThat(summary.get("p95_seconds").asDouble()).isCloseTo(0.00475, within(1e-9));
    assertThat(summary.get("slowest_routes").get(0).get("route").asText()).isEqualTo("/users/{id}");

    JsonNode series =
        json.readTree(
            server
                .get(
                    "/obs/api/series?metric=requests&route=/users/%7Bid%7D"
                        + "&from=2026-03-01T09:00:00Z&to=2026-03-01T11:00:00Z&step=1h",
                    "Authorization", "Bearer " + TOKEN)
                .body());
    assertThat(series.get("step_seconds").asLong()).isEqualTo(3600);
    assertThat(series.get("points").toString()).isEqualTo("[[1772355600,0.0],[1772359200,20.0]]");

    HttpResponse<String> bad =
        server.get("/obs/api/series?metric=p42", "Authorization", "Bearer " + TOKEN);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json.readTree(bad.body()).get("message").asText())
        .isEqualTo(
            "metric must be one of requests, errors, error_rate, average, p50, p95, p99, got 'p42'");
    HttpResponse<String> badWindow =
        server.get("/obs/api/summary?window=soon", "Authorization", "Bearer " + TOKEN);
    assertThat(json.readTree(badWindow.body()).get("message").asText())
        .isEqualTo("window must be a positive duration like 5m, 1h or 24h, got 'soon'");
  }

  @Test
  void assetsAreServedFromTheClasspathAndNothingElseIs() throws Exception {
    HttpResponse<String> chart = server.get("/status/assets/chart.umd.min.js");
    assertThat(chart.statusCode()).isEqualTo(200);
    assertThat(chart.headers().firstValue("Content-Type"))
        .hasValue("text/javascript;charset=utf-8");
    assertThat(chart.body()).contains("Chart.js v4");
    assertThat(server.get("/status/assets/status.js").body()).contains("new Chart(");
    assertThat(server.get("/status/assets/status.css").statusCode()).isEqualTo(200);
    assertThat(server.get("/status/assets/pom.xml").statusCode()).isEqualTo(404);
  }
}
