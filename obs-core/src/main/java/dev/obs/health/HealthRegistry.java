package dev.obs.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the named health checks and runs them: in parallel on a small bounded executor, each with a
 * timeout, at most one evaluation of a check in flight at a time (concurrent callers share it, so a
 * hanging dependency costs one thread, not one per probe), results cached for a short TTL. Obtain
 * it from {@code obs.health()}.
 *
 * <pre>{@code
 * obs.health().register("database", HealthChecks.jdbc(dataSource));
 * HealthReport ready = obs.health().checkGroup(CheckOptions.READINESS);
 * }</pre>
 *
 * <p>It publishes {@code obs.health.status{check}} (1 UP, 0.5 DEGRADED, 0 DOWN) and {@code
 * obs.health.check.duration{check}}, logs each status change once, and keeps a history from which
 * {@link #uptime(String)} is computed.
 */
public final class HealthRegistry {
  private static final Logger log = LoggerFactory.getLogger(HealthRegistry.class);
  private static final String DRAIN_CHECK = "shutdown";

  private final Map<String, CheckEntry> entries = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> refreshes = new ConcurrentHashMap<>();
  // With background work off, when each refreshed check is next due; refreshDue() runs them.
  private final Map<String, java.time.Instant> dueRefreshes = new ConcurrentHashMap<>();
  private final List<String> order = new ArrayList<>();
  private final MeterRegistry registry;
  private final Clock clock;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final Duration defaultTimeout;
  private final Duration defaultCacheTtl;
  private final boolean background;
  private volatile boolean draining;

  private HealthRegistry(Builder b) {
    this.registry = b.registry;
    this.clock = b.clock;
    this.defaultTimeout = b.timeout;
    this.defaultCacheTtl = b.cacheTtl;
    this.background = b.background;
    this.executor =
        new ThreadPoolExecutor(
            b.threads,
            b.threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("obs-health-"));
    ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("obs-health-refresh-"));
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, prefix + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Returns a builder; {@code Obs} builds the registry from {@code obs.health.*} keys, so
   * applications rarely need this.
   *
   * @param registry where health meters are registered
   * @return a new builder
   */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /**
   * Stops background refreshes and the check threads, interrupting checks still running. Called by
   * {@code Obs.close()}.
   */
  public void close() {
    refreshes.values().forEach(f -> f.cancel(false));
    scheduler.shutdownNow();
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns the number of threads currently running checks, for diagnostics and tests.
   *
   * @return the active thread count
   */
  public int activeThreads() {
    return ((ThreadPoolExecutor) executor).getActiveCount();
  }

  /** Builds a {@link HealthRegistry}. */
  public static final class Builder {
    /** The default number of threads that run checks: 4. */
    public static final int DEFAULT_THREADS = 4;

    private final MeterRegistry registry;
    private Clock clock = Clock.systemUTC();
    private Duration timeout = CheckOptions.DEFAULT_TIMEOUT;
    private Duration cacheTtl = CheckOptions.DEFAULT_CACHE_TTL;
    private int threads = DEFAULT_THREADS;
    private boolean background = true;

    private Builder(MeterRegistry registry) {
      this.registry = registry;
    }

    /**
     * Reads {@code obs.health.timeout} (default 2s), {@code obs.health.cache-ttl} (default 1s),
     * {@code obs.health.threads} (default 4) and {@code obs.background.enabled} (default true).
     *
     * @param config the configuration
     * @return this builder
     * @throws dev.obs.config.ObsConfigException naming the key when a value is invalid
     */
    public Builder config(dev.obs.config.ObsConfig config) {
      this.timeout = config.duration("obs.health.timeout", timeout);
      this.cacheTtl = config.nonNegativeDuration("obs.health.cache-ttl", cacheTtl);
      this.threads = config.positiveInt("obs.health.threads", threads);
      this.background = config.bool("obs.background.enabled", background);
      return this;
    }

    /**
     * Sets whether checks with a refresh interval are refreshed on a background thread. The default
     * is true; without it, {@link HealthRegistry#refreshDue()} refreshes them, as tests on a manual
     * clock do.
     *
     * @param value whether to refresh in the background
     * @return this builder
     */
    public Builder background(boolean value) {
      this.background = value;
      return this;
    }

    /**
     * Sets the clock for cache expiry, timestamps and history.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the default timeout of checks.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the default cache TTL of results.
     *
     * @param ttl zero or a positive duration
     * @return this builder
     */
    public Builder cacheTtl(Duration ttl) {
      this.cacheTtl = ttl;
      return this;
    }

    /**
     * Sets the number of threads that run checks.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Validates and builds the registry, starting its threads on demand.
     *
     * @return the registry
     * @throws IllegalArgumentException when an option is invalid
     */
    public HealthRegistry build() {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      if (cacheTtl.isNegative()) {
        throw new IllegalArgumentException("cacheTtl must not be negative, got " + cacheTtl);
      }
      return new HealthRegistry(this);
    }
  }

  /**
   * Registers a check with the default options: readiness group, critical, the default timeout and
   * cache TTL.
   *
   * @param name a unique name such as {@code database}
   * @param check the check
   * @throws IllegalArgumentException if the name is blank or already registered
   */
  public void register(String name, HealthCheck check) {
    register(name, check, CheckOptions.defaults());
  }

  /**
   * Registers a check.
   *
   * @param name a unique name such as {@code database}
   * @param check the check
   * @param options its groups, criticality, timeout, caching, damping and refresh
   * @throws IllegalArgumentException if the name is blank or already registered
   */
  public void register(String name, HealthCheck check, CheckOptions options) {
    if (name.isBlank() || name.equals(DRAIN_CHECK)) {
      throw new IllegalArgumentException(
          "health check name must be non-blank and not '" + DRAIN_CHECK + "', got '" + name + "'");
    }
    CheckEntry entry =
        new CheckEntry(
            name, check, options, defaultTimeout, defaultCacheTtl, clock, executor, this::onResult);
    synchronized (order) {
      if (entries.putIfAbsent(name, entry) != null) {
        throw new IllegalArgumentException(
            "a health check named '" + name + "' is already registered");
      }
      order.add(name);
    }
    meters.put(name, registerMeters(entry));
    Duration refresh = options.refreshInterval();
    if (refresh != null && !background) {
      dueRefreshes.put(name, clock.instant());
    } else if (refresh != null) {
      refreshes.put(
          name,
          scheduler.scheduleWithFixedDelay(
              () -> refresh(entry), 0, refresh.toMillis(), TimeUnit.MILLISECONDS));
    }
  }

  /**
   * Removes a check, its meters and its background refresh.
   *
   * @param name the check's name
   * @return true if it was registered
   */
  public boolean unregister(String name) {
    CheckEntry removed;
    synchronized (order) {
      removed = entries.remove(name);
      order.remove(name);
    }
    dueRefreshes.remove(name);
    ScheduledFuture<?> refresh = refreshes.remove(name);
    if (refresh != null) {
      refresh.cancel(false);
    }
    List<Meter> ms = meters.remove(name);
    if (ms != null) {
      ms.forEach(registry::remove);
    }
    return removed != null;
  }

  /**
   * Returns the registered check names in registration order.
   *
   * @return the names
   */
  public List<String> names() {
    synchronized (order) {
      return List.copyOf(order);
    }
  }

  /**
   * Returns every group that at least one check belongs to.
   *
   * @return the group names, sorted
   */
  public Set<String> groups() {
    Set<String> groups = new TreeSet<>();
    entries.values().forEach(e -> groups.addAll(e.options.groups()));
    return groups;
  }

  /**
   * Runs every check (or reuses fresh results) and aggregates them.
   *
   * @return the report
   */
  public HealthReport checkAll() {
    return run(e -> true, false);
  }

  /**
   * Runs the checks of one group and aggregates them; while draining, readiness is DOWN.
   *
   * @param group a group name such as {@link CheckOptions#READINESS}
   * @return the report; UP with no checks when the group is empty
   */
  public HealthReport checkGroup(String group) {
    return run(e -> e.options.groups().contains(group), CheckOptions.READINESS.equals(group));
  }

  /**
   * Runs one check.
   *
   * @param name the check's name
   * @return a report holding only that check, or {@code null} if no such check exists
   */
  public @Nullable HealthReport checkOne(String name) {
    if (!entries.containsKey(name)) {
      return null;
    }
    return run(e -> e.name.equals(name), false);
  }

  /**
   * Returns the uptime of a check over the last 24 hours, 7 days and 90 days.
   *
   * @param name the check's name
   * @return the uptime, or {@code null} if no such check exists
   */
  public @Nullable Uptime uptime(String name) {
    CheckEntry entry = entries.get(name);
    if (entry == null) {
      return null;
    }
    var now = clock.instant();
    return new Uptime(
        entry.history.availablePercent(now, Duration.ofHours(24)),
        entry.history.availablePercent(now, Duration.ofDays(7)),
        entry.history.availablePercent(now, Duration.ofDays(90)));
  }

  /**
   * Returns the status a check last reported, without running it: what the public status page
   * shows, so that page views never trigger checks.
   *
   * @param name the check's name
   * @return the last status, or {@code null} if no such check exists or it has not run yet
   */
  public @Nullable HealthStatus lastStatus(String name) {
    CheckEntry entry = entries.get(name);
    return entry == null ? null : entry.reported();
  }

  /**
   * Returns the names of the checks registered with a public title ({@link
   * CheckOptions.Builder#publicTitle(String)}), in registration order: the components of the public
   * status page.
   *
   * @return the names of public checks
   */
  public List<String> publicNames() {
    List<String> out = new ArrayList<>();
    for (String name : names()) {
      CheckEntry entry = entries.get(name);
      if (entry != null && entry.options.publicTitle() != null) {
        out.add(name);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the options a check was registered with.
   *
   * @param name the check's name
   * @return the options, or {@code null} if no such check exists
   */
  public @Nullable CheckOptions options(String name) {
    CheckEntry entry = entries.get(name);
    return entry == null ? null : entry.options;
  }

  /**
   * Turns readiness DOWN so load balancers stop sending traffic; {@code Obs.close()} calls this
   * before it waits out the drain period.
   */
  public void startDraining() {
    if (!draining) {
      draining = true;
      // DEBUG: every close drains, tests close one Obs per test; Obs logs a drain period at INFO.
      log.debug("obs health: draining, readiness is DOWN until shutdown");
    }
  }

  /**
   * Tells whether readiness is held DOWN for shutdown.
   *
   * @return true while draining
   */
  public boolean isDraining() {
    return draining;
  }

  private HealthReport run(Predicate<CheckEntry> filter, boolean readiness) {
    List<CheckEntry> selected = new ArrayList<>();
    for (String name : names()) {
      CheckEntry e = entries.get(name);
      if (e != null && filter.test(e)) {
        selected.add(e);
      }
    }
    List<CheckEntry.Pending> pending = new ArrayList<>(selected.size());
    for (CheckEntry e : selected) {
      pending.add(e.begin(false));
    }
    Map<String, HealthResult> results = new LinkedHashMap<>();
    HealthStatus status = HealthStatus.UP;
    for (int i = 0; i < selected.size(); i++) {
      CheckEntry e = selected.get(i);
      HealthResult r = e.await(pending.get(i));
      results.put(e.name, r);
      status = worst(status, contribution(r.status(), e.options.critical()));
    }
    if (readiness && draining) {
      results.put(DRAIN_CHECK, HealthResult.down("draining before shutdown"));
      status = HealthStatus.DOWN;
    }
    return new HealthReport(status, results, clock.instant());
  }

  /**
   * Runs, and waits for, each check whose refresh interval has passed on the registry's clock; only
   * needed when {@code obs.background.enabled} is false, since otherwise a background thread
   * refreshes them. Each check is waited for at most its timeout.
   *
   * @return the names of the checks refreshed, in registration order
   */
  public List<String> refreshDue() {
    java.time.Instant now = clock.instant();
    List<String> ran = new ArrayList<>();
    for (String name : names()) {
      java.time.Instant due = dueRefreshes.get(name);
      CheckEntry entry = entries.get(name);
      if (due == null || entry == null || due.isAfter(now)) {
        continue;
      }
      Duration interval = entry.options.refreshInterval();
      dueRefreshes.put(name, now.plus(interval == null ? Duration.ZERO : interval));
      entry.await(entry.begin(true));
      ran.add(name);
    }
    return ran;
  }

  private void refresh(CheckEntry entry) {
    try {
      entry.begin(true);
    } catch (RuntimeException e) {
      log.warn("obs health: background refresh of '{}' failed to start", entry.name, e);
    }
  }

  static HealthStatus contribution(HealthStatus status, boolean critical) {
    if (status == HealthStatus.DOWN && !critical) {
      return HealthStatus.DEGRADED;
    }
    return status;
  }

  static HealthStatus worst(HealthStatus a, HealthStatus b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  private List<Meter> registerMeters(CheckEntry entry) {
    List<Meter> list = new ArrayList<>();
    list.add(
        Gauge.builder("obs.health.status", entry, HealthRegistry::gaugeValue)
            .description("Health check status: 1 UP, 0.5 DEGRADED, 0 DOWN")
            .tag("check", entry.name)
            .register(registry));
    list.add(
        Timer.builder("obs.health.check.duration")
            .description("Duration of health check evaluations")
            .tag("check", entry.name)
            .register(registry));
    return list;
  }

  private static double gaugeValue(CheckEntry entry) {
    HealthStatus s = entry.reported();
    return s == null ? Double.NaN : s.gaugeValue();
  }

  private void onResult(CheckEntry.Completed completed) {
    CheckEntry entry = completed.entry();
    HealthResult result = completed.result();
    registry.timer("obs.health.check.duration", "check", entry.name).record(result.duration());
    HealthStatus previous = completed.previous();
    if (previous == result.status()) {
      return;
    }
    String message = result.message() == null ? "" : ": " + result.message();
    String change = previous == null ? "" : " (was " + previous + ")";
    if (result.status() == HealthStatus.UP) {
      log.info("obs health: check '{}' is {}{}{}", entry.name, result.status(), change, message);
    } else {
      log.warn("obs health: check '{}' is {}{}{}", entry.name, result.status(), change, message);
    }
  }
}
