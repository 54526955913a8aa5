package dev.obs.history;

import dev.obs.alert.AlertListener;
import dev.obs.config.ObsConfig;
import dev.obs.health.HealthRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics history of an application: once a minute, on its own thread, it turns the {@code
 * http.server.requests} meters and the health checks into per-minute rows, writes them to a {@link
 * HistoryStore} in one batch, purges rows older than the retention, and recomputes the status
 * page's {@link StatusSnapshot}. It also keeps the incidents. Requests pay nothing for it: it only
 * reads the meters they already update.
 *
 * <pre>{@code
 * History history = History.builder(obs.meterRegistry(), obs.health(), obs.clock(), obs.config()).dataSource(dataSource).build().start();
 * Summary day = history.summary(Duration.ofHours(24));
 * }</pre>
 *
 * <p>Configuration ({@code obs.history.*}): {@code jdbc.url}, {@code jdbc.user}, {@code
 * jdbc.password} for a database store, {@code schema} for its tables, {@code retention} (default
 * 90d) and {@code memory.max-route-rows} (default 200000) for the memory store.
 */
public final class History implements AutoCloseable {
  /** The default retention: 90 days. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

  private static final Logger log = LoggerFactory.getLogger(History.class);

  private final HistoryStore store;
  private final Clock clock;
  private final Duration retention;
  private final HealthRegistry health;
  private final Sampler sampler;
  private final Views views;
  private final Counter failures;
  private final Object incidentLock = new Object();
  private final AlertListener alertListener = new IncidentAlerts(this);
  private @Nullable ScheduledExecutorService scheduler;
  private volatile @Nullable StatusSnapshot snapshot;
  private volatile boolean started;
  private volatile boolean closed;
  private final boolean backgroundSampling;
  private Instant lastPurge = Instant.EPOCH;

  private History(Builder b, HistoryStore store, Duration retention) {
    this.backgroundSampling = b.backgroundSampling;
    this.store = store;
    this.clock = b.clock;
    this.retention = retention;
    this.health = b.health;
    this.sampler = new Sampler(b.registry, b.health);
    this.views = new Views(store, b.health);
    this.failures =
        Counter.builder("obs.internal.failures")
            .description("Failures inside obs that were absorbed instead of thrown")
            .tag("component", "history")
            .register(b.registry);
  }

  /**
   * Returns a builder over the parts a history samples: meters, health checks, a clock, and the
   * {@code obs.history.*} keys of a configuration.
   *
   * @param registry the registry holding {@code http.server.requests}
   * @param health the health checks to sample
   * @param clock the clock for sampling and retention
   * @param config the configuration
   * @return a new builder
   */
  public static Builder builder(
      MeterRegistry registry, HealthRegistry health, Clock clock, ObsConfig config) {
    return new Builder(registry, health, clock, config);
  }

  /**
   * Returns a builder over a registry and health checks, for use without an {@code Obs}.
   *
   * @param registry the registry holding {@code http.server.requests}
   * @param health the health checks to sample
   * @return a new builder
   */
  public static Builder builder(MeterRegistry registry, HealthRegistry health) {
    return new Builder(registry, health, Clock.systemUTC(), ObsConfig.empty());
  }

  /**
   * Prepares the store (creating or upgrading tables), takes the meters' current values as the
   * baseline, and schedules sampling at the start of every minute and purging every hour (unless
   * {@link Builder#backgroundSampling(boolean)} turned that off). Calling it again does nothing.
   *
   * @return this instance
   * @throws HistoryException when the store cannot be prepared
   * @throws IllegalStateException when it is closed
   */
  public synchronized History start() {
    if (closed) {
      throw new IllegalStateException("History is closed; build a new one instead of restarting");
    }
    if (started) {
      return this;
    }
    store.open();
    sampler.baseline();
    started = true;
    if (!backgroundSampling) {
      refresh();
      return this;
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "obs-history");
              t.setDaemon(true);
              return t;
            });
    scheduler = s;
    long millis = clock.millis();
    // A second past the minute, so the minute just ended is complete in every meter.
    long delay = 60_000 - Math.floorMod(millis, 60_000) + 1_000;
    s.scheduleAtFixedRate(this::tickQuietly, delay, 60_000, TimeUnit.MILLISECONDS);
    s.execute(this::refreshQuietly);
    return this;
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      failures.increment();
      log.warn("obs history: sampling failed; the minute is lost and sampling goes on", e);
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      failures.increment();
      log.warn("obs history: computing the status snapshot failed", e);
    }
  }

  /**
   * Samples now: records the traffic since the previous sample and every check's status as the
   * minute that ended at the last minute boundary, writes them in one batch, purges once an hour,
   * and recomputes the snapshot. The scheduler calls this every minute; tests with a manual clock
   * call it directly.
   *
   * @throws HistoryException when the store fails
   */
  public synchronized void tick() {
    Instant now = clock.instant();
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
    List<RouteMinute> routes = sampler.routes(minute);
    List<CheckMinute> checks = sampler.checks(minute);
    store.write(routes, checks);
    if (!now.isBefore(lastPurge.plus(Duration.ofHours(1)))) {
      purge();
    }
    refresh();
  }

  /**
   * Deletes rows and resolved incidents older than the retention.
   *
   * @return how many rows and incidents were deleted
   * @throws HistoryException when the store fails
   */
  public synchronized long purge() {
    Instant now = clock.instant();
    lastPurge = now;
    long deleted = store.purge(now.minus(retention));
    if (deleted > 0) {
      log.debug("obs history: purged {} rows older than {}", deleted, retention);
    }
    return deleted;
  }

  /**
   * Recomputes the status snapshot now, rather than at the next sample.
   *
   * @return the new snapshot
   */
  public synchronized StatusSnapshot refresh() {
    StatusSnapshot s = views.snapshot(clock.instant());
    snapshot = s;
    return s;
  }

  /**
   * Returns the status page's snapshot as of the last sample or incident change; computes one the
   * first time.
   *
   * @return the snapshot
   */
  public StatusSnapshot snapshot() {
    StatusSnapshot s = snapshot;
    return s != null ? s : refresh();
  }

  /**
   * Summarises a window ending now.
   *
   * @param window the window, such as 24 hours
   * @return the summary
   * @throws IllegalArgumentException if the window is not positive
   */
  public Summary summary(Duration window) {
    requirePositive(window, "window");
    return views.summary(clock.instant(), window);
  }

  /**
   * Computes a series over a time range in steps.
   *
   * @param metric what each point measures
   * @param route one route, or {@code null} for every route together
   * @param from the start of the range
   * @param to the end of the range
   * @param step the step, at least one minute
   * @return one point per step, oldest first
   * @throws IllegalArgumentException if the range is empty or the step is under a minute or makes
   *     more than 10,000 points
   */
  public List<SeriesPoint> series(
      SeriesMetric metric, @Nullable String route, Instant from, Instant to, Duration step) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from, got " + from + " and " + to);
    }
    if (step.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("step must be at least 1m, got " + step);
    }
    if (Duration.between(from, to).dividedBy(step) > 10_000) {
      throw new IllegalArgumentException(
          "the range holds more than 10000 steps of " + step + "; use a larger step");
    }
    return views.series(metric, route, from, to, step);
  }

  /**
   * Returns the store, for direct reads.
   *
   * @return the store
   */
  public HistoryStore store() {
    return store;
  }

  /**
   * Returns the clock history uses.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the health checks this history samples.
   *
   * @return the health registry
   */
  public HealthRegistry health() {
    return health;
  }

  /**
   * Returns the retention in force.
   *
   * @return the retention
   */
  public Duration retention() {
    return retention;
  }

  /**
   * Returns the listener that opens an incident when an alert labelled {@code severity="critical"}
   * fires and resolves it when the alert resolves; register it with the alert rules.
   *
   * @return the listener
   */
  public AlertListener alertListener() {
    return alertListener;
  }

  /**
   * Opens an incident by hand.
   *
   * @param title the public title
   * @param state the first state, usually {@link IncidentState#INVESTIGATING}
   * @param message the first public message
   * @return the incident
   * @throws IllegalArgumentException if the title or message is blank or too long
   */
  public Incident openIncident(String title, IncidentState state, String message) {
    requireText(title, "title", 500);
    requireText(message, "message", 4000);
    Instant now = clock.instant();
    Incident incident =
        new Incident(
            newId(now),
            title.strip(),
            state,
            now,
            state == IncidentState.RESOLVED ? now : null,
            List.of(new IncidentUpdate(now, state, message.strip())),
            null);
    synchronized (incidentLock) {
      store.save(incident);
    }
    refreshIncidents();
    return incident;
  }

  /**
   * Posts an update to an incident: its new state and a public message.
   *
   * @param id the incident's id
   * @param state the new state
   * @param message the public message
   * @return the updated incident
   * @throws IllegalArgumentException if there is no such incident or the message is blank or too
   *     long
   */
  public Incident updateIncident(String id, IncidentState state, String message) {
    requireText(message, "message", 4000);
    Incident updated;
    synchronized (incidentLock) {
      Incident incident = store.incident(id);
      if (incident == null) {
        throw new IllegalArgumentException("no incident with id '" + id + "'");
      }
      updated = incident.with(new IncidentUpdate(clock.instant(), state, message.strip()));
      store.save(updated);
    }
    refreshIncidents();
    return updated;
  }

  /**
   * Returns the open incidents and those resolved within a duration, newest first.
   *
   * @param resolvedWithin how far back resolved incidents are included
   * @return the incidents
   */
  public List<Incident> incidents(Duration resolvedWithin) {
    return store.incidents(clock.instant().minus(resolvedWithin));
  }

  void openForAlert(String fingerprint, Instant firedAt, String title, String message) {
    synchronized (incidentLock) {
      for (Incident i : store.incidents(firedAt)) {
        if (fingerprint.equals(i.alertFingerprint()) && !i.startedAt().isBefore(firedAt)) {
          return;
        }
        if (fingerprint.equals(i.alertFingerprint()) && i.isOpen()) {
          return;
        }
      }
      Instant now = clock.instant();
      store.save(
          new Incident(
              newId(now),
              title,
              IncidentState.INVESTIGATING,
              now,
              null,
              List.of(new IncidentUpdate(now, IncidentState.INVESTIGATING, message)),
              fingerprint));
    }
    refreshIncidents();
  }

  void resolveForAlert(String fingerprint, String message) {
    List<Incident> open = new ArrayList<>();
    synchronized (incidentLock) {
      Instant now = clock.instant();
      for (Incident i : store.incidents(now)) {
        if (fingerprint.equals(i.alertFingerprint()) && i.isOpen()) {
          open.add(i);
          store.save(i.with(new IncidentUpdate(now, IncidentState.RESOLVED, message)));
        }
      }
    }
    if (!open.isEmpty()) {
      refreshIncidents();
    }
  }

  private synchronized void refreshIncidents() {
    StatusSnapshot s = snapshot;
    if (s != null) {
      snapshot =
          new StatusSnapshot(
              s.computedAt(),
              s.components(),
              store.incidents(clock.instant().minus(Views.RECENT_INCIDENTS)),
              s.latency24h(),
              s.latency7d());
    }
  }

  private static String newId(Instant now) {
    return Long.toString(now.toEpochMilli(), 36)
        + "-"
        + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
  }

  private static void requireText(String text, String what, int max) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (text.length() > max) {
      throw new IllegalArgumentException(
          what + " must be at most " + max + " characters, got " + text.length());
    }
  }

  private static void requirePositive(Duration d, String what) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }

  /** Stops sampling and closes the store. Calling it again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ScheduledExecutorService s = scheduler;
    if (s != null) {
      s.shutdownNow();
      try {
        s.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    store.close();
  }

  /** Builds a {@link History}. */
  public static final class Builder {
    private final MeterRegistry registry;
    private final HealthRegistry health;
    private final ObsConfig config;
    private Clock clock;
    private @Nullable HistoryStore store;
    private @Nullable DataSource dataSource;
    private @Nullable Duration retention;
    private boolean backgroundSampling = true;

    private Builder(MeterRegistry registry, HealthRegistry health, Clock clock, ObsConfig config) {
      this.registry = registry;
      this.health = health;
      this.clock = clock;
      this.config = config;
    }

    /**
     * Sets the clock for minutes, retention and incident times.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Uses this store, overriding {@code obs.history.jdbc.*}.
     *
     * @param store the store; {@link History#close()} closes it
     * @return this builder
     */
    public Builder store(HistoryStore store) {
      this.store = store;
      return this;
    }

    /**
     * Keeps history in the database behind this data source, in the schema named by {@code
     * obs.history.schema} (default: the connection's).
     *
     * @param dataSource a PostgreSQL or H2 data source, typically the application's pool
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /**
     * Sets how long rows are kept, overriding {@code obs.history.retention}. The default is 90
     * days.
     *
     * @param retention at least one day
     * @return this builder
     */
    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    /**
     * Sets whether {@link History#start()} schedules sampling every minute and purging every hour
     * on its own thread. The default is true; tests that call {@link History#tick()} with a manual
     * clock turn it off so that no sample of real time interleaves with theirs.
     *
     * @param enabled false to sample only when {@link History#tick()} is called
     * @return this builder
     */
    public Builder backgroundSampling(boolean enabled) {
      this.backgroundSampling = enabled;
      return this;
    }

    /**
     * Validates the configuration and builds a history that is not yet started.
     *
     * @return the history
     * @throws dev.obs.config.ObsConfigException naming the key when a value is invalid
     * @throws IllegalArgumentException when an option set on this builder is invalid
     */
    public History build() {
      Duration keep =
          retention != null
              ? retention
              : config.duration("obs.history.retention", DEFAULT_RETENTION);
      if (keep.compareTo(Duration.ofDays(1)) < 0) {
        if (retention == null) {
          throw ObsConfig.invalid(
              "obs.history.retention",
              config.string("obs.history.retention", ""),
              "must be at least 1d, like 90d");
        }
        throw new IllegalArgumentException("retention must be at least 1 day, got " + keep);
      }
      String schema = config.get("obs.history.schema").orElse(null);
      if (schema != null && !Schema.isIdentifier(schema)) {
        throw ObsConfig.invalid(
            "obs.history.schema", schema, "must be a plain SQL identifier like obs_history");
      }
      HistoryStore s = store;
      if (s == null && dataSource != null) {
        s = HistoryStore.jdbc(dataSource, schema);
      }
      if (s == null) {
        String url = config.get("obs.history.jdbc.url").orElse(null);
        if (url != null) {
          if (!url.startsWith("jdbc:")) {
            throw ObsConfig.invalid(
                "obs.history.jdbc.url", url, "must be a JDBC URL like jdbc:postgresql://host/db");
          }
          s =
              HistoryStore.jdbc(
                  new DriverDataSource(
                      url,
                      config.get("obs.history.jdbc.user").orElse(null),
                      config.get("obs.history.jdbc.password").orElse(null)),
                  schema);
        }
      }
      if (s == null) {
        s =
            HistoryStore.memory(
                config.positiveInt(
                    "obs.history.memory.max-route-rows", HistoryStore.DEFAULT_MEMORY_ROUTE_ROWS));
      }
      return new History(this, s, keep);
    }
  }
}
