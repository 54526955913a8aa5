package dev.obs.testkit;

import dev.obs.alerts.Alerts;
import dev.obs.health.HealthRegistry;
import dev.obs.health.HealthReport;
import dev.obs.health.HealthResult;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The entry point to obs's AssertJ assertions. Import it statically next to AssertJ's own {@code
 * Assertions}; the overloads on {@link MeterRegistry} and the health types do not clash with
 * theirs.
 *
 * <pre>{@code
 * import static dev.obs.testkit.ObsAssertions.assertThat;
 *
 * assertThat(registry)
 *     .timer("http.server.requests")
 *     .withTag("uri", "/users/{id}")
 *     .withTag("status", "404")
 *     .hasCount(1)
 *     .hasMax(Duration.ofMillis(12));
 *
 * assertThat(obs.health()).isDown().check("redis").isDown().hasMessageContaining("timed out");
 * }</pre>
 */
public final class ObsAssertions {
  private ObsAssertions() {}

  /**
   * Starts assertions on the meters of a registry.
   *
   * @param registry the registry, usually the one {@link ObsExtension} injects
   * @return an assert on the registry
   */
  public static MeterRegistryAssert assertThat(MeterRegistry registry) {
    return new MeterRegistryAssert(registry);
  }

  /**
   * Starts assertions on the health checks of a registry. The first assertion runs {@link
   * HealthRegistry#checkAll()} once; the rest of the chain asserts on that report.
   *
   * <pre>{@code
   * ControllableCheck redis = new ControllableCheck();
   * obs.health().register("redis", redis);
   * redis.hang();
   * assertThat(obs.health()).isDown().check("redis").isDown().hasMessageContaining("timed out");
   * }</pre>
   *
   * @param registry the registry, usually {@code obs.health()}
   * @return an assert on the registry's checks
   */
  public static HealthRegistryAssert assertThat(HealthRegistry registry) {
    return new HealthRegistryAssert(registry);
  }

  /**
   * Starts assertions on a health report, such as one returned by {@link
   * HealthRegistry#checkGroup(String)}.
   *
   * <pre>{@code
   * assertThat(obs.health().checkGroup(CheckOptions.READINESS)).isUp().hasCheck("db");
   * }</pre>
   *
   * @param report the report
   * @return an assert on the report
   */
  public static HealthReportAssert assertThat(HealthReport report) {
    return new HealthReportAssert(report, "health report", null);
  }

  /**
   * Starts assertions on one check's result, such as the result of a check called directly.
   *
   * <pre>{@code
   * assertThat(HealthChecks.tcp("localhost", port).check()).isUp().hasDetailKey("latency_ms");
   * }</pre>
   *
   * @param result the result
   * @return an assert on the result
   */
  public static HealthResultAssert assertThat(HealthResult result) {
    return new HealthResultAssert(result, "health result", null);
  }

  /**
   * Starts assertions on captured log events, formatted as obs's JSON lines.
   *
   * <pre>{@code
   * try (LogCapture logs = LogCapture.root()) {
   *   client.send(request);
   *   assertThat(logs).hasEventWith("request_id", id).withLevel("ERROR");
   * }
   * }</pre>
   *
   * @param logs the capture
   * @return an assert on the captured events
   */
  public static LogsAssert assertThat(LogCapture logs) {
    return new LogsAssert(logs);
  }

  /**
   * Starts assertions on the events a local Sentry endpoint received; they wait for events, which
   * the SDK sends asynchronously.
   *
   * <pre>{@code
   * assertThat(sentry).captured(IllegalStateException.class).withTag("org_id", "o1");
   * }</pre>
   *
   * @param sentry the endpoint
   * @return an assert on the received events
   */
  public static SentryAssert assertThat(SentryEndpoint sentry) {
    return new SentryAssert(sentry);
  }

  /**
   * Starts assertions on the spans a {@link SpanCapture} captured.
   *
   * <pre>{@code
   * assertThat(spans).hasServerSpan("GET /users/{id}").withAttribute("http.route", "/users/{id}");
   * }</pre>
   *
   * @param spans the capture
   * @return an assert on the captured spans
   */
  public static SpansAssert assertThat(SpanCapture spans) {
    return new SpansAssert(spans);
  }

  /**
   * Starts assertions on the alerts of an alert rules engine, as they stand after its last
   * evaluation.
   *
   * <pre>{@code
   * clock.advance(Duration.ofMinutes(5));
   * Alerting.of(obs).alerts().evaluateDue();
   * assertThat(Alerting.of(obs).alerts()).fired("HighErrorRate").withLabel("severity", "critical");
   * }</pre>
   *
   * @param alerts the engine, usually {@code Alerting.of(obs).alerts()}
   * @return an assert on its alerts
   */
  public static AlertsAssert assertThat(Alerts alerts) {
    return new AlertsAssert(alerts);
  }

  /**
   * Starts assertions on the notifications a {@link RecordingNotifier} received; counts wait for
   * the asynchronous deliveries.
   *
   * <pre>{@code
   * assertThat(notifications).sent("HighErrorRate").to("telegram").times(1);
   * }</pre>
   *
   * @param notifications the recorder
   * @return an assert on the received notifications
   */
  public static NotificationsAssert assertThat(RecordingNotifier notifications) {
    return new NotificationsAssert(notifications);
  }
}
