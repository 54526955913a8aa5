package dev.obs.bench;

import dev.obs.Obs;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthResult;
import dev.obs.history.History;
import dev.obs.servlet.ObsFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The request path with the metrics history off and on, in the same run: a whole {@link ObsFilter}
 * invocation over 50 routes. With history on, a second thread samples every second, 60 times as
 * often as the real once-a-minute schedule, so any interference between sampling (reading every
 * timer's histogram) and recording would show in the figures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class HistoryBenchmark {

  @State(Scope.Benchmark)
  public static class Stack {
    @Param({"off", "on"})
    String history;

    PrometheusMeterRegistry registry;
    Obs obs;
    ObsFilter filter;
    History store;
    ScheduledExecutorService sampler;

    @Setup(Level.Trial)
    public void setup() {
      registry = Fixture.prometheus();
      obs = Fixture.obs(registry);
      obs.health()
          .register(
              "db",
              HealthResult::up,
              CheckOptions.builder().publicTitle("Database").cacheTtl(Duration.ofHours(1)).build());
      filter = new ObsFilter(obs);
      if (history.equals("on")) {
        store =
            History.builder(obs.meterRegistry(), obs.health(), obs.clock(), obs.config())
                .build()
                .start();
        sampler =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "bench-history-sampler");
                  t.setDaemon(true);
                  return t;
                });
        sampler.scheduleAtFixedRate(store::tick, 1, 1, TimeUnit.SECONDS);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      if (sampler != null) {
        sampler.shutdownNow();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        store.close();
      }
      obs.close();
      registry.close();
    }
  }

  /** One thread's reusable request, response and handler. */
  @State(Scope.Thread)
  public static class Exchange {
    final BenchRequest request = new BenchRequest("", BenchRequest.VALID_REQUEST_ID);
    final BenchResponse response = new BenchResponse();
    final FilterBenchmark.ObsHandler handler = new FilterBenchmark.ObsHandler();
    Fixture.RouteCursor cursor;

    @Setup
    public void setup(ThreadParams thread) {
      cursor =
          new Fixture.RouteCursor(
              Fixture.MAX_ROUTES, thread.getThreadIndex(), thread.getThreadCount());
    }
  }

  @Benchmark
  public void obsFilter(Stack s, Exchange x) throws IOException, ServletException {
    int i = x.cursor.next();
    x.request.recycle(Fixture.PATHS[i]);
    x.response.recycle();
    x.handler.route = Fixture.TEMPLATES[i];
    s.filter.doFilter(x.request, x.response, x.handler);
  }
}
