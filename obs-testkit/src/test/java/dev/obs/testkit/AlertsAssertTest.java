package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import dev.obs.alerts.Alerting;
import dev.obs.alerts.Rules;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertsAssertTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private Obs obs;
  private Counter failures;

  @BeforeEach
  void start() {
    obs =
        Obs.builder()
            .clock(clock)
            .jvmMetrics(false)
            .plugin(
                Alerting.builder()
                    .rules(
                        List.of(
                            Rules.group("jobs")
                                .rule(
                                    Rules.alert("JobsFailing")
                                        .expr("increase(jobs_failed_total[1m]) > 0")
                                        .forDuration(Duration.ofSeconds(30))
                                        .label("severity", "critical")
                                        .annotation("summary", "{{ $value }} jobs failed"))
                                .build())))
            .build();
    failures = obs.meterRegistry().counter("jobs.failed", "queue", "mail");
  }

  @AfterEach
  void stop() {
    obs.close();
  }

  private void tick(int failed) {
    failures.increment(failed);
    Alerting.of(obs).alerts().evaluateDue();
    clock.advance(Duration.ofSeconds(15));
  }

  @Test
  void followsAnAlertThroughItsStates() {
    tick(0);
    tick(2);
    assertThat(Alerting.of(obs).alerts()).pending("JobsFailing").withLabel("queue", "mail");
    tick(1);
    tick(1);
    assertThat(Alerting.of(obs).alerts())
        .fired("JobsFailing")
        .withLabel("severity", "critical")
        .withLabel("queue", "mail")
        .withAnnotation("summary", "4 jobs failed")
        .withValue(4);
    for (int i = 0; i < 5; i++) {
      tick(0);
    }
    assertThat(Alerting.of(obs).alerts())
        .notFiring("JobsFailing")
        .hasNoActiveAlerts()
        .resolved("JobsFailing");
  }

  @Test
  void failureMessagesListWhatTheEngineHolds() {
    tick(0);
    tick(3);
    assertThatThrownBy(() -> assertThat(Alerting.of(obs).alerts()).fired("JobsFailing"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected a firing alert named <JobsFailing> but there is none.%nAll alerts:%n"
                + "  pending JobsFailing {alertname=JobsFailing, queue=mail, severity=critical}"
                + " value=3.0 since 2026-01-01T00:00:15Z annotations={summary=3 jobs failed}%n"
                + "Rule groups:%n"
                + "  jobs (every 15s): last evaluated at 2026-01-01T00:00:15Z%n"
                + "Inputs that were NaN at 2026-01-01T00:00:15Z:%n"
                + "  (none)",
            new Object[0]);
    assertThatThrownBy(
            () ->
                assertThat(Alerting.of(obs).alerts())
                    .pending("JobsFailing")
                    .withLabel("queue", "sms"))
        .hasMessageContaining(
            "Expected a pending alert named <JobsFailing> with label queue=\"sms\" but the pending"
                + " ones are:");
    assertThatThrownBy(() -> assertThat(Alerting.of(obs).alerts()).hasNoActiveAlerts())
        .hasMessageContaining("pending JobsFailing");
  }

  @Test
  void manualClockOnlyMovesForward() {
    Instant before = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    assertThat(clock.instant()).isEqualTo(before.plusSeconds(60));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .hasMessage("a manual clock only moves forward, got PT-1S");
  }
}
