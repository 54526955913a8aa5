package dev.obs;

import dev.obs.alert.AlertListener;
import dev.obs.config.ConfigKeys;
import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.errors.ErrorReporter;
import dev.obs.health.HealthRegistry;
import dev.obs.history.History;
import dev.obs.http.HttpMetricsOptions;
import dev.obs.http.HttpServerMetrics;
import dev.obs.logging.AccessLog;
import dev.obs.tracing.HttpServerTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root of obs in an application: built once, started, and closed when the application stops.
 * Every capability is reached from here; nothing in obs is a static singleton, so tests can run
 * several side by side.
 *
 * <pre>{@code
 * try (Obs obs = Obs.builder().meterRegistry(registry).build().start()) {
 *   obs.record(ServerExchange.builder("GET", "/users/7").route("/users/{id}").build());
 * }
 * }</pre>
 */
public final class Obs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Obs.class);

  private enum State {
    NEW,
    STARTED,
    CLOSED
  }

  private final MeterRegistry registry;
  private final boolean ownsRegistry;
  private final ObsConfig config;
  private final HttpServerMetrics http;
  private final HealthRegistry health;
  private final HttpServerTracing tracing;
  private final ErrorReporter errors;
  private final ExchangeRecording exchanges;
  private final Duration drain;
  private final Clock clock;
  private final boolean jvmMetrics;
  private final @Nullable History history;
  private final List<ObsPlugin> plugins;
  private final AlertListener alertSink;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private State state = State.NEW;

  private Obs(Builder b, MeterRegistry registry, boolean ownsRegistry) {
    this.registry = registry;
    this.ownsRegistry = ownsRegistry;
    this.config = b.config;
    // Header names reach response headers: a bad one must fail here, not on the first request.
    for (String key : ObsConfig.HEADER_NAME_KEYS) {
      b.config.headerName(key, "X-Valid");
    }
    HttpMetricsOptions httpOptions =
        b.httpOptions != null ? b.httpOptions : HttpMetricsOptions.fromConfig(b.config);
    this.http = new HttpServerMetrics(registry, httpOptions);
    this.clock = b.clock;
    this.drain = b.config.nonNegativeDuration("obs.health.drain", Duration.ZERO);
    this.tracing = HttpServerTracing.create(b.config, b.openTelemetry);
    this.errors = ErrorReporter.create(b.config, registry, b.clock);
    this.exchanges = new ExchangeRecording(http, AccessLog.fromConfig(b.config), errors);
    this.health = HealthRegistry.builder(registry).config(b.config).clock(b.clock).build();
    this.jvmMetrics =
        b.jvmMetrics != null ? b.jvmMetrics : b.config.bool("obs.metrics.jvm.enabled", true);
    if (b.config.bool("obs.history.enabled", true)) {
      History.Builder historyBuilder = History.builder(registry, health, clock, config);
      if (b.historyDataSource != null) {
        historyBuilder.dataSource(b.historyDataSource);
      }
      historyBuilder.backgroundSampling(b.config.bool("obs.background.enabled", true));
      this.history = historyBuilder.build();
    } else {
      this.history = null;
    }
    PluginContext context =
        new PluginContext(registry, config, clock, health, history, AlertListener.log());
    List<ObsPlugin> created = new ArrayList<>();
    for (ObsPlugin.Provider provider : b.providers()) {
      created.add(provider.create(context));
    }
    this.plugins = List.copyOf(created);
    this.alertSink = context.alertSink();
  }

  /**
   * Returns a builder with every default and an empty configuration.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the registry where obs records its meters.
   *
   * @return the meter registry
   */
  public MeterRegistry meterRegistry() {
    return registry;
  }

  /**
   * Returns the configuration this instance was built from.
   *
   * @return the configuration
   */
  public ObsConfig config() {
    return config;
  }

  /**
   * Returns the HTTP server meters alone, for adapters' clock ({@link
   * HttpServerMetrics#monotonicTime()}) and for tests that record an exchange's meters without the
   * rest; adapters record finished requests with {@link #record(ServerExchange)}.
   *
   * @return the HTTP meters
   */
  public HttpServerMetrics http() {
    return http;
  }

  /**
   * Records a finished HTTP server request everywhere obs looks at requests, in this order: reports
   * the exception that escaped the handler (only when set with {@link
   * ServerExchange.Builder#unhandled}), records {@code http.server.requests} and {@code
   * obs.http.server.errors}, ends the request's span, and writes the {@code obs.access} line when
   * {@code obs.logging.access-log} is true. Requests to excluded paths (obs's own endpoints by
   * default) get neither meters nor an access-log line. Never throws.
   *
   * <p>Call it on the request's thread before leaving the request's log context (before {@link
   * dev.obs.tracing.ServerSpan#detach()}), so that an error report carries the request, trace and
   * user ids; the access-log line carries only its own request id either way. An async request is
   * recorded when it completes, on whatever thread that is.
   *
   * <pre>{@code
   * String errorId = obs.record(ServerExchange.builder(method, path)
   *     .route(route)
   *     .status(500)
   *     .durationNanos(obs.http().monotonicTime() - start)
   *     .unhandled(exception, requestView)
   *     .requestId(requestId)
   *     .span(span)
   *     .build());
   * if (errorId != null) {
   *   response.setHeader(ErrorReporter.ERROR_ID_HEADER, errorId);
   * }
   * }</pre>
   *
   * @param exchange the finished request
   * @return the error id to return to the client in {@link ErrorReporter#ERROR_ID_HEADER}, or
   *     {@code null} when nothing was reported or an ignore rule matched
   */
  public @Nullable String record(ServerExchange exchange) {
    return exchanges.record(exchange);
  }

  /**
   * Returns the health checks: register checks here, and run them by group.
   *
   * @return the health registry
   */
  public HealthRegistry health() {
    return health;
  }

  /**
   * Returns the tracing of HTTP server requests: a SERVER span per request when an {@code
   * OpenTelemetry} is available or {@code obs.tracing.exporter} asks for one, otherwise a no-op.
   *
   * @return the HTTP server tracing
   */
  public HttpServerTracing tracing() {
    return tracing;
  }

  /**
   * Returns the reporter of unhandled exceptions: one structured ERROR log line with an error id,
   * and a Sentry event when {@code obs.sentry.dsn} or {@code SENTRY_DSN} is set.
   *
   * @return the error reporter
   */
  public ErrorReporter errors() {
    return errors;
  }

  /**
   * Returns the plug-in of the given type, such as obs-alerts' {@code Alerting}, when one was
   * installed: discovered on the class path or added with {@link Builder#plugin}.
   *
   * @param type the plug-in class
   * @param <T> the plug-in type
   * @return the plug-in, or empty when none of that type is installed
   */
  public <T extends ObsPlugin> Optional<T> plugin(Class<T> type) {
    for (ObsPlugin p : plugins) {
      if (type.isInstance(p)) {
        return Optional.of(type.cast(p));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns where alert sources, such as backups, hand the alerts they raise: the notification
   * engine when obs-alerts is installed, otherwise a listener that logs them.
   *
   * @return the alert sink
   */
  public AlertListener alertSink() {
    return alertSink;
  }

  /**
   * Returns the per-minute history of requests, health and incidents behind the status page, kept
   * in memory or in the database of {@code obs.history.jdbc.url}; sampling starts with {@link
   * #start()}.
   *
   * @return the history, or {@code null} when {@code obs.history.enabled} is false
   */
  public @Nullable History history() {
    return history;
  }

  /**
   * Returns the clock obs uses for timestamps, caches and history.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Starts background work and binds the JVM and process meters. Calling it again does nothing.
   *
   * @return this instance
   * @throws IllegalStateException if this instance is already closed
   */
  public synchronized Obs start() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("Obs is closed; build a new instance instead of restarting");
    }
    if (state == State.STARTED) {
      return this;
    }
    ClassLoader loader = Obs.class.getClassLoader();
    if (loader != null) {
      ConfigKeys.load(loader).warnUnknown(config);
    }
    if (jvmMetrics) {
      bindJvmMetrics();
    }
    if (history != null) {
      history.start();
    }
    for (ObsPlugin p : plugins) {
      p.start();
    }
    state = State.STARTED;
    return this;
  }

  /**
   * Tells whether {@link #start()} has run and {@link #close()} has not.
   *
   * @return true while running
   */
  public synchronized boolean isRunning() {
    return state == State.STARTED;
  }

  private void bindJvmMetrics() {
    JvmGcMetrics gc = new JvmGcMetrics();
    JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
    closeables.add(gc);
    closeables.add(heapPressure);
    List<MeterBinder> binders =
        List.of(
            new JvmMemoryMetrics(),
            gc,
            heapPressure,
            new JvmThreadMetrics(),
            new JvmInfoMetrics(),
            new ClassLoaderMetrics(),
            new ProcessorMetrics(),
            new UptimeMetrics(),
            new FileDescriptorMetrics());
    for (MeterBinder binder : binders) {
      binder.bindTo(registry);
    }
  }

  /**
   * Stops background work and releases what this instance holds; closes the registry only when obs
   * created it. Readiness turns DOWN first and stays so for the drain period ({@code
   * obs.health.drain}, default 0s), so load balancers stop sending traffic before the app stops.
   * Calling it again does nothing.
   */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    // In reverse order of creation: a plug-in may use what an earlier one set up.
    for (int i = plugins.size() - 1; i >= 0; i--) {
      closeQuietly(plugins.get(i));
    }
    if (history != null) {
      history.close();
    }
    health.startDraining();
    if (!drain.isZero()) {
      log.info("obs: readiness is DOWN, draining for {} before shutdown", drain);
      try {
        Thread.sleep(drain.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    health.close();
    tracing.close();
    errors.close();
    for (AutoCloseable c : closeables) {
      closeQuietly(c);
    }
    closeables.clear();
    if (ownsRegistry) {
      registry.close();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("obs: closing {} failed", c.getClass().getSimpleName(), e);
    }
  }

  /** Builds an {@link Obs}. */
  public static final class Builder {
    private @Nullable MeterRegistry registry;
    private ObsConfig config = ObsConfig.empty();
    private @Nullable HttpMetricsOptions httpOptions;
    private @Nullable Boolean jvmMetrics;
    private Clock clock = Clock.systemUTC();
    private @Nullable OpenTelemetry openTelemetry;
    private final List<ObsPlugin.Provider> plugins = new ArrayList<>();
    private boolean discoverPlugins = true;
    private @Nullable DataSource historyDataSource;

    private Builder() {}

    /**
     * Keeps the history behind the status page in this database (PostgreSQL or H2) instead of the
     * one {@code obs.history.jdbc.url} names or memory.
     *
     * @param dataSource the database
     * @return this builder
     */
    public Builder historyDataSource(DataSource dataSource) {
      this.historyDataSource = dataSource;
      return this;
    }

    /**
     * Adds a plug-in, such as {@code Alerting.builder().rules(groups)} of obs-alerts. It replaces a
     * plug-in discovered on the class path whose provider has the same class.
     *
     * @param provider creates the plug-in while this builder builds
     * @return this builder
     */
    public Builder plugin(ObsPlugin.Provider provider) {
      this.plugins.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * Turns the discovery of plug-ins on the class path ({@link ServiceLoader} entries for {@link
     * ObsPlugin.Provider}) on or off. It is on by default, so adding obs-alerts is enough to
     * evaluate the rules of {@code obs.alerts.rule-files}.
     *
     * @param enabled whether to discover plug-ins
     * @return this builder
     */
    public Builder discoverPlugins(boolean enabled) {
      this.discoverPlugins = enabled;
      return this;
    }

    private List<ObsPlugin.Provider> providers() {
      List<ObsPlugin.Provider> all = new ArrayList<>(plugins);
      if (discoverPlugins) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
          loader = Obs.class.getClassLoader();
        }
        for (ObsPlugin.Provider found : ServiceLoader.load(ObsPlugin.Provider.class, loader)) {
          if (plugins.stream().noneMatch(p -> p.getClass() == found.getClass())) {
            all.add(found);
          }
        }
      }
      return all;
    }

    /**
     * Uses the application's {@code OpenTelemetry} for request spans; by default obs uses the
     * global one when the Java agent or the app set it, else what {@code obs.tracing.exporter} asks
     * for.
     *
     * @param openTelemetry the OpenTelemetry instance; obs does not close it
     * @return this builder
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      return this;
    }

    /**
     * Sets the clock for timestamps, health caches and history; tests pass a manual clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Uses the given registry; by default obs creates a {@code SimpleMeterRegistry} and closes it
     * on {@link Obs#close()}.
     *
     * @param registry the registry to record into
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    /**
     * Reads options not set explicitly on this builder from the given {@code obs.*} keys.
     *
     * @param config the configuration, such as {@link ObsConfig#fromEnvironment()}
     * @return this builder
     */
    public Builder config(ObsConfig config) {
      this.config = config;
      return this;
    }

    /**
     * Sets how HTTP exchanges are recorded, overriding {@code obs.http.*} keys.
     *
     * @param options the HTTP options
     * @return this builder
     */
    public Builder http(HttpMetricsOptions options) {
      this.httpOptions = options;
      return this;
    }

    /**
     * Turns the JVM and process meters on or off, overriding {@code obs.metrics.jvm.enabled}. They
     * are on by default.
     *
     * @param enabled whether to bind them on start
     * @return this builder
     */
    public Builder jvmMetrics(boolean enabled) {
      this.jvmMetrics = enabled;
      return this;
    }

    /**
     * Validates the configuration and builds an instance that is not yet started.
     *
     * @return the new instance
     * @throws ObsConfigException naming the key when a configuration value is invalid
     */
    public Obs build() {
      MeterRegistry r = registry;
      boolean owns = r == null;
      if (r == null) {
        r = new SimpleMeterRegistry();
      }
      return new Obs(this, r, owns);
    }
  }
}
