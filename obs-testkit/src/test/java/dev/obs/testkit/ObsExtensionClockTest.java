package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.alerts.Alerting;
import dev.obs.alerts.Rules;
import dev.obs.time.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ObsExtensionClockTest {
  @RegisterExtension
  static final ObsExtension extension =
      ObsExtension.create()
          .customize(
              builder ->
                  builder.plugin(
                      Alerting.builder()
                          .rules(
                              List.of(
                                  Rules.group("clock")
                                      .rule(
                                          Rules.alert("AlwaysOn")
                                              .expr("vector(1)")
                                              .forDuration(Duration.ofMinutes(5)))
                                      .build()))));

  @Test
  void theInjectedClockIsTheClockOfObsAndOfItsRegistry(Obs obs, ManualClock clock) {
    assertThat(obs.clock()).isSameAs(clock);
    assertThat(obs.meterRegistry().config().clock()).isSameAs(clock);
  }

  @Test
  void advancingTheInjectedClockMovesAlertDurations(Obs obs, ManualClock clock) {
    Alerting.of(obs).alerts().evaluateDue();
    assertThat(Alerting.of(obs).alerts()).pending("AlwaysOn");

    clock.advance(Duration.ofMinutes(5));
    Alerting.of(obs).alerts().evaluateDue();

    assertThat(Alerting.of(obs).alerts()).fired("AlwaysOn");
  }
}
