package dev.obs.bench;

import dev.obs.Obs;
import dev.obs.alerts.MeterSampler;
import dev.obs.health.HealthResult;
import dev.obs.http.HttpExchange;
import dev.obs.promql.InMemorySeriesStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
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
 * One sampler tick over a realistic application registry: the JVM and process binders, 50 routes
 * with four statuses each on {@code http.server.requests} (with obs's default histogram buckets)
 * and five health checks, all through a {@code PrometheusMeterRegistry}. Run with {@code -prof gc}
 * for the bytes allocated per tick.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class SamplerBenchmark {
  private Obs obs;
  private MeterSampler sampler;
  private long now = 1_000_000;
  private int seriesPerTick;

  @Setup
  public void setup() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    obs = Obs.builder().meterRegistry(registry).build().start();
    int[] statuses = {200, 404, 500, 503};
    for (int route = 0; route < 50; route++) {
      for (int status : statuses) {
        obs.http()
            .record(
                new HttpExchange(
                    "GET",
                    "/r" + route + "/{id}",
                    "/r" + route + "/1",
                    status,
                    3_000_000L,
                    null,
                    null));
      }
    }
    for (int c = 0; c < 5; c++) {
      obs.health().register("check" + c, HealthResult::up);
    }
    obs.health().checkAll();
    InMemorySeriesStore store = new InMemorySeriesStore(100_000);
    store.retain(Duration.ofMinutes(6));
    sampler = new MeterSampler(registry, store);
    seriesPerTick = sampler.sample(now);
    System.out.println("series per tick: " + seriesPerTick);
  }

  @TearDown
  public void tearDown() {
    obs.close();
  }

  @Benchmark
  public int sample() {
    now += 15_000;
    return sampler.sample(now);
  }
}
