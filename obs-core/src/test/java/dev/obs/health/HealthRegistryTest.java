package dev.obs.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRegistryTest {
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final HealthRegistry health =
      HealthRegistry.builder(meters).clock(clock).timeout(Duration.ofMillis(200)).build();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    health.close();
  }

  private HealthCheck hanging(AtomicInteger calls) {
    return () -> {
      calls.incrementAndGet();
      release.await();
      return HealthResult.up();
    };
  }

  @Test
  void aNonCriticalCheckThatIsDownDegradesInsteadOfFailing() {
    health.register("db", HealthResult::up);
    health.register(
        "cache",
        () -> HealthResult.down("refused"),
        CheckOptions.builder().critical(false).build());

    HealthReport report = health.checkAll();

    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.checks()).containsOnlyKeys("db", "cache");
    assertThat(report.check("cache").message()).isEqualTo("refused");
  }

  @Test
  void aCriticalCheckThatIsDownFailsTheGroup() {
    health.register("db", () -> HealthResult.down("refused"));
    health.register("queue", () -> HealthResult.degraded("slow"));

    assertThat(health.checkAll().status()).isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void aDegradedCheckDegradesTheGroup() {
    health.register("db", HealthResult::up);
    health.register("queue", () -> HealthResult.degraded("slow"));

    assertThat(health.checkAll().status()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void publicChecksAreListedInOrderAndTheirLastStatusIsReadWithoutRunningThem() {
    AtomicInteger runs = new AtomicInteger();
    health.register(
        "db",
        () -> {
          runs.incrementAndGet();
          return HealthResult.down("refused");
        },
        CheckOptions.builder().publicTitle("Database").build());
    health.register("internal-queue", HealthResult::up);
    health.register("api", HealthResult::up, CheckOptions.builder().publicTitle("API").build());

    assertThat(health.publicNames()).containsExactly("db", "api");
    assertThat(health.lastStatus("db")).isNull();
    health.checkAll();
    assertThat(health.lastStatus("db")).isEqualTo(HealthStatus.DOWN);
    assertThat(health.lastStatus("api")).isEqualTo(HealthStatus.UP);
    assertThat(health.lastStatus("missing")).isNull();
    assertThat(runs).hasValue(1);
  }

  @Test
  void anEmptyGroupIsUp() {
    assertThat(health.checkGroup(CheckOptions.LIVENESS).status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void groupsSelectTheirChecks() {
    health.register("process", HealthResult::up, CheckOptions.builder().groups("liveness").build());
    health.register("db", () -> HealthResult.down("refused"));

    assertThat(health.checkGroup("liveness").checks()).containsOnlyKeys("process");
    assertThat(health.checkGroup("liveness").status()).isEqualTo(HealthStatus.UP);
    assertThat(health.checkGroup("readiness").status()).isEqualTo(HealthStatus.DOWN);
    assertThat(health.groups()).containsExactly("liveness", "readiness");
  }

  @Test
  void throwingNullAndInterruptedChecksAreDownWithClearMessagesAndOthersAreUnaffected() {
    health.register(
        "throws",
        () -> {
          throw new java.sql.SQLException("connection refused");
        });
    health.register("null", () -> null);
    health.register(
        "interrupted",
        () -> {
          throw new InterruptedException("stop");
        });
    health.register("fine", HealthResult::up);

    HealthReport report = health.checkAll();

    assertThat(report.check("throws").message())
        .isEqualTo("java.sql.SQLException: connection refused");
    assertThat(report.check("null").message()).isEqualTo("check returned null");
    assertThat(report.check("interrupted").message()).isEqualTo("interrupted");
    assertThat(report.check("fine").status()).isEqualTo(HealthStatus.UP);
    assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void aHangingCheckTimesOutWithoutBlockingOtherChecks() {
    AtomicInteger calls = new AtomicInteger();
    health.register("hangs", hanging(calls));
    health.register("fine", HealthResult::up);

    HealthReport report = health.checkAll();

    assertThat(report.check("hangs").status()).isEqualTo(HealthStatus.DOWN);
    assertThat(report.check("hangs").message()).isEqualTo("timed out after 200 ms");
    assertThat(report.check("fine").status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void concurrentProbesDuringAHangShareOneEvaluationAndOneThread() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch returned = new CountDownLatch(1);
    health.register(
        "hangs",
        () -> {
          calls.incrementAndGet();
          // Ignores interrupts, like a driver stuck in a socket read.
          while (release.getCount() > 0) {
            try {
              release.await();
            } catch (InterruptedException ignored) {
              // keep hanging
            }
          }
          returned.countDown();
          return HealthResult.up();
        },
        CheckOptions.builder().cacheTtl(Duration.ZERO).build());

    ExecutorService probes = Executors.newFixedThreadPool(50);
    try {
      List<Future<HealthReport>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(probes.submit(() -> health.checkGroup("readiness")));
      }
      for (Future<HealthReport> f : results) {
        HealthReport r = f.get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(r.check("hangs").message()).isEqualTo("timed out after 200 ms");
      }
    } finally {
      probes.shutdownNow();
    }

    assertThat(calls.get()).isEqualTo(1);
    assertThat(health.activeThreads()).isEqualTo(1);
    release.countDown();
    assertThat(returned.await(10, TimeUnit.SECONDS))
        .as("the hanging check returns within 10 s of its release")
        .isTrue();
  }

  @Test
  void resultsAreReusedWithinTheCacheTtl() {
    AtomicInteger calls = new AtomicInteger();
    health.register(
        "counted",
        () -> {
          calls.incrementAndGet();
          return HealthResult.up();
        },
        CheckOptions.builder().cacheTtl(Duration.ofSeconds(5)).build());

    health.checkAll();
    health.checkAll();
    clock.advance(Duration.ofSeconds(4));
    health.checkAll();
    assertThat(calls.get()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    health.checkAll();
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void flapDampingNeedsConsecutiveFailuresAndSuccesses() {
    List<HealthStatus> script =
        new ArrayList<>(
            List.of(
                HealthStatus.UP,
                HealthStatus.DOWN,
                HealthStatus.DOWN,
                HealthStatus.UP,
                HealthStatus.DOWN,
                HealthStatus.DOWN,
                HealthStatus.DOWN,
                HealthStatus.UP,
                HealthStatus.UP));
    health.register(
        "flappy",
        () -> {
          HealthStatus next = script.remove(0);
          return next == HealthStatus.UP ? HealthResult.up() : HealthResult.down("refused");
        },
        CheckOptions.builder().cacheTtl(Duration.ZERO).flapDamping(3, 2).build());

    List<HealthStatus> seen = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      HealthResult r = health.checkAll().check("flappy");
      seen.add(r.status());
      messages.add(r.message());
    }

    assertThat(seen)
        .containsExactly(
            HealthStatus.UP,
            HealthStatus.UP,
            HealthStatus.UP,
            HealthStatus.UP,
            HealthStatus.UP,
            HealthStatus.UP,
            HealthStatus.DOWN,
            HealthStatus.DOWN,
            HealthStatus.UP);
    assertThat(messages.get(1)).isEqualTo("failing (1 of 3 failures before DOWN): refused");
    assertThat(messages.get(7)).isEqualTo("recovering (1 of 2 successes before UP)");
  }

  @Test
  void backgroundRefreshKeepsTheResultFreshWithoutProbesCallingTheDependency() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch threeRuns = new CountDownLatch(3);
    health.register(
        "refreshed",
        () -> {
          calls.incrementAndGet();
          threeRuns.countDown();
          return HealthResult.up();
        },
        CheckOptions.builder().refreshEvery(Duration.ofMillis(20)).build());

    assertThat(threeRuns.await(10, TimeUnit.SECONDS))
        .as("the background refresh runs three times within 10 s")
        .isTrue();
    int before = calls.get();
    for (int i = 0; i < 100; i++) {
      assertThat(health.checkAll().status()).isEqualTo(HealthStatus.UP);
    }
    // Probes read the refreshed result; only the refresh itself calls the check.
    assertThat(calls.get() - before).isLessThan(100);
  }

  @Test
  void drainingTurnsReadinessDownButNotLiveness() {
    health.register("db", HealthResult::up);
    health.register("process", HealthResult::up, CheckOptions.builder().groups("liveness").build());

    health.startDraining();

    HealthReport ready = health.checkGroup("readiness");
    assertThat(ready.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(ready.check("shutdown").message()).isEqualTo("draining before shutdown");
    assertThat(health.checkGroup("liveness").status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void uptimeIsTheShareOfObservedTimeAvailable() {
    List<HealthResult> script =
        new ArrayList<>(
            List.of(
                HealthResult.up(), HealthResult.down("refused"), HealthResult.degraded("slow")));
    health.register(
        "db", () -> script.remove(0), CheckOptions.builder().cacheTtl(Duration.ZERO).build());

    health.checkAll(); // UP at 00:00
    clock.advance(Duration.ofHours(6));
    health.checkAll(); // DOWN at 06:00
    clock.advance(Duration.ofHours(2));
    health.checkAll(); // DEGRADED (available) at 08:00
    clock.advance(Duration.ofHours(4));

    Uptime uptime = health.uptime("db");
    // 12 h observed, DOWN for 2 h.
    assertThat(uptime.last24h())
        .isCloseTo(100.0 * 10 / 12, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(uptime.last7d()).isEqualTo(uptime.last24h());
    assertThat(health.uptime("missing")).isNull();
  }

  @Test
  void uptimeForgetsWhatIsOutsideTheWindow() {
    List<HealthResult> script =
        new ArrayList<>(List.of(HealthResult.down("refused"), HealthResult.up()));
    health.register(
        "db", () -> script.remove(0), CheckOptions.builder().cacheTtl(Duration.ZERO).build());

    health.checkAll(); // DOWN
    clock.advance(Duration.ofDays(2));
    health.checkAll(); // UP
    clock.advance(Duration.ofDays(1));

    Uptime uptime = health.uptime("db");
    assertThat(uptime.last24h()).isEqualTo(100.0);
    assertThat(uptime.last7d()).isCloseTo(100.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void statusAndDurationArePublishedAsMeters() {
    health.register("db", HealthResult::up);
    health.register("cache", () -> HealthResult.degraded("slow"));
    health.register("queue", () -> HealthResult.down("refused"));

    assertThat(meters.get("obs.health.status").tag("check", "db").gauge().value()).isNaN();
    health.checkAll();

    assertThat(meters.get("obs.health.status").tag("check", "db").gauge().value()).isEqualTo(1.0);
    assertThat(meters.get("obs.health.status").tag("check", "cache").gauge().value())
        .isEqualTo(0.5);
    assertThat(meters.get("obs.health.status").tag("check", "queue").gauge().value()).isZero();
    assertThat(meters.get("obs.health.check.duration").tag("check", "db").timer().count())
        .isEqualTo(1);
  }

  @Test
  void unregisterRemovesTheCheckAndItsMeters() {
    health.register("db", HealthResult::up);

    assertThat(health.unregister("db")).isTrue();
    assertThat(health.unregister("db")).isFalse();
    assertThat(health.names()).isEmpty();
    assertThat(meters.find("obs.health.status").gauges()).isEmpty();
    assertThat(health.checkOne("db")).isNull();
  }

  @Test
  void eachStatusChangeIsLoggedOnceNotEachProbe() {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(HealthRegistry.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new ch.qos.logback.core.read.ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      List<HealthResult> script =
          new ArrayList<>(
              List.of(
                  HealthResult.up(),
                  HealthResult.up(),
                  HealthResult.down("refused"),
                  HealthResult.down("refused"),
                  HealthResult.down("refused"),
                  HealthResult.up()));
      health.register(
          "db", () -> script.remove(0), CheckOptions.builder().cacheTtl(Duration.ZERO).build());
      for (int i = 0; i < 6; i++) {
        health.checkAll();
      }
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list)
        .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "obs health: check 'db' is UP",
            "obs health: check 'db' is DOWN (was UP): refused",
            "obs health: check 'db' is UP (was DOWN)");
    assertThat(appender.list.get(1).getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
  }

  @Test
  void duplicateAndReservedNamesAreRejected() {
    health.register("db", HealthResult::up);

    assertThatThrownBy(() -> health.register("db", HealthResult::up))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a health check named 'db' is already registered");
    assertThatThrownBy(() -> health.register("shutdown", HealthResult::up))
        .hasMessage("health check name must be non-blank and not 'shutdown', got 'shutdown'");
  }

  @Test
  void invalidConfigurationNamesTheKey() {
    assertThatThrownBy(
            () ->
                HealthRegistry.builder(meters)
                    .config(ObsConfig.of(Map.of("obs.health.timeout", "-1"))))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.health.timeout must be a positive duration like 250ms, 2s or 5m, got '-1'");
    assertThatThrownBy(
            () ->
                HealthRegistry.builder(meters)
                    .config(ObsConfig.of(Map.of("obs.health.cache-ttl", "soon"))))
        .hasMessage(
            "obs.health.cache-ttl must be zero or a positive duration like 0s, 500ms or 5s, got"
                + " 'soon'");
  }
}
