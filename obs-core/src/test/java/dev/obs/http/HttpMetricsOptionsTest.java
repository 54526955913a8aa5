package dev.obs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpMetricsOptionsTest {

  @Test
  void defaultsMatchTheDocumentation() {
    HttpMetricsOptions options = HttpMetricsOptions.defaults();

    assertThat(options.enabled()).isTrue();
    assertThat(options.uriCap()).isEqualTo(500);
    assertThat(options.buckets()).first().isEqualTo(Duration.ofMillis(5));
    assertThat(options.buckets()).last().isEqualTo(Duration.ofSeconds(10));
    assertThat(options.percentiles()).isEmpty();
    assertThat(options.isError(500)).isTrue();
    assertThat(options.isError(599)).isTrue();
    assertThat(options.isError(404)).isFalse();
    assertThat(options.isError(429)).isFalse();
    assertThat(options.isExcluded("/metrics")).isTrue();
    assertThat(options.isExcluded("/metricsx")).isFalse();
  }

  @Test
  void readsEveryKeyFromConfiguration() {
    HttpMetricsOptions options =
        HttpMetricsOptions.fromConfig(
            ObsConfig.of(
                Map.of(
                    "obs.http.enabled", "false",
                    "obs.http.uri-cap", "50",
                    "obs.http.buckets", "1s,100ms",
                    "obs.http.percentiles", "0.5,0.99",
                    "obs.http.exclude", "/internal/**",
                    "obs.http.record-obs-endpoints", "true",
                    "obs.http.error-statuses", "5xx,429")));

    assertThat(options.enabled()).isFalse();
    assertThat(options.uriCap()).isEqualTo(50);
    assertThat(options.buckets()).containsExactly(Duration.ofMillis(100), Duration.ofSeconds(1));
    assertThat(options.percentiles()).containsExactly(0.5, 0.99);
    assertThat(options.isExcluded("/internal/a")).isTrue();
    assertThat(options.isExcluded("/metrics")).isFalse();
    assertThat(options.isError(429)).isTrue();
  }

  @Test
  void invalidValuesNameTheKeyAndWhatIsAccepted() {
    assertThatThrownBy(() -> fromConfig("obs.http.buckets", "50ms,fast"))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.http.buckets must be a list of positive durations like 50ms,250ms,1s (bad item"
                + " 'fast'), got '50ms,fast'");
    assertThatThrownBy(() -> fromConfig("obs.http.percentiles", "0.5,95"))
        .hasMessage(
            "obs.http.percentiles must be a list of numbers between 0 and 1 like 0.5,0.95,0.99"
                + " (bad item '95'), got '0.5,95'");
    assertThatThrownBy(() -> fromConfig("obs.http.exclude", "internal"))
        .hasMessage(
            "obs.http.exclude must be a list of path patterns starting with '/', like /internal/**"
                + " or /assets/*.js, got 'internal'");
    assertThatThrownBy(() -> fromConfig("obs.http.error-statuses", "5xx,teapot"))
        .hasMessage(
            "obs.http.error-statuses must be a list of status codes, ranges or classes like"
                + " 5xx,429 or 500-599 ('teapot' in '5xx,teapot' is not a status code from 100 to"
                + " 999), got '5xx,teapot'");
  }

  @Test
  void builderRejectsInvalidOptions() {
    assertThatThrownBy(() -> HttpMetricsOptions.builder().uriCap(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uriCap must be at least 1, got 0");
    assertThatThrownBy(
            () -> HttpMetricsOptions.builder().buckets(java.util.List.of(Duration.ZERO)).build())
        .hasMessage("buckets must be positive durations, got PT0S");
  }

  @Test
  void statusRangesAndClassesCombine() {
    HttpMetricsOptions options = HttpMetricsOptions.builder().errorStatuses("4xx, 500-502").build();

    assertThat(options.isError(404)).isTrue();
    assertThat(options.isError(502)).isTrue();
    assertThat(options.isError(503)).isFalse();
  }

  private static HttpMetricsOptions fromConfig(String key, String value) {
    return HttpMetricsOptions.fromConfig(ObsConfig.of(Map.of(key, value)));
  }
}
