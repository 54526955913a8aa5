package dev.obs.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(6, Duration.ofSeconds(1), Duration.ofSeconds(10));

  @Test
  void delayDoublesUpToTheCap() {
    assertThat(backoff.delay(1, () -> 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(2, () -> 0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(3, () -> 0)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delay(4, () -> 0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.delay(5, () -> 0)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.delay(50, () -> 0)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void jitterAddsUpToAQuarter() {
    assertThat(backoff.delay(2, () -> 0.5)).isEqualTo(Duration.ofMillis(2250));
    assertThat(backoff.maxDelay(2)).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThatThrownBy(() -> new Backoff(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessage("max attempts must be at least 1, got 0");
    assertThatThrownBy(() -> new Backoff(3, Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .hasMessage("backoff must be positive with max >= initial, got PT5S and PT1S");
  }
}
