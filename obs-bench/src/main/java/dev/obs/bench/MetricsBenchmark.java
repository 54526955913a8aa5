package dev.obs.bench;

import dev.obs.Obs;
import dev.obs.http.HttpServerMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Cost of recording one finished request, without a filter: obs's {@link HttpServerMetrics} (the
 * metrics path), a hand-written record on a timer registered up front, and the straightforward
 * Micrometer way that builds and registers the timer on every request.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class MetricsBenchmark {

  @State(Scope.Benchmark)
  public static class Meters {
    PrometheusMeterRegistry registry;
    Obs obs;
    HttpServerMetrics http;
    Timer[] timers = new Timer[Fixture.MAX_ROUTES];

    @Setup
    public void setup() {
      registry = Fixture.prometheus();
      obs = Fixture.obs(registry);
      http = obs.http();
      for (int i = 0; i < timers.length; i++) {
        timers[i] = builder(registry, Fixture.TEMPLATES[i]);
      }
    }

    @TearDown
    public void tearDown() {
      obs.close();
      registry.close();
    }
  }

  /** One thread's position in the route table and in a fixed list of durations. */
  @State(Scope.Thread)
  public static class Requests {
    @Param({"1", "50"})
    int routes;

    final long[] durations = new long[64];
    Fixture.RouteCursor cursor;
    int sequence;

    @Setup
    public void setup(ThreadParams thread) {
      cursor = new Fixture.RouteCursor(routes, thread.getThreadIndex(), thread.getThreadCount());
      // 1 ms to about 3 s, log-uniform, so every histogram bucket is hit; each thread has its
      // own sequence so that threads do not hit the same bucket in lockstep.
      SplittableRandom random = new SplittableRandom(42 + thread.getThreadIndex());
      for (int i = 0; i < durations.length; i++) {
        durations[i] = (long) (1_000_000 * Math.pow(3000, random.nextDouble()));
      }
    }

    long duration() {
      return durations[sequence++ & (durations.length - 1)];
    }
  }

  @Benchmark
  public void obsRecord(Meters m, Requests r) {
    int i = r.cursor.next();
    m.http.record("GET", Fixture.TEMPLATES[i], Fixture.PATHS[i], 200, r.duration(), null);
  }

  @Benchmark
  public void timerRecord(Meters m, Requests r) {
    m.timers[r.cursor.next()].record(r.duration(), TimeUnit.NANOSECONDS);
  }

  @Benchmark
  public void micrometerBuilder(Meters m, Requests r) {
    builder(m.registry, Fixture.TEMPLATES[r.cursor.next()])
        .record(r.duration(), TimeUnit.NANOSECONDS);
  }

  /** The per-request way: the same five tags obs records, built and looked up every time. */
  static Timer builder(PrometheusMeterRegistry registry, String uri) {
    return Timer.builder(HttpServerMetrics.REQUESTS)
        .tags(
            "method", "GET", "uri", uri, "status", "200", "outcome", "SUCCESS", "exception", "none")
        .register(registry);
  }
}
