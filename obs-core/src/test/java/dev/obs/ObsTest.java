package dev.obs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.http.HttpMetricsOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObsTest {

  @Test
  void startBindsJvmAndProcessMeters() {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (Obs obs = Obs.builder().meterRegistry(registry).build()) {
      assertThat(registry.find("jvm.memory.used").meters()).isEmpty();

      obs.start();

      assertThat(obs.isRunning()).isTrue();
      assertThat(registry.find("jvm.memory.used").meters()).isNotEmpty();
      assertThat(registry.find("jvm.threads.live").gauge()).isNotNull();
      assertThat(registry.find("jvm.classes.loaded").gauge()).isNotNull();
      assertThat(registry.find("process.uptime").meters()).isNotEmpty();
      assertThat(registry.find("system.cpu.count").gauge()).isNotNull();
    }
  }

  @Test
  void jvmMetersCanBeTurnedOffByConfiguration() {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (Obs obs =
        Obs.builder()
            .meterRegistry(registry)
            .config(ObsConfig.of(Map.of("obs.metrics.jvm.enabled", "false")))
            .build()
            .start()) {
      assertThat(registry.find("jvm.memory.used").meters()).isEmpty();
      assertThat(obs.isRunning()).isTrue();
    }
  }

  @Test
  void closeIsIdempotentAndForbidsRestart() {
    Obs obs = Obs.builder().jvmMetrics(false).build().start();
    obs.close();
    obs.close();

    assertThat(obs.isRunning()).isFalse();
    assertThatThrownBy(obs::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Obs is closed; build a new instance instead of restarting");
  }

  @Test
  void closesTheRegistryOnlyWhenItCreatedIt() {
    MeterRegistry given = new SimpleMeterRegistry();
    Obs withGiven = Obs.builder().meterRegistry(given).jvmMetrics(false).build().start();
    Obs withOwn = Obs.builder().jvmMetrics(false).build().start();

    withGiven.close();
    withOwn.close();

    assertThat(given.isClosed()).isFalse();
    assertThat(withOwn.meterRegistry().isClosed()).isTrue();
  }

  @Test
  void invalidHttpConfigurationFailsAtBuild() {
    Obs.Builder builder = Obs.builder().config(ObsConfig.of(Map.of("obs.http.uri-cap", "lots")));

    assertThatThrownBy(builder::build)
        .isInstanceOf(ObsConfigException.class)
        .hasMessage("obs.http.uri-cap must be a positive integer like 500, got 'lots'");
  }

  @Test
  void explicitHttpOptionsOverrideConfiguration() {
    try (Obs obs =
        Obs.builder()
            .config(ObsConfig.of(Map.of("obs.http.uri-cap", "10")))
            .http(HttpMetricsOptions.builder().uriCap(3).build())
            .build()) {
      assertThat(obs.http().options().uriCap()).isEqualTo(3);
    }
  }

  @Test
  void closeHoldsReadinessDownForTheDrainPeriodThenStopsHealthThreads() throws Exception {
    Obs obs =
        Obs.builder()
            .jvmMetrics(false)
            .config(ObsConfig.of(Map.of("obs.health.drain", "1s", "obs.health.cache-ttl", "0s")))
            .build()
            .start();
    obs.health().register("db", dev.obs.health.HealthResult::up);
    assertThat(obs.health().checkGroup("readiness").status())
        .isEqualTo(dev.obs.health.HealthStatus.UP);

    Thread closer = new Thread(obs::close);
    closer.start();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    // Draining starts right after the thread does; spin for it rather than sleep.
    while (!obs.health().isDraining()) {
      assertThat(System.nanoTime()).as("draining starts within 10 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
    dev.obs.health.HealthReport duringDrain = obs.health().checkGroup("readiness");
    boolean closeStillRunning = closer.isAlive();
    closer.join(10_000);

    assertThat(closeStillRunning).as("close() waits out the drain period").isTrue();
    assertThat(duringDrain.status()).isEqualTo(dev.obs.health.HealthStatus.DOWN);
    assertThat(duringDrain.check("shutdown").message()).isEqualTo("draining before shutdown");
    assertThat(obs.health().checkAll().check("db").message())
        .isEqualTo("health executor is shut down or saturated");
  }

  @Test
  void severalInstancesRunSideBySideWithoutSharingState() {
    try (Obs a = Obs.builder().jvmMetrics(false).build().start();
        Obs b = Obs.builder().jvmMetrics(false).build().start()) {
      a.http().record("GET", "/a", "/a", 200, 1, null);

      assertThat(a.meterRegistry().find("http.server.requests").timers()).hasSize(1);
      assertThat(b.meterRegistry().find("http.server.requests").timers()).isEmpty();
    }
  }
}
