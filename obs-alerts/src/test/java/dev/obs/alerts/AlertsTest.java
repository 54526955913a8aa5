package dev.obs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import dev.obs.promql.Labels;
import dev.obs.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(15);

  private final ManualClock clock = new ManualClock(START);
  private final List<List<Alert>> notified = new ArrayList<>();

  private Alerts engine(RuleGroup... groups) {
    return Alerts.builder()
        .clock(clock)
        .interval(STEP)
        .groups(groups)
        .listener((at, alerts) -> notified.add(alerts))
        .build();
  }

  private void put(Alerts alerts, double value, String... labels) {
    String[] all = new String[labels.length + 2];
    all[0] = "__name__";
    all[1] = "errors";
    System.arraycopy(labels, 0, all, 2, labels.length);
    alerts.store().append(Labels.of(all), clock.millis(), value);
  }

  /** Advances one interval, writes the value and evaluates. */
  private void step(Alerts alerts, double value) {
    clock.advance(STEP);
    put(alerts, value, "job", "api");
    assertThat(alerts.evaluateDue()).isEqualTo(1);
  }

  private static AlertState state(Alerts alerts) {
    return alerts.alerts().isEmpty() ? null : alerts.alerts().get(0).state();
  }

  @Test
  void alertGoesPendingThenFiringThenResolved() {
    Alerts alerts =
        engine(
            Rules.group("g")
                .rule(
                    Rules.alert("TooManyErrors")
                        .expr("errors > 5")
                        .forDuration(Duration.ofSeconds(30))
                        .label("severity", "page")
                        .annotation("summary", "{{ $labels.job }} has {{ $value }} errors"))
                .build());

    put(alerts, 10, "job", "api");
    alerts.evaluateDue();
    assertThat(alerts.activeAlerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo(AlertState.PENDING);
              assertThat(a.labels())
                  .containsExactlyInAnyOrderEntriesOf(
                      java.util.Map.of(
                          "alertname", "TooManyErrors", "job", "api", "severity", "page"));
              assertThat(a.annotations()).containsEntry("summary", "api has 10 errors");
              assertThat(a.activeAt()).isEqualTo(START);
              assertThat(a.firedAt()).isNull();
            });
    assertThat(notified).containsExactly(List.of());

    step(alerts, 12);
    assertThat(state(alerts)).isEqualTo(AlertState.PENDING);
    step(alerts, 12);
    Alert firing = alerts.activeAlerts().get(0);
    assertThat(firing.state()).isEqualTo(AlertState.FIRING);
    assertThat(firing.firedAt()).isEqualTo(START.plusSeconds(30));
    assertThat(firing.value()).isEqualTo(12);
    assertThat(notified.get(2)).containsExactly(firing);

    step(alerts, 1);
    assertThat(alerts.activeAlerts()).isEmpty();
    Alert resolved = alerts.alerts().get(0);
    assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.resolvedAt()).isEqualTo(START.plusSeconds(45));
    assertThat(notified.get(3)).containsExactly(resolved);

    step(alerts, 1);
    assertThat(notified.get(4)).isEmpty();
    assertThat(alerts.alerts()).hasSize(1);
    for (int i = 0; i < 61; i++) {
      step(alerts, 1);
    }
    assertThat(alerts.alerts()).as("resolved alerts are kept 15 minutes").isEmpty();
  }

  @Test
  void pendingAlertThatStopsHoldingIsDropped() {
    Alerts alerts =
        engine(
            Rules.group("g")
                .rule(Rules.alert("A").expr("errors > 5").forDuration(Duration.ofMinutes(1)))
                .build());
    put(alerts, 10, "job", "api");
    alerts.evaluateDue();
    step(alerts, 1);
    assertThat(alerts.alerts()).isEmpty();
    assertThat(notified).allSatisfy(list -> assertThat(list).isEmpty());
  }

  @Test
  void keepFiringForHoldsAFiringAlert() {
    Alerts alerts =
        engine(
            Rules.group("g")
                .rule(Rules.alert("A").expr("errors > 5").keepFiringFor(Duration.ofSeconds(30)))
                .build());
    put(alerts, 10, "job", "api");
    alerts.evaluateDue();
    assertThat(state(alerts)).isEqualTo(AlertState.FIRING);
    step(alerts, 1);
    assertThat(state(alerts)).isEqualTo(AlertState.FIRING);
    step(alerts, 1);
    assertThat(state(alerts)).isEqualTo(AlertState.FIRING);
    step(alerts, 1);
    assertThat(state(alerts)).isEqualTo(AlertState.RESOLVED);
  }

  @Test
  void hysteresisFiresAboveOneThresholdAndResolvesBelowTheOther() {
    Alerts alerts =
        engine(Rules.group("g").rule(Rules.hysteresis("ErrorsHigh", "sum(errors)", 5, 3)).build());
    put(alerts, 4, "job", "api");
    alerts.evaluateDue();
    assertThat(alerts.alerts()).as("4 is below the firing threshold").isEmpty();
    step(alerts, 6);
    assertThat(state(alerts)).isEqualTo(AlertState.FIRING);
    step(alerts, 4);
    assertThat(state(alerts)).as("4 keeps it firing once active").isEqualTo(AlertState.FIRING);
    assertThat(alerts.activeAlerts().get(0).value()).isEqualTo(4);
    step(alerts, 2);
    assertThat(state(alerts)).isEqualTo(AlertState.RESOLVED);
    step(alerts, 4);
    assertThat(alerts.activeAlerts()).as("4 does not fire it again").isEmpty();
  }

  @Test
  void alertsSeriesAreReadableByOtherRules() {
    Alerts alerts =
        engine(
            Rules.group("g")
                .rule(Rules.alert("A").expr("errors > 5").forDuration(Duration.ofSeconds(15)))
                .rule(
                    Rules.record("a_pending")
                        .expr("ALERTS{alertname=\"A\",alertstate=\"pending\"}"))
                .rule(Rules.record("a_since").expr("ALERTS_FOR_STATE{alertname=\"A\"}"))
                .rule(Rules.alert("AFiring").expr("count(ALERTS{alertstate=\"firing\"}) > 0"))
                .build());
    put(alerts, 10, "job", "api");
    alerts.evaluateDue();
    assertThat(alerts.activeAlerts()).extracting(Alert::name).containsExactly("A");
    step(alerts, 10);
    assertThat(alerts.activeAlerts()).extracting(Alert::name).containsExactly("A", "AFiring");
    List<dev.obs.promql.Series> since =
        alerts
            .store()
            .select(
                List.of(dev.obs.promql.LabelMatcher.equal("__name__", "a_since")),
                0,
                Long.MAX_VALUE);
    assertThat(since).isEmpty(); // recorded series live with the rules, not in the sampled store
    assertThat(alerts.groups().get(0).rules())
        .allSatisfy(r -> assertThat(r.health()).isEqualTo(RuleHealth.OK));
  }

  @Test
  void failingRuleIsUnhealthyAndTheOthersKeepRunning() {
    Alerts alerts =
        engine(
            Rules.group("g")
                .rule(Rules.alert("Broken").expr("errors > 0").label("job", "same"))
                .rule(Rules.alert("Works").expr("errors > 0"))
                .build());
    put(alerts, 1, "job", "api");
    put(alerts, 1, "job", "web");
    alerts.evaluateDue();

    List<RuleStatus> rules = alerts.groups().get(0).rules();
    assertThat(rules.get(0).health()).isEqualTo(RuleHealth.ERR);
    assertThat(rules.get(0).lastError())
        .isEqualTo("vector contains metrics with the same labelset after applying alert labels");
    assertThat(rules.get(0).lastEvaluation()).isEqualTo(START);
    assertThat(rules.get(1).health()).isEqualTo(RuleHealth.OK);
    assertThat(rules.get(1).lastError()).isNull();
    assertThat(alerts.activeAlerts()).extracting(a -> a.label("job")).containsExactly("api", "web");
  }

  @Test
  void ruleOverItsLimitFails() {
    Alerts alerts =
        engine(Rules.group("g").limit(1).rule(Rules.alert("A").expr("errors > 0")).build());
    put(alerts, 1, "job", "api");
    put(alerts, 1, "job", "web");
    alerts.evaluateDue();
    assertThat(alerts.groups().get(0).rules().get(0).lastError())
        .isEqualTo("exceeded limit of 1 with 2 alerts");
    assertThat(alerts.alerts()).isEmpty();
  }

  @Test
  void recordingRuleOutputFeedsLaterRules() {
    Alerts alerts =
        engine(
            Rules.group("g")
                .rule(
                    Rules.record("job:errors:sum")
                        .expr("sum by (job) (errors)")
                        .label("team", "web"))
                .rule(Rules.alert("Many").expr("job:errors:sum > 5"))
                .build());
    put(alerts, 3, "job", "api", "instance", "a");
    put(alerts, 4, "job", "api", "instance", "b");
    alerts.evaluateDue();
    assertThat(alerts.activeAlerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.labels())
                  .containsExactlyInAnyOrderEntriesOf(
                      java.util.Map.of("alertname", "Many", "job", "api", "team", "web"));
              assertThat(a.value()).isEqualTo(7);
            });
  }

  @Test
  void groupsEvaluateOnlyWhenTheirIntervalHasElapsed() {
    Alerts alerts =
        engine(
            Rules.group("fast").rule(Rules.alert("A").expr("vector(1)")).build(),
            Rules.group("slow")
                .interval(Duration.ofMinutes(1))
                .rule(Rules.alert("B").expr("vector(1)"))
                .build());
    assertThat(alerts.evaluateDue()).isEqualTo(2);
    assertThat(alerts.evaluateDue()).isZero();
    clock.advance(STEP);
    assertThat(alerts.evaluateDue()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(45));
    assertThat(alerts.evaluateDue()).isEqualTo(2);
    assertThat(alerts.groups())
        .extracting(GroupStatus::interval)
        .containsExactly(STEP, Duration.ofMinutes(1));
  }

  @Test
  void listenerFailureDoesNotStopEvaluation() {
    Alerts alerts = engine(Rules.group("g").rule(Rules.alert("A").expr("vector(1)")).build());
    alerts.addListener(
        (at, list) -> {
          throw new IllegalStateException("listener broke");
        });
    alerts.evaluateDue();
    assertThat(notified).hasSize(1);
    assertThat(alerts.activeAlerts()).hasSize(1);
  }

  @Test
  void backgroundThreadEvaluatesAndStopsOnClose() throws Exception {
    java.util.concurrent.CountDownLatch evaluated = new java.util.concurrent.CountDownLatch(1);
    Alerts alerts =
        Alerts.builder()
            .groups(Rules.group("g").rule(Rules.alert("A").expr("vector(1)")).build())
            .listener((at, list) -> evaluated.countDown())
            .build();
    alerts.start();
    try {
      assertThat(evaluated.await(10, java.util.concurrent.TimeUnit.SECONDS))
          .as("the obs-alerts thread evaluates the group within 10 s")
          .isTrue();
    } finally {
      alerts.close();
    }
    assertThat(alerts.evaluateDue()).isZero();
  }
}
