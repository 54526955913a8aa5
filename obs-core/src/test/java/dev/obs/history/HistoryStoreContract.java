package dev.obs.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.obs.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link HistoryStore} does, run against each of them. */
abstract class HistoryStoreContract {
  static final Instant T0 = Instant.parse("2026-03-01T23:58:00Z");

  abstract HistoryStore store();

  static RouteMinute row(Instant minute, String route, long fast, long slow, long errors) {
    LatencyHistogram h = LatencyHistogram.of(new double[] {0.01, 0.5}, new long[] {fast, slow, 0});
    return RouteMinute.of(minute, route, fast + slow, errors, fast * 0.005 + slow * 0.3, h);
  }

  @Test
  void routeRowsRoundTripAndRowsForAStoredMinuteAreMerged() {
    HistoryStore store = store();
    RouteMinute a = row(T0, "/a", 8, 2, 1);
    store.write(List.of(a, row(T0, "*", 8, 2, 1)), List.of());
    store.write(List.of(row(T0, "/a", 2, 0, 0), row(T0.plusSeconds(60), "/a", 1, 0, 0)), List.of());

    List<RouteMinute> rows = store.routes(T0, T0.plusSeconds(120), "/a");
    assertThat(rows).hasSize(2);
    RouteMinute merged = rows.get(0);
    assertThat(merged.requests()).isEqualTo(12);
    assertThat(merged.errors()).isEqualTo(1);
    assertThat(merged.histogram().counts()).containsExactly(10L, 2L, 0L);
    assertThat(merged.p50()).isEqualTo(merged.histogram().quantile(0.5));
    assertThat(store.routes(T0, T0.plusSeconds(60), null))
        .extracting(RouteMinute::route)
        .containsExactly("*", "/a");
    assertThat(store.routeTotals(T0, T0.plusSeconds(120)))
        .extracting(RouteTotals::route, RouteTotals::requests, RouteTotals::errors)
        .containsExactly(tuple("/a", 13L, 1L));
  }

  @Test
  void aQuantileOfAnEmptyMinuteIsStoredAsMissing() {
    HistoryStore store = store();
    RouteMinute empty = RouteMinute.of(T0, "/idle", 0, 0, 0, LatencyHistogram.empty());
    store.write(List.of(empty), List.of());
    RouteMinute read = store.routes(T0, T0.plusSeconds(60), "/idle").get(0);
    assertThat(read.p95()).isNaN();
    assertThat(read.histogram()).isEqualTo(LatencyHistogram.empty());
  }

  @Test
  void checkRowsReplaceTheSameMinuteAndCountPerUtcDay() {
    HistoryStore store = store();
    store.write(
        List.of(),
        List.of(
            new CheckMinute(T0, "db", HealthStatus.DOWN),
            new CheckMinute(T0.plusSeconds(60), "db", HealthStatus.UP),
            new CheckMinute(T0.plusSeconds(120), "db", HealthStatus.DEGRADED),
            new CheckMinute(T0.plusSeconds(180), "db", HealthStatus.UP),
            new CheckMinute(T0, "api", HealthStatus.UP)));
    store.write(List.of(), List.of(new CheckMinute(T0, "db", HealthStatus.UP)));

    assertThat(store.checks(T0, T0.plusSeconds(60), "db"))
        .extracting(CheckMinute::status)
        .containsExactly(HealthStatus.UP);
    assertThat(store.dailyUptime(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1))))
        .containsExactly(
            new DailyUptime("api", LocalDate.parse("2026-03-01"), 1, 0, 0),
            new DailyUptime("db", LocalDate.parse("2026-03-01"), 2, 0, 0),
            new DailyUptime("db", LocalDate.parse("2026-03-02"), 1, 1, 0));
  }

  @Test
  void incidentsRoundTripWithEveryUpdateInOrder() {
    HistoryStore store = store();
    Incident open =
        new Incident(
            "i1",
            "Slow pages",
            IncidentState.INVESTIGATING,
            T0,
            null,
            List.of(new IncidentUpdate(T0, IncidentState.INVESTIGATING, "Looking.")),
            "abc");
    store.save(open);
    Incident resolved =
        open.with(new IncidentUpdate(T0.plusSeconds(60), IncidentState.MONITORING, "Fix out."))
            .with(new IncidentUpdate(T0.plusSeconds(120), IncidentState.RESOLVED, "Done."));
    store.save(resolved);
    Incident other =
        new Incident(
            "i2",
            "Old",
            IncidentState.RESOLVED,
            T0.minus(Duration.ofDays(30)),
            T0.minus(Duration.ofDays(29)),
            List.of(new IncidentUpdate(T0.minus(Duration.ofDays(29)), IncidentState.RESOLVED, "x")),
            null);
    store.save(other);

    assertThat(store.incident("i1")).isEqualTo(resolved);
    assertThat(store.incident("missing")).isNull();
    assertThat(store.incidents(T0)).containsExactly(resolved);
    assertThat(store.incidents(T0.minus(Duration.ofDays(60)))).containsExactly(resolved, other);
  }

  @Test
  void purgeDeletesOldRowsAndIncidentsResolvedBeforeTheHorizon() {
    HistoryStore store = store();
    store.write(
        List.of(row(T0, "/a", 1, 0, 0), row(T0.plusSeconds(60), "/a", 1, 0, 0)),
        List.of(
            new CheckMinute(T0, "db", HealthStatus.UP),
            new CheckMinute(T0.plusSeconds(60), "db", HealthStatus.UP)));
    store.save(
        new Incident(
            "old",
            "Old",
            IncidentState.RESOLVED,
            T0.minusSeconds(600),
            T0.minusSeconds(300),
            List.of(new IncidentUpdate(T0.minusSeconds(300), IncidentState.RESOLVED, "x")),
            null));
    store.save(
        new Incident(
            "open",
            "Open",
            IncidentState.INVESTIGATING,
            T0.minusSeconds(600),
            null,
            List.of(new IncidentUpdate(T0.minusSeconds(600), IncidentState.INVESTIGATING, "y")),
            null));

    long deleted = store.purge(T0.plusSeconds(60));

    assertThat(deleted).isEqualTo(3);
    assertThat(store.routes(Instant.EPOCH, T0.plusSeconds(3600), null)).hasSize(1);
    assertThat(store.checks(Instant.EPOCH, T0.plusSeconds(3600), null)).hasSize(1);
    assertThat(store.incident("old")).isNull();
    assertThat(store.incident("open")).isNotNull();
  }
}
