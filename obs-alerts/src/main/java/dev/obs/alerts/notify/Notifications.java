package dev.obs.alerts.notify;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertListener;
import dev.obs.alert.AlertState;
import dev.obs.config.ObsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts with Alertmanager's semantics inside the application: it listens to rule
 * evaluations ({@link AlertListener}), routes each alert by its labels, groups, applies silences
 * and limits, and queues notifications to each receiver's own delivery thread, so a slow receiver
 * never delays evaluation or the others. Time-based work (group timers, retries, the digest) runs
 * on the injected clock at each {@link #tick()}, which a background thread calls every second.
 *
 * <pre>{@code
 * Notifications notifications =
 *     Notifications.builder(registry)
 *         .receiver(Receiver.of("telegram", Notifier.telegram(Notifier.TELEGRAM_API, token, chat)))
 *         .route(Route.builder("critical").match("severity=critical").receivers("telegram").build())
 *         .build();
 * notifications.onAlerts(evaluatedAt, firingAndResolved); // what a rule evaluation does
 * notifications.close(); // flushes the queues within the close timeout
 * }</pre>
 */
public final class Notifications implements AlertListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  /** The default per-rule limit: 10 notifications an hour for each rule and receiver. */
  public static final RateLimit DEFAULT_RULE_LIMIT = new RateLimit(10, Duration.ofHours(1));

  /** The default time {@link #close()} waits for the queues to flush: 5 seconds. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** The default time of the daily digest: 09:00. */
  public static final LocalTime DEFAULT_DIGEST_TIME = LocalTime.of(9, 0);

  /** The name of the test alert sent by {@link #sendTest(String, String)}. */
  public static final String TEST_ALERT = "ObsTestNotification";

  private record Batch(List<Alert> alerts) {}

  private final Clock clock;
  private final boolean enabled;
  private final Map<String, Dispatcher.Target> targets;
  private final List<Route> routes;
  private final Route defaultRoute;
  private final Silences silences;
  private final Dispatcher dispatcher;
  private final Duration closeTimeout;
  private final String externalUrl;
  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentLinkedQueue<Batch> inbox = new ConcurrentLinkedQueue<>();
  private final @Nullable ScheduledExecutorService ticker;
  private volatile boolean closed;

  private Notifications(Builder b) {
    this.clock = b.clock;
    this.enabled = b.enabled;
    this.routes = List.copyOf(b.routes);
    this.defaultRoute = b.defaultRoute;
    this.closeTimeout = b.closeTimeout;
    this.externalUrl = b.externalUrl;
    NotifyMeters meters = new NotifyMeters(b.registry);
    this.silences = new Silences(clock, b.silencesFile, b.silenceMaxDuration);
    Map<String, Dispatcher.Target> t = new LinkedHashMap<>();
    for (Receiver r : b.receivers.values()) {
      meters.register(r.name());
      RateLimit rate = r.rateLimit();
      t.put(
          r.name(),
          new Dispatcher.Target(
              r,
              new Delivery(r, clock, meters, b.backoff),
              rate == null ? null : new WindowLimiter(rate)));
    }
    this.targets = java.util.Collections.unmodifiableMap(t);
    Digest digest =
        b.digestReceiver == null
            ? null
            : new Digest(b.digestReceiver, b.digestTime, b.digestZone, clock.instant());
    this.dispatcher =
        new Dispatcher(
            routes,
            defaultRoute,
            targets,
            silences,
            new WindowLimiter(b.ruleLimit),
            digest,
            meters,
            externalUrl);
    if (enabled) {
      targets.values().forEach(target -> target.delivery().start());
    }
    if (enabled && b.backgroundTicks) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "obs-notify-ticker");
                thread.setDaemon(true);
                return thread;
              });
      long millis = b.tickInterval.toMillis();
      ticker.scheduleWithFixedDelay(this::tickQuietly, millis, millis, TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  /**
   * Starts a builder with the defaults: the system UTC clock, one receiver {@code log} used by the
   * default route, the per-rule limit {@link #DEFAULT_RULE_LIMIT}, no silences file, no digest.
   *
   * @param registry where the {@code obs.alerts.notifications} counter is registered
   * @return a builder
   */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /**
   * Builds notifications from the {@code obs.alerts.notify.*} keys; see {@code
   * docs/notifications.md} for every key and its default.
   *
   * @param config the configuration
   * @param registry where the meters are registered
   * @param clock the clock of group timers, retries, limits, silences and the digest
   * @return the notifications, started
   * @throws dev.obs.config.ObsConfigException when a key's value is invalid
   */
  public static Notifications fromConfig(ObsConfig config, MeterRegistry registry, Clock clock) {
    return NotifyConfig.apply(config, builder(registry).clock(clock)).build();
  }

  /**
   * Takes the firing and just-resolved alerts of a rule group evaluation. It only updates in-memory
   * groups and never waits for a delivery; an alert from another source (a failed backup, say) is
   * handed in the same way.
   *
   * @param evaluatedAt the evaluation time
   * @param alerts the alerts
   */
  @Override
  public void onAlerts(Instant evaluatedAt, List<Alert> alerts) {
    if (!enabled || closed || alerts.isEmpty()) {
      return;
    }
    inbox.add(new Batch(List.copyOf(alerts)));
    drain();
  }

  // Another thread holding the lock (a tick) drains the inbox before it lets go, so a caller never
  // waits for it.
  private void drain() {
    while (!inbox.isEmpty() && lock.tryLock()) {
      try {
        Batch batch;
        while ((batch = inbox.poll()) != null) {
          try {
            dispatcher.onAlerts(clock.instant(), batch.alerts());
          } catch (RuntimeException e) {
            log.error("obs alerts: could not route {} alerts", batch.alerts().size(), e);
          }
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Does the work that is due on the injected clock: flushes the groups whose timer has come, sends
   * the digest when it is time, and wakes the delivery threads so retries whose backoff has passed
   * go out. A background thread calls it every second; tests with a manual clock call it after
   * moving the clock.
   */
  public void tick() {
    if (!enabled || closed) {
      return;
    }
    lock.lock();
    try {
      Batch batch;
      while ((batch = inbox.poll()) != null) {
        dispatcher.onAlerts(clock.instant(), batch.alerts());
      }
      dispatcher.tick(clock.instant());
    } finally {
      lock.unlock();
    }
    drain();
    targets.values().forEach(t -> t.delivery().wake());
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.error("obs alerts: notification tick failed", e);
    }
  }

  /**
   * Waits until every receiver's queue is empty and no delivery is in flight. Retries waiting for
   * their backoff count as queued, so with a manual clock move it and {@link #tick()} first.
   *
   * @param timeout how long to wait at most
   * @return true when idle, false when the timeout passed first
   */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      for (Dispatcher.Target t : targets.values()) {
        if (!t.delivery().awaitIdle(deadline)) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Returns the silences, to add, list and remove them.
   *
   * @return the silences
   */
  public Silences silences() {
    return silences;
  }

  /**
   * Returns the names of the receivers.
   *
   * @return the receiver names in the order they were added
   */
  public List<String> receivers() {
    return List.copyOf(targets.keySet());
  }

  /**
   * Returns the routes, in matching order, followed by the default route.
   *
   * @return the routes
   */
  public List<Route> routes() {
    List<Route> out = new ArrayList<>(routes);
    out.add(defaultRoute);
    return List.copyOf(out);
  }

  /**
   * Returns the receivers an alert with these labels goes to, following the routes.
   *
   * @param labels the alert's labels
   * @return the receiver names, without duplicates
   */
  public List<String> receiversFor(Map<String, String> labels) {
    List<String> out = new ArrayList<>();
    for (Route r : dispatcher.routesFor(labels)) {
      r.receivers().stream().filter(n -> !out.contains(n)).forEach(out::add);
    }
    return List.copyOf(out);
  }

  /**
   * Sends a test notification, bypassing grouping, silences and limits: through every receiver of a
   * route, or to one receiver.
   *
   * @param route the route's name ({@code default} for the default route), or {@code null}
   * @param receiver the receiver's name, or {@code null}
   * @return the receivers the test was queued for
   * @throws IllegalArgumentException when neither or an unknown name is given
   */
  public List<String> sendTest(@Nullable String route, @Nullable String receiver) {
    List<String> names;
    if (receiver != null) {
      if (!targets.containsKey(receiver)) {
        throw new IllegalArgumentException(
            "no receiver named '" + receiver + "'; receivers are " + targets.keySet());
      }
      names = List.of(receiver);
    } else if (route != null) {
      names =
          routes().stream()
              .filter(r -> r.name().equals(route))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no route named '"
                              + route
                              + "'; routes are "
                              + routes().stream().map(Route::name).toList()))
              .receivers();
    } else {
      throw new IllegalArgumentException("name a route or a receiver to send a test to");
    }
    Instant now = clock.instant();
    Alert alert =
        new Alert(
            TEST_ALERT,
            Map.of("alertname", TEST_ALERT, "severity", "none"),
            Map.of("summary", "Test notification sent through the obs admin API"),
            AlertState.FIRING,
            1,
            now,
            now,
            null);
    for (String name : names) {
      targets
          .get(name)
          .delivery()
          .offer(
              new Notification(
                  Notification.Kind.TEST,
                  name,
                  "test",
                  Map.of(),
                  List.of(alert),
                  now,
                  externalUrl));
    }
    return names;
  }

  /**
   * Stops the background tick, does the work that is due, and lets each receiver send what is
   * queued (once each, without waiting for backoff) until the close timeout; what is left is
   * dropped and counted. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (ticker != null) {
      ticker.shutdownNow();
    }
    tickQuietly();
    closed = true;
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    for (Dispatcher.Target t : targets.values()) {
      t.delivery().close(deadline);
    }
  }

  /** Builds {@link Notifications}. */
  public static final class Builder {
    private final MeterRegistry registry;
    private final Map<String, Receiver> receivers = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private boolean enabled = true;
    private Route defaultRoute = Route.builder("default").receivers("log").build();
    private RateLimit ruleLimit = DEFAULT_RULE_LIMIT;
    private @Nullable Path silencesFile;
    private Duration silenceMaxDuration = Silences.DEFAULT_MAX_DURATION;
    private @Nullable String digestReceiver;
    private LocalTime digestTime = DEFAULT_DIGEST_TIME;
    private ZoneId digestZone = ZoneOffset.UTC;
    private String externalUrl = "";
    private Backoff backoff = Backoff.DEFAULT;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Duration tickInterval = Duration.ofSeconds(1);
    private boolean backgroundTicks = true;

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Sets the clock of group timers, retries, limits, silences and the digest.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Turns notifications off: alerts are ignored and no thread is started. The default is on.
     *
     * @param value whether notifications are on
     * @return this builder
     */
    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    /**
     * Adds a receiver with the default options.
     *
     * @param name the receiver's name
     * @param notifier its notifier
     * @return this builder
     */
    public Builder receiver(String name, Notifier notifier) {
      return receiver(Receiver.of(name, notifier));
    }

    /**
     * Adds a receiver, replacing one of the same name.
     *
     * @param receiver the receiver
     * @return this builder
     */
    public Builder receiver(Receiver receiver) {
      receivers.put(receiver.name(), receiver);
      return this;
    }

    /**
     * Adds a route; routes are tried in the order they were added.
     *
     * @param route the route
     * @return this builder
     */
    public Builder route(Route route) {
      routes.add(Objects.requireNonNull(route));
      return this;
    }

    /**
     * Sets the route of alerts no other route matched; its matchers are ignored. The default sends
     * to {@code log} with Alertmanager's group timings, grouped by {@code alertname}.
     *
     * @param route the default route
     * @return this builder
     */
    public Builder defaultRoute(Route route) {
      this.defaultRoute = Objects.requireNonNull(route);
      return this;
    }

    /**
     * Sets how many notifications each rule may send to each receiver per period; the rest are
     * suppressed and counted. The default is {@link #DEFAULT_RULE_LIMIT}.
     *
     * @param limit the limit
     * @return this builder
     */
    public Builder ruleLimit(RateLimit limit) {
      this.ruleLimit = Objects.requireNonNull(limit);
      return this;
    }

    /**
     * Sets the longest a silence may last, {@link Silences#DEFAULT_MAX_DURATION} (30 days) by
     * default; longer ones are refused when added.
     *
     * @param max the longest silence, positive
     * @return this builder
     */
    public Builder silenceMaxDuration(Duration max) {
      if (max.isNegative() || max.isZero()) {
        throw new IllegalArgumentException("the longest silence must be positive, got " + max);
      }
      this.silenceMaxDuration = max;
      return this;
    }

    /**
     * Keeps silences in a JSON file, read at build time. The default keeps them in memory only.
     *
     * @param file the file, created when the first silence is added
     * @return this builder
     */
    public Builder silencesFile(@Nullable Path file) {
      this.silencesFile = file;
      return this;
    }

    /**
     * Sends a daily digest of the alerts that fired in the previous 24 hours to a receiver, usually
     * an email one. Off by default; a day without alerts sends nothing.
     *
     * @param receiver the receiver's name
     * @param time the local time of day, {@link #DEFAULT_DIGEST_TIME} by default
     * @param zone the time zone of {@code time}, UTC by default
     * @return this builder
     */
    public Builder digest(String receiver, LocalTime time, ZoneId zone) {
      this.digestReceiver = Objects.requireNonNull(receiver);
      this.digestTime = Objects.requireNonNull(time);
      this.digestZone = Objects.requireNonNull(zone);
      return this;
    }

    /**
     * Sets the application's external URL, used for links in payloads. Empty by default.
     *
     * @param url the URL
     * @return this builder
     */
    public Builder externalUrl(String url) {
      this.externalUrl = Objects.requireNonNull(url);
      return this;
    }

    /**
     * Sets the retries of a failed delivery: at most {@code maxAttempts} attempts in all, the n-th
     * retry after {@code initial * 2^(n-1)} capped at {@code max}, plus up to 25% jitter. The
     * default is 6 attempts from 1 second to 1 minute.
     *
     * @param maxAttempts attempts in all, at least 1
     * @param initial the first backoff
     * @param max the longest backoff
     * @return this builder
     */
    public Builder retry(int maxAttempts, Duration initial, Duration max) {
      this.backoff = new Backoff(maxAttempts, initial, max);
      return this;
    }

    /**
     * Sets how long {@link #close()} lets the queues flush. The default is {@link
     * #DEFAULT_CLOSE_TIMEOUT}.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /**
     * Sets whether a background thread calls {@link #tick()} every second. The default is true;
     * tests that move a manual clock may turn it off and tick themselves.
     *
     * @param value whether to tick in the background
     * @return this builder
     */
    public Builder backgroundTicks(boolean value) {
      this.backgroundTicks = value;
      return this;
    }

    /**
     * Builds and starts the notifications: one delivery thread per receiver and the ticker.
     *
     * @return the notifications
     * @throws IllegalStateException when a route or the digest names an unknown receiver
     * @throws IllegalStateException when the silences file cannot be read
     */
    public Notifications build() {
      List<Route> all = new ArrayList<>(routes);
      all.add(defaultRoute);
      if (!receivers.containsKey("log") && all.stream().anyMatch(r -> uses(r, "log"))) {
        receivers.put("log", Receiver.of("log", Notifier.log()).withRateLimit(null));
      }
      for (Route r : all) {
        for (String name : r.receivers()) {
          requireReceiver("route '" + r.name() + "'", name);
        }
      }
      if (digestReceiver != null) {
        requireReceiver("the digest", digestReceiver);
      }
      return new Notifications(this);
    }

    private static boolean uses(Route r, String receiver) {
      return r.receivers().contains(receiver);
    }

    private void requireReceiver(String user, String name) {
      if (!receivers.containsKey(name)) {
        throw new IllegalStateException(
            user + " names the receiver '" + name + "', but receivers are " + receivers.keySet());
      }
    }
  }
}
