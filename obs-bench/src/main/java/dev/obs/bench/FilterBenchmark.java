package dev.obs.bench;

import dev.obs.Obs;
import dev.obs.servlet.ObsFilter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
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
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Cost per request of a whole filter invocation: obs's {@link ObsFilter}, Spring Framework's {@link
 * ServerHttpObservationFilter} with its default convention, and the bare chain both wrap. Every
 * variant records into the same kind of Prometheus registry; the handler at the end of the chain
 * only sets status 200 and reports the route template the way each framework expects.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class FilterBenchmark {

  @State(Scope.Benchmark)
  public static class Filters {
    PrometheusMeterRegistry registry;
    Obs obs;
    ObsFilter obsFilter;
    ServerHttpObservationFilter springFilter;

    @Setup
    public void setup() {
      registry = Fixture.prometheus();
      obs = Fixture.obs(registry);
      obsFilter = new ObsFilter(obs);
      ObservationRegistry observations = ObservationRegistry.create();
      observations
          .observationConfig()
          .observationHandler(new DefaultMeterObservationHandler(registry));
      springFilter = new ServerHttpObservationFilter(observations);
    }

    @TearDown
    public void tearDown() {
      obs.close();
      registry.close();
    }
  }

  /** One thread's reusable request, response and handlers. */
  @State(Scope.Thread)
  public static class Exchange {
    @Param({"1", "50"})
    int routes;

    final BenchRequest withId = new BenchRequest("", BenchRequest.VALID_REQUEST_ID);
    final BenchRequest withoutId = new BenchRequest("", null);
    final BenchRequest underContext = new BenchRequest("/app", BenchRequest.VALID_REQUEST_ID);
    final BenchResponse response = new BenchResponse();
    final ObsHandler obsHandler = new ObsHandler();
    final SpringHandler springHandler = new SpringHandler();
    Fixture.RouteCursor cursor;

    @Setup
    public void setup(ThreadParams thread) {
      cursor = new Fixture.RouteCursor(routes, thread.getThreadIndex(), thread.getThreadCount());
    }

    /** Starts the next request on the given fake; all objects are reused. */
    BenchRequest begin(BenchRequest request, String[] uris) {
      int i = cursor.next();
      request.recycle(uris[i]);
      response.recycle();
      obsHandler.route = Fixture.TEMPLATES[i];
      springHandler.route = Fixture.TEMPLATES[i];
      return request;
    }
  }

  /** The application: answers 200 and reports its route template to obs. */
  static final class ObsHandler implements FilterChain {
    String route = "";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res) {
      ((HttpServletResponse) res).setStatus(200);
      ObsFilter.setRoute(req, route);
    }
  }

  /**
   * The application: answers 200 and reports its route the way Spring MVC's handler mapping does.
   */
  static final class SpringHandler implements FilterChain {
    String route = "";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res) {
      ((HttpServletResponse) res).setStatus(200);
      Optional<ServerRequestObservationContext> context =
          ServerHttpObservationFilter.findObservationContext((HttpServletRequest) req);
      if (context.isPresent()) {
        context.get().setPathPattern(route);
      }
    }
  }

  @Benchmark
  public void noopChain(Exchange x) throws IOException, ServletException {
    x.obsHandler.doFilter(x.begin(x.withId, Fixture.PATHS), x.response);
  }

  @Benchmark
  public void obsFilter(Filters f, Exchange x) throws IOException, ServletException {
    f.obsFilter.doFilter(x.begin(x.withId, Fixture.PATHS), x.response, x.obsHandler);
  }

  /** No incoming X-Request-ID: the filter generates one. */
  @Benchmark
  public void obsFilterGeneratedId(Filters f, Exchange x) throws IOException, ServletException {
    f.obsFilter.doFilter(x.begin(x.withoutId, Fixture.PATHS), x.response, x.obsHandler);
  }

  /** The application deployed under the context path {@code /app}. */
  @Benchmark
  public void obsFilterContextPath(Filters f, Exchange x) throws IOException, ServletException {
    f.obsFilter.doFilter(x.begin(x.underContext, Fixture.APP_PATHS), x.response, x.obsHandler);
  }

  @Benchmark
  public void springFilter(Filters f, Exchange x) throws IOException, ServletException {
    f.springFilter.doFilter(x.begin(x.withId, Fixture.PATHS), x.response, x.springHandler);
  }
}
