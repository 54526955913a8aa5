package dev.obs.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records HTTP server exchanges as the {@code http.server.requests} timer, with the tags Spring
 * Boot uses ({@code method}, {@code uri}, {@code status}, {@code outcome}, {@code exception}), and
 * counts exchanges whose status is an error as {@code obs.http.server.errors}.
 *
 * <p>Meters are looked up in a cache keyed by route, method, status and exception, so recording a
 * known combination allocates nothing. The number of distinct {@code uri} values is capped; past
 * the cap the tag is {@code OTHER}. Recording never throws: a failure is counted in {@code
 * obs.internal.failures{component="http"}} and logged once.
 *
 * <pre>{@code
 * HttpServerMetrics http = obs.http();
 * http.record(new HttpExchange("GET", "/users/{id}", "/users/7", 200, 1_500_000, null, null));
 * }</pre>
 */
public final class HttpServerMetrics {
  /** The timer name, as Spring Boot and Micrometer name it. */
  public static final String REQUESTS = "http.server.requests";

  /** The counter of exchanges whose status counts as an error. */
  public static final String ERRORS = "obs.http.server.errors";

  /**
   * The counter of responses the client abandoned (reset, end of stream, broken pipe), which are
   * neither errors nor successes.
   */
  public static final String CLIENT_ABORTS = "obs.http.client.aborts";

  /** The {@code uri} value once the cap on distinct values is reached. */
  public static final String OTHER = "OTHER";

  private static final Logger log = LoggerFactory.getLogger(HttpServerMetrics.class);
  private static final String[] METHODS = {
    "OTHER", "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT"
  };

  private final MeterRegistry registry;
  private final HttpMetricsOptions options;
  private final ConcurrentHashMap<String, RouteMeters> routes = new ConcurrentHashMap<>();
  private final AtomicInteger distinctUris = new AtomicInteger();
  private final RouteMeters other = new RouteMeters(OTHER);
  private final Counter failures;
  private final ClassValue<String> exceptionNames =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          String simple = type.getSimpleName();
          return simple.isEmpty() ? type.getName() : simple;
        }
      };
  private volatile boolean failureLogged;

  /**
   * Creates a recorder over a registry.
   *
   * @param registry where meters are registered
   * @param options how exchanges are recorded
   */
  public HttpServerMetrics(MeterRegistry registry, HttpMetricsOptions options) {
    this.registry = registry;
    this.options = options;
    this.failures =
        Counter.builder("obs.internal.failures")
            .description("Failures inside obs that were absorbed instead of thrown")
            .tag("component", "http")
            .register(registry);
  }

  /**
   * Returns the options in force.
   *
   * @return the options
   */
  public HttpMetricsOptions options() {
    return options;
  }

  /**
   * Returns the registry's monotonic time in nanoseconds, for adapters to time exchanges with the
   * same clock tests control.
   *
   * @return a monotonic time in nanoseconds
   */
  public long monotonicTime() {
    return registry.config().clock().monotonicTime();
  }

  /**
   * Tells whether exchanges on a path are recorded: recording is enabled and the path is not
   * excluded.
   *
   * @param path the request path within the application
   * @return true when recorded
   */
  public boolean isRecorded(String path) {
    return options.enabled() && !options.isExcluded(path);
  }

  /**
   * Records one exchange unless its path is excluded.
   *
   * @param exchange the finished exchange
   */
  public void record(HttpExchange exchange) {
    record(
        exchange.method(),
        exchange.route(),
        exchange.path(),
        exchange.status(),
        exchange.durationNanos(),
        exchange.exception());
  }

  /**
   * Records one exchange unless its path is excluded; the allocation-free form of {@link
   * #record(HttpExchange)}.
   *
   * @param method the request method
   * @param route the route template, or {@code null} when unknown
   * @param path the raw path within the application
   * @param status the response status
   * @param durationNanos the duration in nanoseconds
   * @param exception what the handler threw, or {@code null}
   * @return false when the path is excluded or recording is off, so callers that log the same
   *     exchanges need not check again
   */
  public boolean record(
      String method,
      @Nullable String route,
      String path,
      int status,
      long durationNanos,
      @Nullable Throwable exception) {
    if (!isRecorded(path)) {
      return false;
    }
    try {
      Meters meters = meters(method, uri(route, path, status), status, exception);
      meters.timer.record(Math.max(0, durationNanos), TimeUnit.NANOSECONDS);
      if (meters.errors != null) {
        meters.errors.increment();
      }
    } catch (RuntimeException e) {
      failures.increment();
      if (!failureLogged) {
        failureLogged = true;
        log.warn("obs http: recording an exchange failed; further failures are only counted", e);
      }
    }
    return true;
  }

  /**
   * Records an exchange whose client went away before the response was complete: the timer with
   * outcome {@code CLIENT_ABORT} and {@code obs.http.client.aborts}, never {@code
   * obs.http.server.errors}, whatever the status. Excluded paths are skipped as in {@link
   * #record(String, String, String, int, long, Throwable)}.
   *
   * @param method the request method
   * @param route the route template, or {@code null} when unknown
   * @param path the raw path within the application
   * @param status the status the response had when the client left
   * @param durationNanos the duration in nanoseconds
   * @param exception what the container threw when the client left, or {@code null}
   * @return false when the path is excluded or recording is off
   */
  public boolean recordClientAbort(
      String method,
      @Nullable String route,
      String path,
      int status,
      long durationNanos,
      @Nullable Throwable exception) {
    if (!isRecorded(path)) {
      return false;
    }
    try {
      // Rare by nature, so the meters are looked up in the registry rather than cached here.
      RouteMeters routeMeters = routes.get(uri(route, path, status));
      String uri = (routeMeters != null ? routeMeters : addRoute(uri(route, path, status))).uri;
      String methodTag = METHODS[methodIndex(method)];
      String exceptionTag = exception == null ? "none" : exceptionNames.get(exception.getClass());
      int clamped = status < 0 || status > 999 ? 0 : status;
      Timer.builder(REQUESTS)
          .description("Duration of HTTP server request handling")
          .tags(
              "method", methodTag,
              "uri", uri,
              "status", Integer.toString(clamped),
              "outcome", Outcome.CLIENT_ABORT.name(),
              "exception", exceptionTag)
          .serviceLevelObjectives(options.buckets().toArray(new java.time.Duration[0]))
          .publishPercentiles(
              options.percentiles().stream().mapToDouble(Double::doubleValue).toArray())
          .register(registry)
          .record(Math.max(0, durationNanos), TimeUnit.NANOSECONDS);
      Counter.builder(CLIENT_ABORTS)
          .description("HTTP server responses the client abandoned before they were complete")
          .tags("method", methodTag, "uri", uri)
          .register(registry)
          .increment();
    } catch (RuntimeException e) {
      failures.increment();
      if (!failureLogged) {
        failureLogged = true;
        log.warn("obs http: recording an exchange failed; further failures are only counted", e);
      }
    }
    return true;
  }

  /**
   * Returns the {@code uri} tag value before the cap: the route template when known, {@code
   * NOT_FOUND} for an unmatched 404, {@code REDIRECTION} for an unmatched 3xx, {@code root} for
   * {@code /}, otherwise the path with identifier-like segments replaced by {@code {id}}.
   *
   * @param route the route template, or {@code null}
   * @param path the raw path
   * @param status the response status
   * @return the tag value
   */
  public static String uri(@Nullable String route, String path, int status) {
    if (route != null && !route.isEmpty()) {
      return route;
    }
    if (status == 404) {
      return "NOT_FOUND";
    }
    if (status >= 300 && status < 400) {
      return "REDIRECTION";
    }
    if (path.isEmpty() || path.equals("/")) {
      return "root";
    }
    return RouteNormalizer.normalize(path);
  }

  private Meters meters(String method, String uri, int status, @Nullable Throwable exception) {
    RouteMeters route = routes.get(uri);
    if (route == null) {
      route = addRoute(uri);
    }
    int methodIndex = methodIndex(method);
    int clamped = status < 0 || status > 999 ? 0 : status;
    int key = methodIndex * 1000 + clamped;
    if (exception == null) {
      // Most requests to a route share one method and status: try them before the map.
      Hot hot = route.hot;
      if (hot != null && hot.key == key) {
        return hot.meters;
      }
    }
    String exceptionName = exception == null ? null : exceptionNames.get(exception.getClass());
    IntMap<Meters> byKey = route.forException(exceptionName);
    Meters meters = byKey.get(key);
    if (meters == null) {
      meters =
          byKey.putIfAbsent(
              key,
              register(
                  METHODS[methodIndex],
                  route.uri,
                  clamped,
                  exceptionName == null ? "none" : exceptionName));
    }
    if (exception == null && route.hot == null) {
      route.hot = new Hot(key, meters);
    }
    return meters;
  }

  private RouteMeters addRoute(String uri) {
    if (distinctUris.get() >= options.uriCap()) {
      return other;
    }
    RouteMeters added =
        routes.computeIfAbsent(
            uri,
            u -> {
              if (distinctUris.incrementAndGet() > options.uriCap()) {
                distinctUris.decrementAndGet();
                return null;
              }
              return new RouteMeters(u);
            });
    return added == null ? other : added;
  }

  private Meters register(String method, String uri, int status, String exception) {
    String statusText = Integer.toString(status);
    String outcome = Outcome.of(status).name();
    Timer timer =
        Timer.builder(REQUESTS)
            .description("Duration of HTTP server request handling")
            .tags(
                "method", method,
                "uri", uri,
                "status", statusText,
                "outcome", outcome,
                "exception", exception)
            .serviceLevelObjectives(options.buckets().toArray(new java.time.Duration[0]))
            .publishPercentiles(
                options.percentiles().stream().mapToDouble(Double::doubleValue).toArray())
            .register(registry);
    Counter errors = null;
    if (options.isError(status)) {
      errors =
          Counter.builder(ERRORS)
              .description("HTTP server exchanges whose status counts as an error")
              .tags(
                  "method", method,
                  "uri", uri,
                  "status", statusText,
                  "outcome", outcome,
                  "exception", exception)
              .register(registry);
    }
    return new Meters(timer, errors);
  }

  static int methodIndex(String method) {
    switch (method) {
      case "GET":
        return 1;
      case "POST":
        return 2;
      case "PUT":
        return 3;
      case "DELETE":
        return 4;
      case "PATCH":
        return 5;
      case "HEAD":
        return 6;
      case "OPTIONS":
        return 7;
      case "TRACE":
        return 8;
      case "CONNECT":
        return 9;
      default:
        return 0;
    }
  }

  /** The number of distinct {@code uri} values seen so far, not counting {@code OTHER}. */
  int distinctUris() {
    return distinctUris.get();
  }

  private static final class Meters {
    final Timer timer;
    final @Nullable Counter errors;

    Meters(Timer timer, @Nullable Counter errors) {
      this.timer = timer;
      this.errors = errors;
    }
  }

  /** The first method and status combination seen on a route, and its meters. */
  private record Hot(int key, Meters meters) {}

  private static final class RouteMeters {
    final String uri;
    volatile @Nullable Hot hot;
    final IntMap<Meters> plain = new IntMap<>();
    final ConcurrentHashMap<String, IntMap<Meters>> byException = new ConcurrentHashMap<>();

    RouteMeters(String uri) {
      this.uri = uri;
    }

    IntMap<Meters> forException(@Nullable String name) {
      if (name == null) {
        return plain;
      }
      IntMap<Meters> map = byException.get(name);
      return map != null ? map : byException.computeIfAbsent(name, n -> new IntMap<>());
    }
  }
}
