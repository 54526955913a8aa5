package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import dev.obs.alerts.notify.Notification;
import dev.obs.alerts.notify.Notifications;
import dev.obs.alerts.notify.Receiver;
import dev.obs.alerts.notify.Route;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationsAssertTest {
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  private final MovableClock clock = new MovableClock();
  private final RecordingNotifier notifications = new RecordingNotifier();
  private Notifications notify;

  @BeforeEach
  void start() {
    notify =
        Notifications.builder(new SimpleMeterRegistry())
            .clock(clock)
            .backgroundTicks(false)
            .receiver(Receiver.of("telegram", notifications))
            .receiver(Receiver.of("email", notifications))
            .route(
                Route.builder("critical")
                    .match("severity=critical")
                    .receivers("telegram", "email")
                    .groupWait(Duration.ZERO)
                    .build())
            .build();
  }

  @AfterEach
  void stop() {
    notify.close();
  }

  private static Alert alert(AlertState state) {
    return new Alert(
        "HighErrorRate",
        Map.of("alertname", "HighErrorRate", "severity", "critical"),
        Map.of("summary", "5% of requests fail"),
        state,
        0.05,
        T0,
        T0,
        state == AlertState.RESOLVED ? T0.plusSeconds(60) : null);
  }

  private void fireThenResolve() {
    notify.onAlerts(T0, List.of(alert(AlertState.FIRING)));
    notify.tick();
    clock.now = T0.plus(Duration.ofMinutes(5));
    notify.onAlerts(clock.now, List.of(alert(AlertState.RESOLVED)));
    notify.tick();
  }

  @Test
  void countsPerRuleReceiverAndState() {
    fireThenResolve();

    assertThat(notifications).sent("HighErrorRate").to("telegram").times(2);
    assertThat(notifications).sent("HighErrorRate").firing().to("telegram").times(1);
    assertThat(notifications).sent("HighErrorRate").resolved().to("email").times(1);
    assertThat(notifications).sent("DiskFull").none();
    assertThat(notifications).hasSent(4);
  }

  @Test
  void payloadOfTheSingleNotificationIsAvailable() {
    fireThenResolve();

    Notification resolved =
        assertThat(notifications).sent("HighErrorRate").resolved().to("telegram").times(1).single();

    assertThat(resolved.title()).isEqualTo("[RESOLVED] HighErrorRate");
    assertThat(resolved.text())
        .isEqualTo(
            "RESOLVED HighErrorRate {severity=\"critical\"} value=0.05: 5% of requests fail");
  }

  @Test
  void wrongCountListsWhatWasSent() {
    notify.onAlerts(T0, List.of(alert(AlertState.FIRING)));
    notify.tick();
    assertThat(notifications).hasSent(2);

    assertThatThrownBy(
            () ->
                assertThat(notifications)
                    .within(Duration.ofMillis(50))
                    .sent("HighErrorRate")
                    .to("telegram")
                    .times(2))
        .isInstanceOf(AssertionError.class)
        // The two receivers deliver on their own threads, so the listing's order may vary.
        .hasMessageStartingWith(
            String.format(
                "Expected 2 notifications of HighErrorRate to telegram within PT0.05S, but found 1"
                    + " among:%n"))
        .hasMessageContaining("  to telegram at 2026-03-02T00:00:00Z: [FIRING:1] HighErrorRate")
        .hasMessageContaining("  to email at 2026-03-02T00:00:00Z: [FIRING:1] HighErrorRate");
    assertThatThrownBy(() -> assertThat(notifications).sent("HighErrorRate").none())
        .hasMessageStartingWith("Expected no notifications of HighErrorRate, but found 2 among:");
  }

  /** A clock the test moves by assigning {@link #now}. */
  private static final class MovableClock extends Clock {
    volatile Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
