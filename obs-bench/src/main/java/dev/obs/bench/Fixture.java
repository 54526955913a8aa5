package dev.obs.bench;

import dev.obs.Obs;
import dev.obs.http.HttpMetricsOptions;
import dev.obs.http.HttpServerMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** What every benchmark shares: the route table and the registry as production configures it. */
final class Fixture {
  /** The largest {@code routes} parameter. */
  static final int MAX_ROUTES = 50;

  /** Route templates, the {@code uri} tag values. */
  static final String[] TEMPLATES = new String[MAX_ROUTES];

  /** A concrete request path for each template. */
  static final String[] PATHS = new String[MAX_ROUTES];

  /** The same paths under the context path {@code /app}. */
  static final String[] APP_PATHS = new String[MAX_ROUTES];

  static {
    for (int i = 0; i < MAX_ROUTES; i++) {
      TEMPLATES[i] = "/api/v1/resource" + i + "/{id}";
      PATHS[i] = "/api/v1/resource" + i + "/" + (1000 + i);
      APP_PATHS[i] = "/app" + PATHS[i];
    }
  }

  private Fixture() {}

  /**
   * A Prometheus registry that gives every {@code http.server.requests} timer obs's default
   * buckets, the way Spring Boot's {@code management.metrics.distribution.slo} does, so each
   * variant records into the same histogram shape.
   */
  static PrometheusMeterRegistry prometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    double[] slos =
        HttpMetricsOptions.DEFAULT_BUCKETS.stream().mapToDouble(d -> d.toNanos()).toArray();
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER
                    && id.getName().equals(HttpServerMetrics.REQUESTS)) {
                  return DistributionStatisticConfig.builder()
                      .serviceLevelObjectives(slos)
                      .build()
                      .merge(config);
                }
                return config;
              }
            });
    return registry;
  }

  static Obs obs(PrometheusMeterRegistry registry) {
    return Obs.builder()
        .meterRegistry(registry)
        .http(HttpMetricsOptions.defaults())
        .jvmMetrics(false)
        .build()
        .start();
  }

  /** Walks the routes in order from a per-thread offset, so threads do not move in lockstep. */
  static final class RouteCursor {
    private final int routes;
    private int next;

    RouteCursor(int routes, int threadIndex, int threadCount) {
      if (routes < 1 || routes > MAX_ROUTES) {
        throw new IllegalArgumentException("routes must be 1 to " + MAX_ROUTES + ", got " + routes);
      }
      this.routes = routes;
      this.next = threadIndex * routes / threadCount;
    }

    int next() {
      int i = next;
      next = i + 1 == routes ? 0 : i + 1;
      return i;
    }
  }
}
