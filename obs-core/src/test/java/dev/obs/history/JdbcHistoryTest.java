package dev.obs.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthResult;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** History end to end on a real database: restarts keep it, the purge job bounds it. */
class JdbcHistoryTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:30Z"));
  private final List<AutoCloseable> open = new ArrayList<>();
  private DataSource dataSource;
  private String schema;

  private DataSource database(String kind) {
    if (dataSource == null) {
      dataSource = kind.equals("postgres") ? Databases.postgres() : Databases.h2();
      schema = Databases.schemaName();
    }
    return dataSource;
  }

  /** One application process: a fresh registry, health checks and history on the database. */
  private History process(String kind) {
    Obs obs =
        Obs.builder()
            .meterRegistry(new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock()))
            .clock(clock)
            .jvmMetrics(false)
            .build();
    obs.health()
        .register("db", HealthResult::up, CheckOptions.builder().publicTitle("Database").build());
    History history =
        History.builder(obs.meterRegistry(), obs.health(), obs.clock(), obs.config())
            .store(HistoryStore.jdbc(database(kind), schema))
            .backgroundSampling(false)
            .build()
            .start();
    open.add(history);
    open.add(obs);
    return history;
  }

  private static void requests(History h, Obs obs, int n) {
    for (int i = 0; i < n; i++) {
      obs.http().record("GET", "/orders", "/orders", 200, 3_000_000, null);
    }
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (dataSource != null) {
      Databases.dropSchema(dataSource, schema);
    }
  }

  private Obs obsOf(History h) {
    return (Obs) open.get(open.indexOf(h) + 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void aRestartKeepsRowsIncidentsAndTheSummary(String kind) throws Exception {
    History first = process(kind);
    requests(first, obsOf(first), 5);
    clock.advance(Duration.ofMinutes(1));
    first.tick();
    Incident incident =
        first.openIncident("Checkout errors", IncidentState.IDENTIFIED, "Payment provider down.");
    first.close();
    obsOf(first).close();

    clock.advance(Duration.ofMinutes(5));
    History second = process(kind);
    requests(second, obsOf(second), 3);
    clock.advance(Duration.ofMinutes(1));
    second.tick();

    Summary summary = second.summary(Duration.ofHours(1));
    assertThat(summary.requests()).isEqualTo(8);
    assertThat(summary.uptimePercent()).isEqualTo(100.0);
    assertThat(second.incidents(Duration.ofDays(1))).containsExactly(incident);
    assertThat(second.snapshot().incidents()).containsExactly(incident);
    assertThat(second.snapshot().components().get(0).days().get(89).up()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void purgeOverAHundredSimulatedDaysKeepsNinetyDays(String kind) {
    History h = process(kind);
    Obs obs = obsOf(h);
    Incident early = h.openIncident("Early", IncidentState.INVESTIGATING, "Down.");
    h.updateIncident(early.id(), IncidentState.RESOLVED, "Up.");
    // A sample every four days keeps the run short on a real database (each sample is several
    // round trips); the purge runs at each of them.
    for (int i = 0; i < 25; i++) {
      requests(h, obs, 1);
      clock.advance(Duration.ofDays(4));
      h.tick();
    }

    Instant now = clock.instant();
    Instant horizon = now.minus(Duration.ofDays(90));
    List<RouteMinute> rows = h.store().routes(Instant.EPOCH, now, "/orders");
    assertThat(rows.get(0).minute()).isAfterOrEqualTo(horizon.minus(Duration.ofHours(1)));
    assertThat(rows).hasSize(23);
    assertThat(h.store().checks(Instant.EPOCH, horizon.minus(Duration.ofHours(1)), null)).isEmpty();
    assertThat(h.store().incident(early.id())).isNull();
    assertThat(h.purge()).isZero();
  }
}
