package dev.obs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import dev.obs.alert.AlertState;
import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.http.HttpExchange;
import dev.obs.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObsAlertsTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  private Obs obs(Map<String, String> config) {
    return Obs.builder().config(ObsConfig.of(config)).clock(clock).jvmMetrics(false).build();
  }

  @Test
  void ruleFileFromConfigFiresOverTheAppsOwnRequests(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(
        rules,
        """
        groups:
          - name: http
            rules:
              - alert: ServerErrors
                expr: sum(increase(http_server_requests_seconds_count{outcome="SERVER_ERROR"}[1m])) > 2
                labels:
                  severity: critical
                annotations:
                  summary: "{{ $value }} failed requests in a minute"
        """);
    try (Obs obs = obs(Map.of("obs.alerts.rule-files", rules.toString()))) {
      for (int i = 0; i < 5; i++) {
        Alerting.of(obs).alerts().evaluateDue();
        obs.http().record(new HttpExchange("GET", "/a", "/a", 500, 1_000_000L, null, null));
        clock.advance(Duration.ofSeconds(15));
      }
      Alerting.of(obs).alerts().evaluateDue();
      assertThat(Alerting.of(obs).alerts().activeAlerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.name()).isEqualTo("ServerErrors");
                assertThat(a.state()).isEqualTo(AlertState.FIRING);
                assertThat(a.annotations())
                    .containsEntry("summary", "4 failed requests in a minute");
              });
      assertThat(Alerting.of(obs).alerts().groups().get(0).source()).isEqualTo(rules.toString());
    }
  }

  @Test
  void builtinPackLoadsWithConfiguredThresholds() {
    try (Obs obs =
        obs(
            Map.of(
                "obs.alerts.builtin.enabled", "true",
                "obs.alerts.builtin.cpu", "0.75",
                "obs.alerts.interval", "30s"))) {
      GroupStatus group = Alerting.of(obs).alerts().groups().get(0);
      assertThat(group.name()).isEqualTo("obs-builtin");
      assertThat(group.interval()).isEqualTo(Duration.ofSeconds(30));
      assertThat(group.rules())
          .filteredOn(r -> r.rule().name().equals("HighCpu"))
          .singleElement()
          .satisfies(r -> assertThat(r.rule().expr()).isEqualTo("process_cpu_usage > 0.75"));
    }
  }

  @Test
  void classpathRuleFilesLoad() {
    try (Obs obs = obs(Map.of("obs.alerts.rule-files", "classpath:" + BuiltinRules.RESOURCE))) {
      assertThat(Alerting.of(obs).alerts().groups())
          .extracting(GroupStatus::name)
          .containsExactly("obs-builtin");
    }
  }

  @Test
  void disabledAlertsLoadNothing() {
    try (Obs obs =
        obs(Map.of("obs.alerts.enabled", "false", "obs.alerts.builtin.enabled", "true"))) {
      assertThat(Alerting.of(obs).alerts().groups()).isEmpty();
      assertThat(Alerting.of(obs).alerts().evaluateDue()).isZero();
    }
  }

  @Test
  void invalidRuleFileFailsTheBuildNamingKeyAndPosition(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("bad.yml");
    Files.writeString(
        rules,
        "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        for: 5\n");
    assertThatThrownBy(() -> obs(Map.of("obs.alerts.rule-files", rules.toString())))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.alerts.rule-files: "
                + rules
                + ":6:14: bad duration for 'for': not a valid duration string: \"5\" (use a number"
                + " and a unit among ms, s, m, h, d, w, y, such as 5m or 1h30m)")
        .extracting(e -> ((ObsConfigException) e).key())
        .isEqualTo("obs.alerts.rule-files");
  }

  @Test
  void missingRuleFileAndBadThresholdsAreConfigErrors() {
    assertThatThrownBy(() -> obs(Map.of("obs.alerts.rule-files", "/nonexistent/rules.yml")))
        .isInstanceOf(ObsConfigException.class)
        .hasMessageStartingWith(
            "obs.alerts.rule-files must list readable rule files or classpath: resources");
    assertThatThrownBy(
            () ->
                obs(Map.of("obs.alerts.builtin.enabled", "true", "obs.alerts.builtin.heap", "90")))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage("obs.alerts.builtin.heap must be a ratio in (0, 1] like 0.9, got '90'");
    assertThatThrownBy(() -> obs(Map.of("obs.alerts.retention.max", "0s")))
        .hasMessage(
            "obs.alerts.retention.max must be a positive duration like 250ms, 2s or 5m, got '0s'");
    assertThatThrownBy(() -> obs(Map.of("obs.alerts.interval", "soon")))
        .hasMessage(
            "obs.alerts.interval must be a positive duration like 250ms, 2s or 5m, got 'soon'");
  }

  @Test
  void startRunsTheEngineAndCloseStopsIt() {
    Obs obs =
        Obs.builder()
            .jvmMetrics(false)
            .plugin(
                Alerting.builder()
                    .rules(
                        java.util.List.of(
                            Rules.group("g").rule(Rules.alert("A").expr("vector(1)")).build())))
            .build();
    java.util.concurrent.CountDownLatch evaluated = new java.util.concurrent.CountDownLatch(1);
    Alerting.of(obs).alerts().addListener((at, alerts) -> evaluated.countDown());
    obs.start();
    try {
      assertThat(awaitQuietly(evaluated)).as("evaluated on the obs-alerts thread in 10 s").isTrue();
    } finally {
      obs.close();
    }
    assertThat(Alerting.of(obs).alerts().evaluateDue()).isZero();
  }

  private static boolean awaitQuietly(java.util.concurrent.CountDownLatch latch) {
    try {
      return latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
