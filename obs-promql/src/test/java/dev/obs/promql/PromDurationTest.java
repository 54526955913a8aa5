package dev.obs.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromDurationTest {

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({
    "PT2160H, 90d",
    "PT336H, 2w",
    "PT1H30M, 1h30m",
    "PT0.5S, 500ms",
    "PT0S, 0s",
    "PT8760H, 1y",
    "PT17520H, 2y",
    "PT8928H, 372d",
    "PT169H, 7d1h",
    "PT1M0.001S, 1m1ms",
  })
  void printsTheLargestUnitsAsPrometheusDoesAndParsesBack(Duration duration, String text) {
    assertThat(PromDuration.format(duration)).isEqualTo(text);
    assertThat(PromDuration.parse(text)).isEqualTo(duration);
  }

  @Test
  void parsesEveryUnitInOrderAndABareZero() {
    assertThat(PromDuration.parse("1y2w3d4h5m6s7ms"))
        .isEqualTo(
            Duration.ofDays(365 + 14 + 3).plusHours(4).plusMinutes(5).plusSeconds(6).plusMillis(7));
    assertThat(PromDuration.parse("0")).isZero();
    assertThat(PromDuration.parse("5ms")).isEqualTo(Duration.ofMillis(5));
    assertThat(PromDuration.parse("90d")).isEqualTo(Duration.ofDays(90));
    assertThat(PromDuration.format(PromDuration.parse("12w6d"))).isEqualTo("90d");
  }

  @Test
  void dropsWhatIsBelowAMillisecond() {
    assertThat(PromDuration.format(Duration.ofNanos(1_999_999))).isEqualTo("1ms");
    assertThat(PromDuration.format(Duration.ofNanos(999_999))).isEqualTo("0s");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "5, not a valid duration string: \"5\"",
    "5x, not a valid duration string: \"5x\"",
    "1m1h, not a valid duration string: \"1m1h\"",
    "1h1h, not a valid duration string: \"1h1h\"",
    "5mm, not a valid duration string: \"5mm\"",
    "1.5h, not a valid duration string: \"1.5h\"",
    "-5m, not a valid duration string: \"-5m\"",
    "h, not a valid duration string: \"h\"",
    "' 5m', not a valid duration string: \" 5m\"",
    "293y, duration out of range",
    "99999999999999999999s, duration out of range",
  })
  void rejectsWhatPrometheusRejectsWithItsMessage(String text, String message) {
    assertThatThrownBy(() -> PromDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void emptyAndNegativeDurationsAreRefused() {
    assertThatThrownBy(() -> PromDuration.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty duration string");
    assertThatThrownBy(() -> PromDuration.format(Duration.ofMinutes(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a Prometheus duration must not be negative, got PT-5M");
  }

  @Test
  void theLongestDurationPrometheusHoldsParses() {
    assertThat(PromDuration.parse("292y")).isEqualTo(Duration.ofDays(292 * 365));
  }
}
