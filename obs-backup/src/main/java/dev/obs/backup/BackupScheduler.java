package dev.obs.backup;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each plan's backups and drills when their cron schedules come due by the injected clock.
 * The timer thread wakes at the next due time, and at least once a minute so a clock that jumps is
 * followed.
 */
final class BackupScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackupScheduler.class);
  private static final Duration MAX_SLEEP = Duration.ofMinutes(1);

  private final Clock clock;
  private final Collection<BackupPlan> plans;
  private final Consumer<String> backup;
  private final Consumer<String> drill;
  private final Map<String, Instant> nextBackup = new ConcurrentHashMap<>();
  private final Map<String, Instant> nextDrill = new ConcurrentHashMap<>();
  private @Nullable ScheduledExecutorService timer;

  BackupScheduler(
      Clock clock, Collection<BackupPlan> plans, Consumer<String> backup, Consumer<String> drill) {
    this.clock = clock;
    this.plans = List.copyOf(plans);
    this.backup = backup;
    this.drill = drill;
    Instant now = clock.instant();
    for (BackupPlan p : this.plans) {
      next(p.cron(), p.zone(), now).ifPresent(t -> nextBackup.put(p.name(), t));
      Cron d = p.drillCron();
      if (d != null) {
        next(d, p.zone(), now).ifPresent(t -> nextDrill.put(p.name(), t));
      }
    }
  }

  static java.util.Optional<Instant> next(Cron cron, ZoneId zone, Instant after) {
    return ExecutionTime.forCron(cron).nextExecution(after.atZone(zone)).map(z -> z.toInstant());
  }

  synchronized void start() {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "obs-backup-scheduler");
              t.setDaemon(true);
              return t;
            });
    reschedule();
  }

  /** Starts what is due now and computes the next times; returns what it started. */
  List<String> runDue() {
    Instant now = clock.instant();
    List<String> started = new ArrayList<>();
    for (BackupPlan p : plans) {
      if (due(nextBackup, p.name(), now)) {
        next(p.cron(), p.zone(), now).ifPresent(t -> nextBackup.put(p.name(), t));
        started.add(p.name() + ":backup");
        backup.accept(p.name());
      }
      Cron d = p.drillCron();
      if (d != null && due(nextDrill, p.name(), now)) {
        next(d, p.zone(), now).ifPresent(t -> nextDrill.put(p.name(), t));
        started.add(p.name() + ":drill");
        drill.accept(p.name());
      }
    }
    return started;
  }

  @Nullable Instant nextBackup(String plan) {
    return nextBackup.get(plan);
  }

  @Nullable Instant nextDrill(String plan) {
    return nextDrill.get(plan);
  }

  private static boolean due(Map<String, Instant> next, String plan, Instant now) {
    Instant t = next.get(plan);
    return t != null && !now.isBefore(t);
  }

  private void tick() {
    try {
      runDue();
    } catch (RuntimeException e) {
      log.warn("obs backup scheduler: starting due runs failed", e);
    }
    reschedule();
  }

  private synchronized void reschedule() {
    ScheduledExecutorService t = timer;
    if (t == null || t.isShutdown()) {
      return;
    }
    Instant now = clock.instant();
    Duration wait = MAX_SLEEP;
    for (Instant next : nextBackup.values()) {
      wait = min(wait, Duration.between(now, next));
    }
    for (Instant next : nextDrill.values()) {
      wait = min(wait, Duration.between(now, next));
    }
    t.schedule(this::tick, Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public synchronized void close() {
    ScheduledExecutorService t = timer;
    timer = null;
    if (t != null) {
      t.shutdownNow();
    }
  }
}
