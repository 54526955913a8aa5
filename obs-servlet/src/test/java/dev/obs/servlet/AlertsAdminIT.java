package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.Obs;
import dev.obs.alerts.Alerting;
import dev.obs.alerts.RuleGroup;
import dev.obs.alerts.Rules;
import dev.obs.config.ObsConfig;
import dev.obs.time.ManualClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertsAdminIT {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private final ObjectMapper json = new ObjectMapper();
  private final ManualClock clock = new ManualClock(START);
  private Obs obs;
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (obs != null) {
      obs.close();
    }
  }

  private void start(Map<String, String> config) throws Exception {
    RuleGroup group =
        Rules.group("app")
            .rule(
                Rules.alert("AlwaysOn")
                    .expr("vector(42)")
                    .label("severity", "page")
                    .annotation("summary", "value is {{ $value }}"))
            .rule(Rules.alert("Slowly").expr("vector(1)").forDuration(Duration.ofMinutes(5)))
            .rule(
                Rules.alert("Templated")
                    .expr("vector(1)")
                    .label("x", "{{ $value }}")
                    .label("y", "z"))
            .build();
    obs =
        Obs.builder()
            .config(ObsConfig.of(config))
            .clock(clock)
            .jvmMetrics(false)
            .plugin(Alerting.builder().rules(List.of(group)))
            .build();
    Alerting.of(obs).alerts().evaluateDue();
    server = TestServer.start(context -> ObsServlets.register(context.getServletContext(), obs));
  }

  @Test
  void alertsListsActiveAlertsForTheAdminToken() throws Exception {
    start(Map.of("obs.admin.token", "admin-secret"));

    HttpResponse<String> response =
        server.get("/obs/admin/alerts", "Authorization", "Bearer admin-secret");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode alerts = json.readTree(response.body()).get("alerts");
    assertThat(alerts).hasSize(3);
    JsonNode first = alerts.get(0);
    assertThat(first.get("name").asText()).isEqualTo("AlwaysOn");
    assertThat(first.get("state").asText()).isEqualTo("firing");
    assertThat(first.get("value").asDouble()).isEqualTo(42);
    assertThat(first.at("/labels/severity").asText()).isEqualTo("page");
    assertThat(first.at("/labels/alertname").asText()).isEqualTo("AlwaysOn");
    assertThat(first.at("/annotations/summary").asText()).isEqualTo("value is 42");
    assertThat(first.get("active_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(first.get("fired_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(alerts.get(1).get("state").asText()).isEqualTo("pending");
    assertThat(alerts.get(1).get("fired_at").isNull()).isTrue();
  }

  @Test
  void rulesReportHealthLastEvaluationAndDuration() throws Exception {
    start(Map.of("obs.admin.token", "admin-secret"));

    HttpResponse<String> response =
        server.get("/obs/admin/rules", "Authorization", "Bearer admin-secret");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode group = json.readTree(response.body()).at("/groups/0");
    assertThat(group.get("name").asText()).isEqualTo("app");
    assertThat(group.get("file").asText()).isEqualTo("code");
    assertThat(group.get("interval_seconds").asDouble()).isEqualTo(15);
    assertThat(group.get("last_evaluation").asText()).isEqualTo("2026-03-01T10:00:00Z");
    JsonNode rule = group.at("/rules/1");
    assertThat(rule.get("name").asText()).isEqualTo("Slowly");
    assertThat(rule.get("type").asText()).isEqualTo("alerting");
    assertThat(rule.get("query").asText()).isEqualTo("vector(1)");
    assertThat(rule.get("duration_seconds").asDouble()).isEqualTo(300);
    assertThat(rule.get("health").asText()).isEqualTo("ok");
    assertThat(rule.get("last_error").isNull()).isTrue();
    assertThat(rule.get("last_evaluation").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(rule.get("evaluation_duration_seconds").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(rule.get("alerts")).hasSize(1);
  }

  @Test
  void withoutTheTokenTheAdminApiRefuses() throws Exception {
    start(Map.of("obs.admin.token", "admin-secret"));

    HttpResponse<String> anonymous = server.get("/obs/admin/alerts");
    HttpResponse<String> wrong = server.get("/obs/admin/rules", "Authorization", "Bearer nope");

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"obs\"");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json.readTree(wrong.body()).get("error").asText()).isEqualTo("unauthorized");
  }

  @Test
  void withoutAConfiguredTokenTheAdminApiIsForbidden() throws Exception {
    start(Map.of());

    HttpResponse<String> response = server.get("/obs/admin/alerts", "Authorization", "Bearer x");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json.readTree(response.body()).get("message").asText())
        .isEqualTo("set obs.admin.token to use the admin API");
  }
}
