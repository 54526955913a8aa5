package dev.obs.backup;

import dev.obs.Obs;
import dev.obs.alert.AlertListener;
import dev.obs.backup.store.BackupStatus;
import dev.obs.backup.store.BackupStore;
import dev.obs.backup.store.Manifest;
import dev.obs.backup.store.StoreLock;
import dev.obs.health.CheckOptions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backups of an application: its plans, run on their schedules, listed, verified, restored,
 * drilled and pruned, and reported through obs — meters on the application's registry, a {@code
 * backups} health check (DOWN when a plan's last success is older than 26 hours), and alerts to an
 * {@link AlertListener} when a run or drill fails. Closing stops the scheduler.
 *
 * <pre>{@code
 * try (Backups backups = Backups.builder(obs)
 *     .plan(BackupPlan.builder("nightly")
 *         .source(PostgresSource.builder("main").database("app").build())
 *         .store(BackupStore.local(Path.of("/var/backups/app")))
 *         .build())
 *     .build()
 *     .start()) {
 *   ...
 * }
 * }</pre>
 */
public final class Backups implements AutoCloseable {
  /** The name of the health check registered in {@code obs.health()}. */
  public static final String HEALTH_CHECK = "backups";

  /**
   * The health group the check belongs to; it is not in readiness, so stale backups never stop
   * traffic.
   */
  public static final String HEALTH_GROUP = "backup";

  private static final Logger log = LoggerFactory.getLogger(Backups.class);

  private final Obs obs;
  private final Clock clock;
  private final Map<String, BackupPlan> plans;
  private final BackupMeters meters;
  private final BackupRunner runner;
  private final Restorer restorer;
  private final BackupScheduler scheduler;
  private final ExecutorService workers;
  private final Map<UUID, RunState> active = new ConcurrentHashMap<>();
  private final Map<UUID, CompletableFuture<Manifest>> completions = new ConcurrentHashMap<>();
  private final boolean healthRegistered;
  private volatile boolean closed;

  private Backups(Builder b) {
    this.obs = b.obs;
    this.clock = b.clock == null ? obs.clock() : b.clock;
    Map<String, BackupPlan> byName = new LinkedHashMap<>();
    for (BackupPlan p : b.plans) {
      if (byName.putIfAbsent(p.name(), p) != null) {
        throw new IllegalStateException("two backup plans are named '" + p.name() + "'");
      }
    }
    this.plans = Map.copyOf(byName);
    this.meters = new BackupMeters(obs.meterRegistry());
    BackupAlerts alerts = new BackupAlerts(b.alertListener, b.notifyOnSuccess);
    this.runner = new BackupRunner(clock, b.sleeper, meters, alerts, obsVersion());
    this.restorer = new Restorer(clock, meters, alerts);
    for (BackupPlan p : b.plans) {
      meters.register(p.name(), newestCompleted(p));
    }
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "obs-backup-run");
              t.setDaemon(true);
              return t;
            });
    this.scheduler =
        new BackupScheduler(clock, b.plans, this::scheduledBackup, this::scheduledDrill);
    if (!plans.isEmpty() && b.healthCheck) {
      obs.health()
          .register(
              HEALTH_CHECK,
              new BackupHealthCheck(
                  b.plans.stream().map(BackupPlan::name).toList(), meters, clock, b.staleAfter),
              CheckOptions.builder().groups(HEALTH_GROUP).build());
      this.healthRegistered = true;
    } else {
      this.healthRegistered = false;
    }
  }

  /**
   * Starts a builder for the backups of an application.
   *
   * @param obs the application's obs root; meters, health and the clock come from it
   * @return the builder
   */
  public static Builder builder(Obs obs) {
    return new Builder(obs);
  }

  /**
   * Builds the backups described by the {@code obs.backup.*} keys of {@code obs.config()}; see
   * {@code docs/backup.md} for the keys.
   *
   * @param obs the application's obs root
   * @param alertListener receives failure alerts, or {@code null}
   * @return the backups, not yet started
   * @throws dev.obs.config.ObsConfigException when a key is missing or invalid
   */
  public static Backups fromConfig(Obs obs, @Nullable AlertListener alertListener) {
    Builder b = builder(obs).alertListener(alertListener);
    BackupsConfig.apply(obs.config(), b);
    return b.build();
  }

  /**
   * Builds the backups described by the {@code obs.backup.*} keys, alerting through {@code
   * obs.alertSink()}.
   *
   * @param obs the application's obs root
   * @return the backups, not yet started
   * @throws dev.obs.config.ObsConfigException when a key is missing or invalid
   */
  public static Backups fromConfig(Obs obs) {
    return fromConfig(obs, obs.alertSink());
  }

  /**
   * Starts the scheduler, which runs each plan's backups and drills on their schedules.
   *
   * @return this
   */
  public Backups start() {
    if (closed) {
      throw new IllegalStateException("backups are closed");
    }
    scheduler.start();
    return this;
  }

  /**
   * Returns the plans.
   *
   * @return the plans, by name
   */
  public Collection<BackupPlan> plans() {
    return plans.values();
  }

  /**
   * Returns a plan by name.
   *
   * @param name the name
   * @return the plan
   * @throws IllegalArgumentException when there is no such plan
   */
  public BackupPlan plan(String name) {
    BackupPlan p = plans.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "no backup plan named '" + name + "'; the plans are " + plans.keySet());
    }
    return p;
  }

  /**
   * Starts a backup of the plan in the background.
   *
   * @param planName the plan
   * @return the backup id and {@code started}, or {@code already_running} with the running backup's
   *     id when this process runs it (the nil UUID when another process holds the plan's lock)
   * @throws IOException when the store cannot be locked
   */
  public TriggerResult trigger(String planName) throws IOException {
    BackupPlan p = plan(planName);
    Optional<StoreLock> lock = p.store().tryLock(p.name());
    if (lock.isEmpty()) {
      UUID running =
          active.values().stream()
              .filter(s -> s.plan.equals(p.name()))
              .map(s -> s.id)
              .findFirst()
              .orElse(new UUID(0, 0));
      return new TriggerResult(running, false);
    }
    RunState state = newRun(p);
    CompletableFuture<Manifest> done = new CompletableFuture<>();
    if (completions.size() > 64) {
      completions.values().removeIf(CompletableFuture::isDone);
    }
    completions.put(state.id, done);
    try {
      workers.execute(() -> runLocked(p, state, lock.get(), done));
    } catch (RuntimeException e) {
      release(lock.get());
      active.remove(state.id);
      throw e;
    }
    return new TriggerResult(state.id, true);
  }

  /**
   * Runs a backup of the plan now, in this thread.
   *
   * @param planName the plan
   * @return the final manifest, {@code completed} or {@code failed} with its error
   * @throws IllegalStateException when the plan is already running
   * @throws IOException when the store cannot be locked
   * @throws InterruptedException when interrupted; the backup is then failed
   */
  public Manifest run(String planName) throws IOException, InterruptedException {
    BackupPlan p = plan(planName);
    StoreLock lock = lock(p);
    RunState state = newRun(p);
    CompletableFuture<Manifest> done = new CompletableFuture<>();
    runLocked(p, state, lock, done);
    try {
      return done.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof InterruptedException ie) {
        throw ie;
      }
      throw e;
    }
  }

  private RunState newRun(BackupPlan p) {
    Manifest previous = newestCompleted(p);
    RunState state =
        new RunState(
            UUID.randomUUID(), p.name(), clock.instant(), previous == null ? 0 : previous.size());
    active.put(state.id, state);
    return state;
  }

  private void runLocked(
      BackupPlan p, RunState state, StoreLock lock, CompletableFuture<Manifest> done) {
    Manifest m = null;
    Throwable failure = null;
    try {
      m = runner.run(p, state);
      if (m.status() == BackupStatus.COMPLETED) {
        try {
          prune(p, false, clock.instant());
        } catch (IOException | RuntimeException e) {
          log.warn("obs backup: pruning plan {} after backup {} failed", p.name(), m.backupId(), e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e;
    } catch (RuntimeException | Error e) {
      log.warn("obs backup: run of plan {} failed unexpectedly", p.name(), e);
      failure = e;
    } finally {
      active.remove(state.id);
      release(lock);
    }
    // Completed only once the run is no longer active, so a waiter sees its final status.
    if (failure != null) {
      done.completeExceptionally(failure);
    } else {
      done.complete(m);
    }
  }

  private static void release(StoreLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      log.warn("obs backup: releasing a plan lock failed", e);
    }
  }

  private StoreLock lock(BackupPlan p) throws IOException {
    return p.store()
        .tryLock(p.name())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "backup plan '"
                        + p.name()
                        + "' is busy: a backup, restore, drill or prune is running"));
  }

  /**
   * Returns the completion of a run started by {@link #trigger} in this process, completed with its
   * final manifest.
   *
   * @param id the backup id the trigger answered
   * @return the completion, or empty when this process started no such run (recently)
   */
  public Optional<CompletableFuture<Manifest>> completion(UUID id) {
    return Optional.ofNullable(completions.get(id));
  }

  /**
   * Lists a plan's completed and failed backups, newest first.
   *
   * @param planName the plan
   * @return the manifests
   * @throws IOException when the store cannot be read
   */
  public List<Manifest> list(String planName) throws IOException {
    BackupPlan p = plan(planName);
    return p.store().list(p.name());
  }

  /**
   * Lists every plan's backups, newest first.
   *
   * @return the manifests
   * @throws IOException when a store cannot be read
   */
  public List<Manifest> list() throws IOException {
    List<Manifest> all = new ArrayList<>();
    for (BackupPlan p : plans.values()) {
      all.addAll(p.store().list(p.name()));
    }
    all.sort(Comparator.comparing(Manifest::timestamp).reversed());
    return all;
  }

  /**
   * Returns the runs in progress in this process.
   *
   * @return their progress
   */
  public List<BackupProgress> running() {
    return active.values().stream().map(RunState::progress).toList();
  }

  /**
   * Returns a backup's status: running with its progress, or finished with its manifest.
   *
   * @param id the backup id
   * @return the progress, or empty when no plan knows the id
   * @throws IOException when a store cannot be read
   */
  public Optional<BackupProgress> status(UUID id) throws IOException {
    RunState running = active.get(id);
    if (running != null) {
      return Optional.of(running.progress());
    }
    return find(id).map(BackupProgress::finished);
  }

  /**
   * Finds a backup's manifest in the plans' stores.
   *
   * @param id the backup id
   * @return the manifest, or empty
   * @throws IOException when a store cannot be read
   */
  public Optional<Manifest> find(UUID id) throws IOException {
    Set<BackupStore> stores = new LinkedHashSet<>();
    plans.values().forEach(p -> stores.add(p.store()));
    for (BackupStore s : stores) {
      Optional<Manifest> m = s.find(id);
      if (m.isPresent() && plans.containsKey(m.get().plan())) {
        return m;
      }
    }
    return Optional.empty();
  }

  private Manifest require(UUID id) throws IOException {
    return find(id).orElseThrow(() -> new IllegalArgumentException("no backup with id " + id));
  }

  /**
   * Re-reads a backup and checks every component's size and SHA-256, decrypting when encrypted.
   *
   * @param id the backup id
   * @return the result, naming each failed component
   * @throws IOException when the store cannot be read
   * @throws IllegalArgumentException when there is no such backup
   */
  public VerifyResult verify(UUID id) throws IOException {
    Manifest m = require(id);
    return restorer.verify(plan(m.plan()), m);
  }

  /**
   * Restores a backup after verifying it, then checks the restored counts (such as tables and rows
   * per table) against the manifest.
   *
   * @param id the backup id
   * @param options the confirmation, targets and whether to replace non-empty targets
   * @return what was restored where
   * @throws IllegalArgumentException without confirmation, or for an unknown backup or component
   * @throws IllegalStateException when the plan is busy
   * @throws IOException when verification, the restore or the integrity check fails
   * @throws InterruptedException when interrupted
   */
  public RestoreResult restore(UUID id, RestoreOptions options)
      throws IOException, InterruptedException {
    if (!options.confirm()) {
      throw new IllegalArgumentException(
          "a restore overwrites data and needs an explicit confirmation (confirm=true)");
    }
    Manifest m = require(id);
    BackupPlan p = plan(m.plan());
    StoreLock lock = lock(p);
    try {
      return restorer.restore(p, m, options);
    } finally {
      release(lock);
    }
  }

  /**
   * Restores the plan's newest backup into scratch targets, checks it, and drops them.
   *
   * @param planName the plan
   * @return the drill's result
   * @throws IllegalStateException when the plan is busy
   * @throws IOException when the store cannot be locked
   * @throws InterruptedException when interrupted
   */
  public DrillResult drill(String planName) throws IOException, InterruptedException {
    BackupPlan p = plan(planName);
    StoreLock lock = lock(p);
    try {
      return restorer.drill(p);
    } finally {
      release(lock);
    }
  }

  /**
   * Applies the plan's retention: deletes completed backups it does not keep and failed runs older
   * than a day; never the newest completed backup or one in progress.
   *
   * @param planName the plan
   * @param dryRun list what would be deleted without deleting
   * @return what was kept and deleted
   * @throws IllegalStateException when the plan is busy (not for a dry run)
   * @throws IOException when the store cannot be read or a backup cannot be deleted
   */
  public PruneReport prune(String planName, boolean dryRun) throws IOException {
    BackupPlan p = plan(planName);
    if (dryRun) {
      return prune(p, true, clock.instant());
    }
    StoreLock lock = lock(p);
    try {
      return prune(p, false, clock.instant());
    } finally {
      release(lock);
    }
  }

  private PruneReport prune(BackupPlan p, boolean dryRun, Instant now) throws IOException {
    List<Manifest> all = p.store().list(p.name());
    Set<UUID> keep = RetentionSelector.keep(all, p.retention(), p.zone());
    List<Manifest> kept = new ArrayList<>();
    List<Manifest> doomed = new ArrayList<>();
    for (Manifest m : all) {
      if (m.status() == BackupStatus.COMPLETED) {
        (keep.contains(m.backupId()) ? kept : doomed).add(m);
      } else if (RetentionSelector.expiredFailure(m, now)) {
        doomed.add(m);
      }
    }
    if (!dryRun) {
      for (Manifest m : doomed) {
        p.store().delete(m);
      }
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kept", kept.size());
    fields.put("deleted", doomed.size());
    fields.put("dry_run", dryRun);
    StepLog.info(p.name(), "-", "pruned", fields);
    return new PruneReport(p.name(), kept, doomed, dryRun);
  }

  private void scheduledBackup(String planName) {
    try {
      TriggerResult r = trigger(planName);
      if (!r.started()) {
        log.warn("obs backup: scheduled run of plan {} skipped: already running", planName);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("obs backup: scheduled run of plan {} could not start", planName, e);
    }
  }

  private void scheduledDrill(String planName) {
    workers.execute(
        () -> {
          try {
            drill(planName);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException | RuntimeException e) {
            log.warn("obs backup: scheduled drill of plan {} could not run", planName, e);
          }
        });
  }

  BackupScheduler scheduler() {
    return scheduler;
  }

  private static @Nullable Manifest newestCompleted(BackupPlan p) {
    try {
      return p.store().list(p.name()).stream()
          .filter(m -> m.status() == BackupStatus.COMPLETED)
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      log.warn("obs backup: cannot list plan {} in {}", p.name(), p.store().describe(), e);
      return null;
    }
  }

  private static String obsVersion() {
    String v = Backups.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  /**
   * Stops the scheduler, waits up to 10 seconds for running backups, removes the meters and the
   * health check.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.close();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (healthRegistered) {
      obs.health().unregister(HEALTH_CHECK);
    }
    meters.close();
  }

  /** Builds {@link Backups}. */
  public static final class Builder {
    private final Obs obs;
    private final List<BackupPlan> plans = new ArrayList<>();
    private @Nullable AlertListener alertListener;
    private boolean notifyOnSuccess;
    private Duration staleAfter = Duration.ofHours(26);
    private @Nullable Clock clock;
    private Sleeper sleeper = Sleeper.REAL;
    private boolean healthCheck = true;

    private Builder(Obs obs) {
      this.obs = Objects.requireNonNull(obs, "obs");
      this.alertListener = obs.alertSink();
    }

    /**
     * Adds a plan.
     *
     * @param plan the plan
     * @return this builder
     */
    public Builder plan(BackupPlan plan) {
      plans.add(Objects.requireNonNull(plan, "plan"));
      return this;
    }

    /**
     * Sets who receives alerts: {@code BackupFailed} and {@code BackupDrillFailed} (severity
     * critical, label {@code plan}) when a run or drill fails, resolved by the next success. By
     * default they go to {@code obs.alertSink()}, the application's notifiers (obs-alerts'
     * notifications when installed, else the log); {@code null} sends them nowhere.
     *
     * @param listener the listener, such as the notifications engine, or {@code null}
     * @return this builder
     */
    public Builder alertListener(@Nullable AlertListener listener) {
      this.alertListener = listener;
      return this;
    }

    /**
     * Also sends a {@code BackupSucceeded} alert (severity info) after each completed backup. Off
     * by default.
     *
     * @param notify whether to notify successes
     * @return this builder
     */
    public Builder notifyOnSuccess(boolean notify) {
      this.notifyOnSuccess = notify;
      return this;
    }

    /**
     * Sets when the health check turns DOWN: a plan's last success older than this. The default is
     * 26 hours, a daily schedule with two hours of slack.
     *
     * @param threshold a positive duration
     * @return this builder
     */
    public Builder staleAfter(Duration threshold) {
      if (threshold.isNegative() || threshold.isZero()) {
        throw new IllegalArgumentException("staleAfter must be positive, got " + threshold);
      }
      this.staleAfter = threshold;
      return this;
    }

    /**
     * Sets the clock for schedules, retention, staleness and manifests. The default is {@code
     * obs.clock()}.
     *
     * @param backupClock the clock
     * @return this builder
     */
    public Builder clock(Clock backupClock) {
      this.clock = backupClock;
      return this;
    }

    Builder sleeper(Sleeper s) {
      this.sleeper = s;
      return this;
    }

    /**
     * Registers the {@value Backups#HEALTH_CHECK} health check. On by default; a command-line tool
     * turns it off.
     *
     * @param register whether to register it
     * @return this builder
     */
    public Builder healthCheck(boolean register) {
      this.healthCheck = register;
      return this;
    }

    /**
     * Builds the backups, registering their meters and health check. The scheduler starts with
     * {@link Backups#start()}.
     *
     * @return the backups
     */
    public Backups build() {
      return new Backups(this);
    }
  }
}
