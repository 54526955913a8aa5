package dev.obs.alerts;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertListener;
import dev.obs.alert.AlertState;
import dev.obs.config.ObsConfig;
import dev.obs.promql.EvaluationCache;
import dev.obs.promql.InMemorySeriesStore;
import dev.obs.promql.SeriesStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert rules engine of one application: it samples the meter registry into an in-memory series
 * store, evaluates each rule group at its interval on its own thread (never a request thread),
 * keeps every alert's state as Prometheus does, and tells {@link AlertListener}s after each group
 * evaluation. Obtain it from {@code Alerting.of(obs).alerts()}, or build one directly.
 *
 * <pre>{@code
 * Alerts alerts = Alerts.builder()
 *     .meterRegistry(registry)
 *     .clock(clock)
 *     .groups("rules.yml", RuleFiles.load(Path.of("rules.yml")))
 *     .build();
 * alerts.evaluateDue(); // or alerts.start() for a background thread
 * List<Alert> firing = alerts.activeAlerts();
 * }</pre>
 */
public final class Alerts implements AutoCloseable {
  /** The evaluation interval when neither the group nor {@code obs.alerts.interval} sets one. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

  /** The most history kept unless {@code obs.alerts.retention.max} says otherwise: one hour. */
  public static final Duration DEFAULT_MAX_RETENTION = Duration.ofHours(1);

  private static final Logger log = LoggerFactory.getLogger(Alerts.class);
  private static final long LOOKBACK_MS = 5 * 60_000L;

  private final Clock clock;
  private final InMemorySeriesStore store;
  private final RuleOutputStore output;
  private final SeriesStore combined;
  private final @Nullable MeterSampler sampler;
  private final List<GroupRunner> groups;
  private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
  private final Duration tick;
  private @Nullable ScheduledExecutorService scheduler;
  private boolean closed;

  private Alerts(Builder b) {
    this.clock = b.clock;
    this.store = b.store != null ? b.store : new InMemorySeriesStore();
    this.sampler = b.registry == null ? null : new MeterSampler(b.registry, store);
    List<GroupRunner> runners = new ArrayList<>();
    long lookback = LOOKBACK_MS;
    Duration shortest = b.interval;
    for (Builder.Source s : b.sources) {
      for (RuleGroup g : s.groups()) {
        GroupRunner runner;
        try {
          runner = new GroupRunner(g, s.name(), b.interval);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              s.name() + ": rule group '" + g.name() + "': " + e.getMessage(), e);
        }
        runners.add(runner);
        for (RuleRunner r : runner.rules) {
          long needs = r.expr.maxLookback().toMillis();
          if (needs + b.interval.toMillis() > b.maxRetention.toMillis()) {
            log.info(
                "obs alerts: rule {} reads {} back but only {} of history is kept; raise"
                    + " obs.alerts.retention.max to evaluate it fully",
                r.rule.name(),
                r.expr.maxLookback(),
                b.maxRetention);
          }
          lookback = Math.max(lookback, needs);
        }
        if (runner.interval.compareTo(shortest) < 0) {
          shortest = runner.interval;
        }
      }
    }
    this.groups = List.copyOf(runners);
    java.util.Set<String> outputs = new java.util.HashSet<>(List.of("ALERTS", "ALERTS_FOR_STATE"));
    for (GroupRunner g : groups) {
      for (RuleRunner r : g.rules) {
        if (r.rule instanceof RecordingRule) {
          outputs.add(r.rule.name());
        }
      }
    }
    for (GroupRunner g : groups) {
      for (RuleRunner r : g.rules) {
        r.outputNames(outputs);
      }
    }
    // Keep the longest lookback plus one evaluation interval so a range never loses its first
    // sample between two evaluations.
    long retention = Math.min(lookback + b.interval.toMillis(), b.maxRetention.toMillis());
    this.store.retain(Duration.ofMillis(retention));
    this.output = new RuleOutputStore(retention);
    this.combined = new CombinedStore(store, output);
    this.tick = shortest.compareTo(Duration.ofSeconds(1)) < 0 ? shortest : Duration.ofSeconds(1);
    this.listeners.addAll(b.listeners);
  }

  /**
   * Returns a builder with the defaults: the system UTC clock, a 15 second interval, no rules.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Adds a listener called on the evaluation thread after each group evaluation, with the group's
   * firing and just-resolved alerts.
   *
   * @param listener the listener
   */
  public void addListener(AlertListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Samples the registry and evaluates every group whose interval has elapsed, at the clock's
   * current time. The background thread calls this; tests with a manual clock call it directly
   * after advancing the clock, and get the same results without threads.
   *
   * @return the number of groups evaluated
   */
  public synchronized int evaluateDue() {
    if (closed) {
      return 0;
    }
    long now = clock.millis();
    List<GroupRunner> due = new ArrayList<>();
    for (GroupRunner g : groups) {
      if (g.isDue(now)) {
        due.add(g);
      }
    }
    if (due.isEmpty()) {
      return 0;
    }
    if (sampler != null) {
      sampler.sample(now);
    }
    // One cache per tick: groups due together share selections of the sampled meters.
    EvaluationCache cache = new EvaluationCache();
    for (GroupRunner g : due) {
      List<Alert> notify =
          g.evaluate(
              now,
              new Evaluation(store, combined, output, g.group.limit(), cache),
              !listeners.isEmpty());
      Instant at = Instant.ofEpochMilli(now);
      for (AlertListener l : listeners) {
        try {
          l.onAlerts(at, notify);
        } catch (RuntimeException e) {
          log.warn(
              "obs alerts: listener {} failed after group {}",
              l.getClass().getName(),
              g.group.name(),
              e);
        }
      }
    }
    return due.size();
  }

  /**
   * Returns the pending and firing alerts of every rule.
   *
   * @return the active alerts, by group and rule order
   */
  public synchronized List<Alert> activeAlerts() {
    List<Alert> out = new ArrayList<>();
    for (Alert a : alerts()) {
      if (a.state() != AlertState.RESOLVED) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * Returns the pending, firing and resolved alerts; resolved ones stay 15 minutes, as Prometheus
   * keeps them to tell Alertmanager.
   *
   * @return the alerts, by group and rule order
   */
  public synchronized List<Alert> alerts() {
    List<Alert> out = new ArrayList<>();
    for (GroupRunner g : groups) {
      for (RuleRunner r : g.rules) {
        out.addAll(r.alerts());
      }
    }
    return out;
  }

  /**
   * Returns every group with its rules' health and last evaluation.
   *
   * @return the groups, in load order
   */
  public synchronized List<GroupStatus> groups() {
    List<GroupStatus> out = new ArrayList<>(groups.size());
    for (GroupRunner g : groups) {
      out.add(g.status());
    }
    return out;
  }

  /**
   * Returns the store the sampler writes to; tests and benchmarks append series here directly.
   *
   * @return the series store
   */
  public InMemorySeriesStore store() {
    return store;
  }

  /**
   * Starts the evaluation thread, which calls {@link #evaluateDue()} every second (or every
   * interval when shorter). Does nothing when there are no rules or it already runs.
   *
   * @throws IllegalStateException if closed
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("alerts engine is closed");
    }
    if (scheduler != null || groups.isEmpty()) {
      return;
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "obs-alerts");
              t.setDaemon(true);
              return t;
            });
    s.scheduleWithFixedDelay(this::evaluateInBackground, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    scheduler = s;
  }

  private void evaluateInBackground() {
    try {
      evaluateDue();
    } catch (RuntimeException e) {
      log.warn("obs alerts: evaluation failed", e);
    }
  }

  /** Stops the evaluation thread, waiting up to 5 seconds for an evaluation in progress. */
  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      s = scheduler;
      scheduler = null;
    }
    if (s != null) {
      s.shutdown();
      try {
        if (!s.awaitTermination(5, TimeUnit.SECONDS)) {
          s.shutdownNow();
        }
      } catch (InterruptedException e) {
        s.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Builds {@link Alerts}. */
  public static final class Builder {
    private record Source(String name, List<RuleGroup> groups) {}

    private Clock clock = Clock.systemUTC();
    private Duration interval = DEFAULT_INTERVAL;
    private Duration maxRetention = DEFAULT_MAX_RETENTION;
    private @Nullable MeterRegistry registry;
    private @Nullable InMemorySeriesStore store;
    private final List<Source> sources = new ArrayList<>();
    private final List<AlertListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the clock that decides evaluation times; tests pass a manual clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the default evaluation interval of groups that set none. The default is 15 seconds.
     *
     * @param interval a positive interval
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder interval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive, got " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * Caps the history the store keeps. The engine keeps the longest range plus offset its rules
     * read, plus one interval, but never more than this: a day-old baseline ({@code offset 1d})
     * over thousands of series would otherwise hold hundreds of megabytes. The default is 1 hour.
     *
     * @param maxRetention a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxRetention(Duration maxRetention) {
      if (maxRetention.isNegative() || maxRetention.isZero()) {
        throw new IllegalArgumentException("maxRetention must be positive, got " + maxRetention);
      }
      this.maxRetention = maxRetention;
      return this;
    }

    /**
     * Samples this registry into the store before each evaluation. Without one, rules see only what
     * is appended to {@link Alerts#store()}.
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    /**
     * Uses this store instead of a new one holding at most 10,000 series.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(InMemorySeriesStore store) {
      this.store = store;
      return this;
    }

    /**
     * Adds rule groups, such as a loaded rule file.
     *
     * @param source where they came from, shown in status and errors, such as the file name
     * @param groups the groups
     * @return this builder
     */
    public Builder groups(String source, List<RuleGroup> groups) {
      sources.add(new Source(source, List.copyOf(groups)));
      return this;
    }

    /**
     * Adds rule groups built in Java, with source {@code code}.
     *
     * @param groups the groups
     * @return this builder
     */
    public Builder groups(RuleGroup... groups) {
      return groups("code", List.of(groups));
    }

    /**
     * Adds a listener, as {@link Alerts#addListener} does.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(AlertListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Reads {@code obs.alerts.*}: loads {@code obs.alerts.rule-files} (comma-separated paths and
     * {@code classpath:} resources), the built-in pack when {@code obs.alerts.builtin.enabled} is
     * true with its thresholds, {@code obs.alerts.interval} and {@code obs.alerts.retention.max}.
     *
     * @param config the configuration
     * @return this builder
     * @throws dev.obs.config.ObsConfigException naming the key when a value or a rule file is
     *     invalid
     */
    public Builder config(ObsConfig config) {
      AlertsConfig.apply(config, this);
      return this;
    }

    /**
     * Compiles every rule and builds the engine; it evaluates nothing until {@link
     * Alerts#evaluateDue()} or {@link Alerts#start()}.
     *
     * @return the engine
     * @throws IllegalArgumentException naming the group when a rule does not compile
     */
    public Alerts build() {
      return new Alerts(this);
    }
  }
}
