package dev.obs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.http.HttpExchange;
import dev.obs.http.HttpServerMetrics;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

// ClosedAfterEach is registered first, so its afterEach runs after ObsExtension's and checks
// that the Obs this test was given has been closed by then.
@ExtendWith(ObsExtensionTest.ClosedAfterEach.class)
@ExtendWith(ObsExtension.class)
class ObsExtensionTest {
  private @Nullable Obs beforeEach;

  @BeforeEach
  void rememberObs(Obs obs) {
    this.beforeEach = obs;
  }

  @Test
  void oneTestRecordsIntoARegistryThatHoldsOnlyWhatItRecorded(Obs obs, MeterRegistry registry) {
    obs.http().record(new HttpExchange("GET", "/hello", "/hello", 200, 5_000_000, null, null));

    assertThat(registry.getMeters())
        .extracting(m -> m.getId().getName())
        // the alerting and history meters are obs's own and covered by their tests
        .filteredOn(name -> !name.startsWith("obs.alerts") && !name.startsWith("obs.history"))
        .containsOnly(
            HttpServerMetrics.REQUESTS,
            // SimpleMeterRegistry's gauges of the histogram buckets
            HttpServerMetrics.REQUESTS + ".histogram",
            // obs's own counters, registered at zero when obs is built
            "obs.internal.failures",
            "obs.errors.reported",
            "obs.errors.dropped");
    ObsAssertions.assertThat(registry).timer(HttpServerMetrics.REQUESTS).hasCount(1);
  }

  @Test
  void anotherTestRecordingTheSameRequestAlsoSeesACountOfOne(Obs obs, MeterRegistry registry) {
    obs.http().record(new HttpExchange("GET", "/hello", "/hello", 200, 5_000_000, null, null));

    ObsAssertions.assertThat(registry).timer(HttpServerMetrics.REQUESTS).hasCount(1);
  }

  @Test
  void beforeEachAndTestMethodShareOneRunningObs(
      Obs obs, MeterRegistry registry, ManualClock clock) {
    assertThat(beforeEach).isSameAs(obs);
    assertThat(obs.isRunning()).isTrue();
    assertThat(registry).isSameAs(obs.meterRegistry()).isInstanceOf(SimpleMeterRegistry.class);
    assertThat(registry.config().clock()).isSameAs(clock);
  }

  @Test
  void jvmMetersAreOffByDefault(MeterRegistry registry) {
    ObsAssertions.assertThat(registry)
        .doesNotHaveMeter("jvm.memory.used")
        .doesNotHaveMeter("process.uptime");
    assertThat(registry.getMeters())
        .extracting(Meter::getId)
        .extracting(Meter.Id::getName)
        .filteredOn(name -> !name.startsWith("obs.alerts") && !name.startsWith("obs.history"))
        .containsOnly("obs.internal.failures", "obs.errors.reported", "obs.errors.dropped");
  }

  @Test
  void theManualClockTimesWhatTheTestRecords(Obs obs, MeterRegistry registry, ManualClock clock) {
    long start = obs.http().monotonicTime();
    Timer.Sample sample = Timer.start(registry);
    clock.advance(Duration.ofMillis(150));
    sample.stop(registry.timer("work"));

    assertThat(obs.http().monotonicTime() - start).isEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
    ObsAssertions.assertThat(registry).timer("work").hasTotalTime(Duration.ofMillis(150));
  }

  static final class ClosedAfterEach implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
      ObsExtensionTest test = (ObsExtensionTest) context.getRequiredTestInstance();
      if (test.beforeEach != null && test.beforeEach.isRunning()) {
        throw new AssertionError("ObsExtension should have closed the test's Obs after the test");
      }
    }
  }
}
