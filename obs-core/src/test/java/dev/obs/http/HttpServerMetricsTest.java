package dev.obs.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpServerMetricsTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final HttpServerMetrics http =
      new HttpServerMetrics(registry, HttpMetricsOptions.defaults());

  private Timer timer(String... tags) {
    return registry.get(HttpServerMetrics.REQUESTS).tags(tags).timer();
  }

  @Test
  void recordsTheSpringBootTagsWithTheRouteTemplate() {
    http.record(new HttpExchange("GET", "/users/{id}", "/users/7", 200, 3_000_000, null, "r1"));
    http.record(new HttpExchange("GET", "/users/{id}", "/users/8", 200, 5_000_000, null, "r2"));

    Timer timer =
        timer(
            "method",
            "GET",
            "uri",
            "/users/{id}",
            "status",
            "200",
            "outcome",
            "SUCCESS",
            "exception",
            "none");
    assertThat(timer.count()).isEqualTo(2);
    assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(8.0);
    assertThat(timer.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(5.0);
  }

  @Test
  void exceptionIsTaggedWithItsSimpleClassName() {
    http.record("POST", "/orders", "/orders", 500, 1_000, new IllegalStateException("boom"));

    assertThat(
            timer(
                    "uri",
                    "/orders",
                    "exception",
                    "IllegalStateException",
                    "outcome",
                    "SERVER_ERROR",
                    "status",
                    "500")
                .count())
        .isEqualTo(1);
  }

  @Test
  void anonymousExceptionClassFallsBackToItsBinaryName() {
    RuntimeException anonymous = new RuntimeException() {};
    http.record("GET", "/x", "/x", 500, 1_000, anonymous);

    assertThat(timer("exception", anonymous.getClass().getName()).count()).isEqualTo(1);
  }

  @Test
  void unmatchedRequestsCollapseLikeSpringDoes() {
    http.record("GET", null, "/wp-admin/setup.php", 404, 1_000, null);
    http.record("GET", null, "/old", 301, 1_000, null);
    http.record("GET", null, "/", 200, 1_000, null);

    assertThat(timer("uri", "NOT_FOUND", "status", "404", "outcome", "CLIENT_ERROR").count())
        .isEqualTo(1);
    assertThat(timer("uri", "REDIRECTION", "status", "301", "outcome", "REDIRECTION").count())
        .isEqualTo(1);
    assertThat(timer("uri", "root").count()).isEqualTo(1);
  }

  @Test
  void unknownRoutesAreNormalisedByTheirIdentifierSegments() {
    http.record(
        "GET", null, "/users/123/orders/550e8400-e29b-41d4-a716-446655440000", 200, 1, null);
    http.record("GET", null, "/users/9/orders/123e4567-e89b-12d3-a456-426614174000", 200, 1, null);

    assertThat(timer("uri", "/users/{id}/orders/{id}").count()).isEqualTo(2);
  }

  @Test
  void unknownMethodsAreTaggedOther() {
    http.record("PROPFIND", "/dav", "/dav", 207, 1, null);
    http.record("get", "/dav", "/dav", 200, 1, null);

    assertThat(timer("uri", "/dav", "method", "OTHER", "status", "207").count()).isEqualTo(1);
    assertThat(timer("uri", "/dav", "method", "OTHER", "status", "200").count()).isEqualTo(1);
  }

  @Test
  void publishesHistogramBucketsFromFiveMillisecondsToTenSecondsWithoutPercentiles() {
    http.record("GET", "/a", "/a", 200, Duration.ofMillis(30).toNanos(), null);

    Timer timer = timer("uri", "/a");
    double[] bounds =
        Arrays.stream(timer.takeSnapshot().histogramCounts())
            .mapToDouble(c -> c.bucket(java.util.concurrent.TimeUnit.SECONDS))
            .toArray();
    assertThat(bounds)
        .containsExactly(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10);
    CountAtBucket le50ms = timer.takeSnapshot().histogramCounts()[3];
    assertThat(le50ms.count()).isEqualTo(1);
    assertThat(timer.takeSnapshot().histogramCounts()[2].count()).isZero();
    assertThat(timer.takeSnapshot().percentileValues()).isEmpty();
  }

  @Test
  void configuredPercentilesArePublished() {
    HttpServerMetrics withPercentiles =
        new HttpServerMetrics(
            registry,
            HttpMetricsOptions.builder().percentiles(java.util.List.of(0.5, 0.95)).build());
    withPercentiles.record("GET", "/p", "/p", 200, 1_000_000, null);

    assertThat(timer("uri", "/p").takeSnapshot().percentileValues()).hasSize(2);
  }

  @Test
  void onlyServerErrorsCountAsErrorsByDefault() {
    http.record("GET", "/a", "/a", 500, 1, null);
    http.record("GET", "/a", "/a", 503, 1, null);
    http.record("GET", null, "/missing", 404, 1, null);
    http.record("GET", "/a", "/a", 429, 1, null);
    http.record("GET", "/a", "/a", 200, 1, null);

    double errors =
        registry.find(HttpServerMetrics.ERRORS).counters().stream()
            .mapToDouble(Counter::count)
            .sum();
    assertThat(errors).isEqualTo(2);
    assertThat(registry.get(HttpServerMetrics.ERRORS).tags("status", "503").counter().count())
        .isEqualTo(1);
  }

  @Test
  void errorStatusesAreConfigurable() {
    HttpServerMetrics custom =
        new HttpServerMetrics(
            registry, HttpMetricsOptions.builder().errorStatuses("500-502,429").build());
    custom.record("GET", "/a", "/a", 503, 1, null);
    custom.record("GET", "/a", "/a", 429, 1, null);
    custom.record("GET", "/a", "/a", 502, 1, null);

    assertThat(
            registry.find(HttpServerMetrics.ERRORS).counters().stream()
                .map(c -> c.getId().getTag("status"))
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("429", "502");
  }

  @Test
  void obsEndpointsAndExcludedPathsAreNotRecorded() {
    HttpServerMetrics custom =
        new HttpServerMetrics(
            registry, HttpMetricsOptions.builder().exclude("/internal/**", "/assets/*.js").build());
    for (String path :
        new String[] {
          "/metrics",
          "/livez",
          "/readyz",
          "/healthz",
          "/status",
          "/obs/admin/silences",
          "/internal",
          "/internal/x/y",
          "/assets/app.js"
        }) {
      custom.record("GET", null, path, 200, 1, null);
    }
    custom.record("GET", null, "/assets/deep/app.js", 200, 1, null);

    assertThat(registry.find(HttpServerMetrics.REQUESTS).timers())
        .extracting(t -> t.getId().getTag("uri"))
        .containsExactly("/assets/deep/app.js");
  }

  @Test
  void obsEndpointsAreRecordedWhenAskedTo() {
    HttpServerMetrics custom =
        new HttpServerMetrics(
            registry, HttpMetricsOptions.builder().recordObsEndpoints(true).build());
    custom.record("GET", null, "/metrics", 200, 1, null);

    assertThat(timer("uri", "/metrics").count()).isEqualTo(1);
  }

  @Test
  void aHundredThousandRandomPathsStayWithinTheUriCap() {
    Random random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder path = new StringBuilder("/");
      for (int j = 0; j < 8; j++) {
        path.append((char) ('a' + random.nextInt(26)));
      }
      http.record("GET", null, path.toString(), 200, 1_000, null);
    }

    Set<String> uris =
        registry.find(HttpServerMetrics.REQUESTS).timers().stream()
            .map(t -> t.getId().getTag("uri"))
            .collect(Collectors.toSet());
    assertThat(uris).hasSize(HttpMetricsOptions.DEFAULT_URI_CAP + 1).contains("OTHER");
    assertThat(http.distinctUris()).isEqualTo(HttpMetricsOptions.DEFAULT_URI_CAP);
    // SimpleMeterRegistry publishes each histogram bucket as a gauge: one timer and its 14
    // bucket gauges per uri value, and nothing that grows with the number of paths.
    Set<String> uriValuesOfAllMeters =
        registry.getMeters().stream()
            .map(m -> m.getId().getTag("uri"))
            .filter(java.util.Objects::nonNull)
            .collect(Collectors.toSet());
    assertThat(uriValuesOfAllMeters).hasSize(HttpMetricsOptions.DEFAULT_URI_CAP + 1);
    assertThat(registry.getMeters())
        .hasSizeLessThanOrEqualTo((HttpMetricsOptions.DEFAULT_URI_CAP + 1) * 15 + 1);
    long total =
        registry.find(HttpServerMetrics.REQUESTS).timers().stream().mapToLong(Timer::count).sum();
    assertThat(total).isEqualTo(100_000);
    assertThat(timer("uri", "OTHER").count())
        .isEqualTo(100_000 - HttpMetricsOptions.DEFAULT_URI_CAP);
  }

  @Test
  void aFailingRegistryIsCountedInsteadOfThrown() {
    MeterRegistry rejecting = new SimpleMeterRegistry();
    rejecting
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                if (id.getName().equals(HttpServerMetrics.REQUESTS)) {
                  throw new IllegalStateException("registry rejects the meter");
                }
                return id;
              }
            });

    HttpServerMetrics failing = new HttpServerMetrics(rejecting, HttpMetricsOptions.defaults());
    failing.record("GET", "/a", "/a", 200, 1, null);
    failing.record("GET", "/a", "/a", 200, 1, null);

    assertThat(rejecting.get("obs.internal.failures").tag("component", "http").counter().count())
        .isEqualTo(2);
  }

  @Test
  void negativeDurationsAreRecordedAsZero() {
    http.record("GET", "/a", "/a", 200, -5, null);

    assertThat(timer("uri", "/a").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isZero();
  }
}
