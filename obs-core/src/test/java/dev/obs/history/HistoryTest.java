package dev.obs.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HistoryTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:30Z");

  private final ManualClock clock = new ManualClock(START);
  // The registry's own clock never moves, so its histograms never rotate during a test.
  private final SimpleMeterRegistry registry =
      new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());
  private final Obs obs =
      Obs.builder().meterRegistry(registry).clock(clock).jvmMetrics(false).build();
  private final AtomicReference<HealthResult> db = new AtomicReference<>(HealthResult.up());
  private History history;

  private History history() {
    obs.health()
        .register(
            "db",
            db::get,
            CheckOptions.builder().publicTitle("Database").cacheTtl(Duration.ZERO).build());
    obs.health().register("internal", HealthResult::up);
    history =
        History.builder(obs.meterRegistry(), obs.health(), obs.clock(), obs.config())
            .backgroundSampling(false)
            .build();
    return history;
  }

  @AfterEach
  void close() {
    if (history != null) {
      history.close();
    }
    obs.close();
  }

  private void requests(String route, int count, long millis, int status) {
    for (int i = 0; i < count; i++) {
      obs.http().record("GET", route, route, status, millis * 1_000_000, null);
    }
  }

  @Test
  void aMinuteOfTrafficBecomesOneRowPerRouteAndOneForAllRoutes() {
    History h = history().start();
    requests("/users/{id}", 90, 8, 200);
    requests("/users/{id}", 10, 400, 500);
    requests("/health", 50, 1, 200);
    clock.advance(Duration.ofSeconds(31));

    h.tick();

    Instant minute = Instant.parse("2026-03-01T10:00:00Z");
    List<RouteMinute> rows = h.store().routes(minute, minute.plusSeconds(60), null);
    assertThat(rows).extracting(RouteMinute::route).containsExactly("*", "/health", "/users/{id}");
    RouteMinute users = rows.get(2);
    assertThat(users.minute()).isEqualTo(minute);
    assertThat(users.requests()).isEqualTo(100);
    assertThat(users.errors()).isEqualTo(10);
    assertThat(users.sumSeconds()).isCloseTo(90 * 0.008 + 10 * 0.4, within(1e-6));
    // 90 requests in the (5 ms, 10 ms] bucket and 10 in (250 ms, 500 ms].
    assertThat(users.p50()).isCloseTo(0.005 + 0.005 * (50.0 / 90), within(1e-9));
    assertThat(users.p95()).isCloseTo(0.25 + 0.25 * (5.0 / 10), within(1e-9));
    assertThat(users.p99()).isCloseTo(0.25 + 0.25 * (9.0 / 10), within(1e-9));
    RouteMinute all = rows.get(0);
    assertThat(all.requests()).isEqualTo(150);
    assertThat(all.errors()).isEqualTo(10);
    assertThat(all.histogram().total()).isEqualTo(150);
  }

  @Test
  void eachMinuteHoldsOnlyTheTrafficSinceThePreviousSample() {
    History h = history().start();
    requests("/a", 3, 2, 200);
    clock.advance(Duration.ofSeconds(30));
    h.tick();
    requests("/a", 5, 2, 200);
    clock.advance(Duration.ofMinutes(1));
    h.tick();
    clock.advance(Duration.ofMinutes(1));
    h.tick();

    List<RouteMinute> rows = h.store().routes(START.minusSeconds(3600), clock.instant(), "/a");
    assertThat(rows).extracting(RouteMinute::requests).containsExactly(3L, 5L);
    assertThat(rows.get(1).minute()).isEqualTo(Instant.parse("2026-03-01T10:01:00Z"));
  }

  @Test
  void trafficBeforeStartIsNotCountedInTheFirstMinute() {
    History h = history();
    requests("/a", 7, 2, 200);
    h.start();
    requests("/a", 2, 2, 200);
    clock.advance(Duration.ofMinutes(1));
    h.tick();

    assertThat(h.store().routes(START.minusSeconds(60), clock.instant(), "/a"))
        .extracting(RouteMinute::requests)
        .containsExactly(2L);
  }

  @Test
  void everyCheckAndTheOverallStatusAreSampledEachMinute() {
    History h = history().start();
    clock.advance(Duration.ofMinutes(1));
    h.tick();
    db.set(HealthResult.down("refused"));
    clock.advance(Duration.ofMinutes(1));
    h.tick();

    List<CheckMinute> rows = h.store().checks(START.minusSeconds(60), clock.instant(), null);
    assertThat(rows)
        .extracting(CheckMinute::check, CheckMinute::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("*", HealthStatus.UP),
            org.assertj.core.groups.Tuple.tuple("db", HealthStatus.UP),
            org.assertj.core.groups.Tuple.tuple("internal", HealthStatus.UP),
            org.assertj.core.groups.Tuple.tuple("*", HealthStatus.DOWN),
            org.assertj.core.groups.Tuple.tuple("db", HealthStatus.DOWN),
            org.assertj.core.groups.Tuple.tuple("internal", HealthStatus.UP));
  }

  @Test
  void theSummaryCoversTheWindowWithUptimeErrorsLatencyAndSlowestRoutes() {
    History h = history().start();
    requests("/fast", 100, 1, 200);
    requests("/slow", 8, 700, 200);
    requests("/slow", 2, 700, 503);
    clock.advance(Duration.ofMinutes(1));
    h.tick();
    db.set(HealthResult.down("refused"));
    clock.advance(Duration.ofMinutes(1));
    h.tick();
    db.set(HealthResult.up());
    clock.advance(Duration.ofMinutes(1));
    h.tick();
    clock.advance(Duration.ofMinutes(1));
    h.tick();

    Summary s = h.summary(Duration.ofHours(24));

    assertThat(s.uptimePercent()).isEqualTo(75.0);
    assertThat(s.requests()).isEqualTo(110);
    assertThat(s.errors()).isEqualTo(2);
    assertThat(s.errorRate()).isCloseTo(2.0 / 110, within(1e-12));
    assertThat(s.averageSeconds()).isCloseTo((100 * 0.001 + 10 * 0.7) / 110, within(1e-6));
    assertThat(s.slowestRoutes())
        .extracting(Summary.RouteSummary::route)
        .containsExactly("/slow", "/fast");
    assertThat(s.slowestRoutes().get(0).errorRate()).isEqualTo(0.2);
    assertThat(s.slowestRoutes().get(0).p95Seconds()).isBetween(0.5, 0.75);
  }

  @Test
  void aSeriesHasOnePointPerStepWithNaNForEmptySteps() {
    History h = history().start();
    requests("/a", 4, 2, 200);
    clock.advance(Duration.ofMinutes(1));
    h.tick();
    clock.advance(Duration.ofMinutes(5));
    requests("/a", 6, 2, 500);
    clock.advance(Duration.ofMinutes(1));
    h.tick();

    Instant from = Instant.parse("2026-03-01T10:00:00Z");
    List<SeriesPoint> requests =
        h.series(
            SeriesMetric.REQUESTS,
            "/a",
            from,
            from.plus(Duration.ofMinutes(10)),
            Duration.ofMinutes(5));
    assertThat(requests).extracting(SeriesPoint::value).containsExactly(4.0, 6.0);
    List<SeriesPoint> errorRate =
        h.series(
            SeriesMetric.ERROR_RATE,
            null,
            from,
            from.plus(Duration.ofMinutes(3)),
            Duration.ofMinutes(1));
    assertThat(errorRate)
        .extracting(SeriesPoint::value)
        .containsExactly(0.0, Double.NaN, Double.NaN);
    assertThatThrownBy(() -> h.series(SeriesMetric.P95, null, from, from, Duration.ofMinutes(1)))
        .hasMessage("to must be after from, got 2026-03-01T10:00:00Z and 2026-03-01T10:00:00Z");
    assertThatThrownBy(
            () ->
                h.series(
                    SeriesMetric.P95, null, from, from.plusSeconds(600), Duration.ofSeconds(10)))
        .hasMessage("step must be at least 1m, got PT10S");
  }

  @Test
  void theSnapshotShowsOnlyPublicComponentsWithNinetyDailyBars() {
    History h = history().start();
    clock.advance(Duration.ofMinutes(1));
    h.tick();

    StatusSnapshot s = h.snapshot();

    assertThat(s.components()).extracting(ComponentHistory::title).containsExactly("Database");
    ComponentHistory db = s.components().get(0);
    assertThat(db.days()).hasSize(90);
    assertThat(db.days().get(89).day()).isEqualTo(java.time.LocalDate.parse("2026-03-01"));
    assertThat(db.days().get(89).up()).isEqualTo(1);
    assertThat(db.days().get(0).sampled()).isZero();
    assertThat(db.uptimePercent()).isEqualTo(100.0);
    assertThat(s.latency24h()).hasSize(96);
    assertThat(s.latency7d()).hasSize(168);
  }

  @Test
  void incidentsKeepEveryUpdateWithItsTimeAndShowOnTheSnapshot() {
    History h = history().start();
    h.snapshot();
    Incident opened =
        h.openIncident("Slow checkout", IncidentState.INVESTIGATING, "Looking into it.");
    clock.advance(Duration.ofMinutes(10));
    h.updateIncident(opened.id(), IncidentState.IDENTIFIED, "A slow query.");
    clock.advance(Duration.ofMinutes(10));
    Incident resolved = h.updateIncident(opened.id(), IncidentState.RESOLVED, "Fixed.");

    assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(resolved.resolvedAt()).isEqualTo(START.plus(Duration.ofMinutes(20)));
    assertThat(resolved.updates())
        .extracting(IncidentUpdate::at, IncidentUpdate::state, IncidentUpdate::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                START, IncidentState.INVESTIGATING, "Looking into it."),
            org.assertj.core.groups.Tuple.tuple(
                START.plus(Duration.ofMinutes(10)), IncidentState.IDENTIFIED, "A slow query."),
            org.assertj.core.groups.Tuple.tuple(
                START.plus(Duration.ofMinutes(20)), IncidentState.RESOLVED, "Fixed."));
    assertThat(h.snapshot().incidents()).containsExactly(resolved);
    assertThatThrownBy(() -> h.updateIncident("nope", IncidentState.RESOLVED, "x"))
        .hasMessage("no incident with id 'nope'");
    assertThatThrownBy(() -> h.openIncident(" ", IncidentState.INVESTIGATING, "x"))
        .hasMessage("title must not be blank");
  }

  @Test
  void purgeOverAHundredSimulatedDaysKeepsOnlyTheRetention() {
    History h = history().start();
    Incident old = h.openIncident("Old outage", IncidentState.INVESTIGATING, "Down.");
    h.updateIncident(old.id(), IncidentState.RESOLVED, "Up again.");
    // Four samples a day for 100 days, with one request each time.
    for (int i = 0; i < 400; i++) {
      requests("/a", 1, 2, 200);
      clock.advance(Duration.ofHours(6));
      h.tick();
    }

    Instant now = clock.instant();
    Instant horizon = now.minus(Duration.ofDays(90));
    List<RouteMinute> rows = h.store().routes(Instant.EPOCH, now, "/a");
    assertThat(rows).isNotEmpty();
    assertThat(rows.get(0).minute()).isAfterOrEqualTo(horizon.minus(Duration.ofHours(1)));
    assertThat(rows).hasSizeBetween(359, 361);
    assertThat(h.store().checks(Instant.EPOCH, horizon.minus(Duration.ofHours(1)), null)).isEmpty();
    assertThat(h.store().incident(old.id())).isNull();
    assertThat(h.snapshot().components().get(0).days())
        .allSatisfy(d -> assertThat(d.sampled()).isPositive());
  }

  @Test
  void invalidConfigurationNamesTheKeyAndWhatIsAccepted() {
    // Obs builds its own history, so the invalid value fails when Obs is built.
    assertThatThrownBy(
            () ->
                Obs.builder()
                    .jvmMetrics(false)
                    .config(ObsConfig.of(Map.of("obs.history.retention", "2h")))
                    .build())
        .isInstanceOf(ObsConfigException.class)
        .hasMessage("obs.history.retention must be at least 1d, like 90d, got '2h'");
    assertThatThrownBy(
            () ->
                Obs.builder()
                    .jvmMetrics(false)
                    .config(ObsConfig.of(Map.of("obs.history.schema", "obs; drop table x")))
                    .build())
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.history.schema must be a plain SQL identifier like obs_history,"
                + " got 'obs; drop table x'");
    assertThatThrownBy(
            () ->
                Obs.builder()
                    .jvmMetrics(false)
                    .config(ObsConfig.of(Map.of("obs.history.jdbc.url", "postgres://x")))
                    .build())
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.history.jdbc.url must be a JDBC URL like jdbc:postgresql://host/db,"
                + " got 'postgres://x'");
  }
}
