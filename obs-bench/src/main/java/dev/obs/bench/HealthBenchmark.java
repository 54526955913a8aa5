package dev.obs.bench;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthReport;
import dev.obs.health.HealthResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code /readyz} costs when its five checks are served from the cache: one readiness
 * evaluation of the registry (the JSON writing of the endpoint is measured by the wrk run).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HealthBenchmark {
  private Obs obs;

  @Setup
  public void setup() {
    obs =
        Obs.builder()
            .jvmMetrics(false)
            .config(ObsConfig.of(Map.of("obs.health.cache-ttl", "1h")))
            .build()
            .start();
    for (int i = 0; i < 5; i++) {
      obs.health()
          .register(
              "check" + i,
              () -> HealthResult.up().withDetail("latency_ms", 1.5),
              CheckOptions.builder().cacheTtl(Duration.ofHours(1)).build());
    }
    // Fill the cache once; every measured evaluation then reads it.
    obs.health().checkGroup(CheckOptions.READINESS);
  }

  @TearDown
  public void tearDown() {
    obs.close();
  }

  @Benchmark
  public HealthReport readinessFromCache() {
    return obs.health().checkGroup(CheckOptions.READINESS);
  }
}
