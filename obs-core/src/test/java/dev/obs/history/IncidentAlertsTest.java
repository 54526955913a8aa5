package dev.obs.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.alert.Alert;
import dev.obs.alert.AlertListener;
import dev.obs.alert.AlertState;
import dev.obs.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IncidentAlertsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final ManualClock clock = new ManualClock(T0);
  private final Obs obs = Obs.builder().clock(clock).jvmMetrics(false).build();
  private final History history =
      History.builder(obs.meterRegistry(), obs.health(), obs.clock(), obs.config()).build();
  private final AlertListener listener = history.alertListener();

  @AfterEach
  void close() {
    history.close();
    obs.close();
  }

  private static Alert alert(
      String severity, AlertState state, Instant firedAt, Map<String, String> annotations) {
    return new Alert(
        "AppDown",
        Map.of("alertname", "AppDown", "severity", severity, "instance", "db-7.internal"),
        annotations,
        state,
        1.0,
        firedAt.minusSeconds(120),
        firedAt,
        state == AlertState.RESOLVED ? firedAt.plusSeconds(600) : null);
  }

  @Test
  void aCriticalAlertOpensOneIncidentWhileFiringAndResolvesItWhenItResolves() {
    Alert firing =
        alert("critical", AlertState.FIRING, T0, Map.of("public_title", "Service unavailable"));
    listener.onAlerts(T0, List.of(firing));
    clock.advance(Duration.ofSeconds(15));
    listener.onAlerts(clock.instant(), List.of(firing));

    List<Incident> open = history.incidents(Duration.ZERO);
    assertThat(open).hasSize(1);
    Incident incident = open.get(0);
    assertThat(incident.title()).isEqualTo("Service unavailable");
    assertThat(incident.state()).isEqualTo(IncidentState.INVESTIGATING);
    assertThat(incident.alertFingerprint()).isEqualTo(firing.fingerprint());
    assertThat(incident.updates().get(0).message()).isEqualTo(IncidentAlerts.OPENED);

    clock.advance(Duration.ofMinutes(10));
    listener.onAlerts(
        clock.instant(), List.of(alert("critical", AlertState.RESOLVED, T0, Map.of())));

    Incident resolved = history.store().incident(incident.id());
    assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(resolved.resolvedAt()).isEqualTo(clock.instant());
    assertThat(resolved.updates())
        .extracting(IncidentUpdate::message)
        .containsExactly(IncidentAlerts.OPENED, IncidentAlerts.RESOLVED);
  }

  @Test
  void alertsThatAreNotCriticalOpenNothingAndTheTitleFallsBackToTheAlertName() {
    listener.onAlerts(T0, List.of(alert("warning", AlertState.FIRING, T0, Map.of())));
    assertThat(history.incidents(Duration.ofDays(1))).isEmpty();

    listener.onAlerts(T0, List.of(alert("critical", AlertState.FIRING, T0, Map.of())));
    Incident incident = history.incidents(Duration.ofDays(1)).get(0);
    assertThat(incident.title()).isEqualTo("AppDown");
    assertThat(incident.title() + incident.updates()).doesNotContain("db-7.internal");
  }

  @Test
  void anIncidentResolvedByHandIsNotReopenedWhileTheSameAlertKeepsFiring() {
    Alert firing = alert("critical", AlertState.FIRING, T0, Map.of());
    listener.onAlerts(T0, List.of(firing));
    Incident incident = history.incidents(Duration.ZERO).get(0);
    clock.advance(Duration.ofMinutes(1));
    history.updateIncident(incident.id(), IncidentState.RESOLVED, "False alarm.");
    clock.advance(Duration.ofMinutes(1));
    listener.onAlerts(clock.instant(), List.of(firing));
    assertThat(history.incidents(Duration.ofDays(1))).hasSize(1);

    Instant later = clock.instant().plus(Duration.ofHours(1));
    clock.advance(Duration.ofHours(1));
    listener.onAlerts(later, List.of(alert("critical", AlertState.FIRING, later, Map.of())));
    assertThat(history.incidents(Duration.ofDays(1))).hasSize(2);
  }
}
