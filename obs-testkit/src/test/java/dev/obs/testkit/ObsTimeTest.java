package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import dev.obs.alerts.Alerting;
import dev.obs.alerts.Rules;
import dev.obs.health.CheckOptions;
import dev.obs.time.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

class ObsTimeTest {
  @RegisterExtension
  static final ObsExtension extension =
      ObsExtension.create()
          .customize(
              builder ->
                  builder.plugin(
                      Alerting.builder()
                          .rules(
                              List.of(
                                  Rules.group("redis")
                                      .rule(
                                          Rules.alert("RedisDown")
                                              .expr("obs_health_status{check=\"redis\"} == 0"))
                                      .build()))));

  @Test
  void advancingRunsTheChecksSoAHealthRuleFiresWithoutAnyOtherClock(Obs obs, ObsTime time) {
    ControllableCheck redis = new ControllableCheck();
    obs.health().register("redis", redis);
    redis.setDown("connection refused");

    time.advance(Duration.ofSeconds(15));

    assertThat(Alerting.of(obs).alerts()).fired("RedisDown");
    assertThat(time.clock()).isSameAs(obs.clock());
  }

  @Test
  void aMissingAlertSaysWhenTheGroupRanAndWhichInputsWereNaN(Obs obs, ManualClock clock) {
    obs.health().register("redis", new ControllableCheck());
    clock.advance(Duration.ofSeconds(15));
    // Only the rules run, not the checks: the health series has no value yet.
    Alerting.of(obs).alerts().evaluateDue();

    assertThatThrownBy(() -> assertThat(Alerting.of(obs).alerts()).fired("RedisDown"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "Expected a firing alert named <RedisDown> but there is none.%n"
                + "All alerts:%n"
                + "  (none)%n"
                + "Rule groups:%n"
                + "  redis (every 15s): last evaluated at 2026-01-01T00:00:15Z%n"
                + "Inputs that were NaN at 2026-01-01T00:00:15Z:%n"
                + "  obs_health_status{check=\"redis\"}",
            new Object[0]);
  }

  @Test
  void aGroupThatNeverRanSaysHowToRunIt(Obs obs) {
    assertThatThrownBy(() -> assertThat(Alerting.of(obs).alerts()).fired("RedisDown"))
        .hasMessageEndingWith(
            "Rule groups:%n  redis (every 15s): never evaluated; advance an ObsTime or call"
                    .formatted()
                + " Alerts.evaluateDue()");
  }

  @Test
  void refreshedChecksRunWhenDueAndNotInTheBackground(Obs obs, ObsTime time) {
    ControllableCheck cache = new ControllableCheck();
    obs.health()
        .register(
            "cache", cache, CheckOptions.builder().refreshEvery(Duration.ofMinutes(1)).build());

    assertThat(obs.health().refreshDue()).containsExactly("cache");
    assertThat(obs.health().refreshDue()).isEmpty();
    time.clock().advance(Duration.ofSeconds(59));
    assertThat(obs.health().refreshDue()).isEmpty();
    time.clock().advance(Duration.ofSeconds(1));
    assertThat(obs.health().refreshDue()).containsExactly("cache");
    assertThat(cache.calls()).isEqualTo(2);
  }

  @Test
  void steppingRunsTheWorkAfterEveryStep(Obs obs, ObsTime time) {
    ControllableCheck redis = new ControllableCheck();
    obs.health().register("redis", redis);

    time.advance(Duration.ofSeconds(45), Duration.ofSeconds(15));

    assertThat(redis.calls()).isEqualTo(3);
    assertThat(time.clock().instant()).hasToString("2026-01-01T00:00:45Z");
  }

  @Test
  void anObsOnTheSystemClockIsRefused() {
    try (Obs obs = Obs.builder().discoverPlugins(false).build()) {
      assertThatThrownBy(() -> ObsTime.of(obs))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("ObsTime needs an Obs built with a ManualClock, but its clock is")
          .hasMessageEndingWith(
              "; build it with Obs.builder().clock(new ManualClock()) or take the Obs that"
                  + " ObsExtension injects");
    }
  }

  @Test
  void aNegativeStepIsRefused(ObsTime time) {
    assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration must be zero or more, got PT-1S");
    assertThatThrownBy(() -> time.advance(Duration.ofMinutes(1), Duration.ZERO))
        .hasMessage("step must be positive, got PT0S");
  }
}
