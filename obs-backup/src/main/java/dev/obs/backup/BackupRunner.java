package dev.obs.backup;

import dev.obs.backup.source.BackupSource;
import dev.obs.backup.source.SourceResult;
import dev.obs.backup.store.BackupStatus;
import dev.obs.backup.store.BackupStore;
import dev.obs.backup.store.BackupType;
import dev.obs.backup.store.Component;
import dev.obs.backup.store.EncryptionKey;
import dev.obs.backup.store.Manifest;
import dev.obs.backup.store.PendingBackup;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs one backup of a plan under its lock: hooks, each source streamed through SHA-256 (and
 * encryption) into the store, commit, retries with doubling backoff, meters, alerts, retention.
 */
final class BackupRunner {
  private static final int BUFFER = 256 * 1024;

  private final Clock clock;
  private final Sleeper sleeper;
  private final BackupMeters meters;
  private final BackupAlerts alerts;
  private final String obsVersion;

  BackupRunner(
      Clock clock, Sleeper sleeper, BackupMeters meters, BackupAlerts alerts, String obsVersion) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.meters = meters;
    this.alerts = alerts;
    this.obsVersion = obsVersion;
  }

  /** Runs the backup; the caller holds the plan's lock. Returns the final manifest. */
  Manifest run(BackupPlan plan, RunState state) throws InterruptedException {
    BackupStore store = plan.store();
    Instant started = state.startedAt;
    long t0 = System.nanoTime();
    BackupType type;
    try {
      type = RetentionSelector.typeFor(started, store.list(plan.name()), plan.zone());
    } catch (Exception e) {
      type = BackupType.DAILY;
    }
    Manifest base =
        new Manifest(
            state.id,
            plan.name(),
            started,
            type,
            BackupStatus.IN_PROGRESS,
            null,
            Duration.ZERO,
            List.of(),
            plan.encryptionKey().map(EncryptionKey::id).orElse(null),
            obsVersion);
    StepLog.info(plan.name(), state.id, "started", Map.of("type", type.jsonName()));
    Manifest result = null;
    for (int attempt = 1; attempt <= plan.attempts(); attempt++) {
      boolean last = attempt == plan.attempts();
      state.bytes.set(0);
      result = attempt(plan, base, last, t0, state);
      if (result.status() == BackupStatus.COMPLETED || last) {
        break;
      }
      Duration wait = plan.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
      StepLog.info(
          plan.name(),
          state.id,
          "retrying",
          Map.of(
              "attempt",
              attempt,
              "error",
              String.valueOf(result.error()),
              "wait",
              wait.toString()));
      sleeper.sleep(wait);
    }
    Manifest done = result;
    if (done == null) {
      throw new IllegalStateException("a plan has at least one attempt");
    }
    Instant ended = clock.instant();
    meters.recordRun(
        plan.name(), done.status() == BackupStatus.COMPLETED, done.duration(), ended, done.size());
    if (done.status() == BackupStatus.COMPLETED) {
      StepLog.info(
          plan.name(),
          state.id,
          "completed",
          Map.of("size", done.size(), "duration_ms", done.duration().toMillis()));
      alerts.succeeded(
          BackupAlerts.FAILED,
          plan.name(),
          "backup " + done.backupId() + ", " + done.size() + " bytes in " + done.duration(),
          ended);
    } else {
      StepLog.info(plan.name(), state.id, "failed", Map.of("error", String.valueOf(done.error())));
      alerts.failed(BackupAlerts.FAILED, plan.name(), String.valueOf(done.error()), ended);
    }
    for (var hook : plan.hooks()) {
      try {
        hook.afterRun(done);
      } catch (Exception e) {
        StepLog.warn(plan.name(), state.id, "after_hook_failed", Map.of(), e);
      }
    }
    return done;
  }

  private Manifest attempt(BackupPlan plan, Manifest base, boolean last, long t0, RunState state)
      throws InterruptedException {
    PendingBackup pending = null;
    List<Component> components = new ArrayList<>();
    try {
      pending = plan.store().begin(base);
      for (var hook : plan.hooks()) {
        hook.beforeRun(plan.name(), base.backupId());
      }
      for (BackupSource source : plan.sources()) {
        components.add(backupSource(plan, source, pending, base, state));
      }
      Manifest completed = base.finish(BackupStatus.COMPLETED, null, elapsed(t0), components);
      pending.commit(completed);
      return completed;
    } catch (InterruptedException e) {
      abort(plan, pending, base, "interrupted", t0, true);
      throw e;
    } catch (Exception e) {
      StepLog.warn(plan.name(), base.backupId(), "attempt_failed", Map.of(), e);
      return abort(plan, pending, base, message(e), t0, last);
    }
  }

  private Component backupSource(
      BackupPlan plan, BackupSource source, PendingBackup pending, Manifest base, RunState state)
      throws Exception {
    @Nullable EncryptionKey key = plan.encryptionKey().orElse(null);
    String file = source.name() + source.extension() + (key == null ? "" : ".enc");
    StepLog.info(plan.name(), base.backupId(), "source_started", Map.of("source", source.name()));
    Metered.Output metered =
        new Metered.Output(new BufferedOutputStream(pending.create(file), BUFFER), state.bytes);
    SourceResult result;
    try (OutputStream out = key == null ? metered : key.encrypt(metered)) {
      result = source.backup(out);
    } finally {
      metered.close();
    }
    Component c =
        new Component(
            source.name(),
            source.kind(),
            file,
            metered.count,
            Metered.hex(metered.digest),
            result.counts(),
            result.tools(),
            result.files());
    StepLog.info(
        plan.name(),
        base.backupId(),
        "source_completed",
        Map.of("source", source.name(), "size", c.size(), "sha256", c.sha256()));
    return c;
  }

  private Manifest abort(
      BackupPlan plan,
      @Nullable PendingBackup pending,
      Manifest base,
      String error,
      long t0,
      boolean keepRecord) {
    Manifest failed = base.finish(BackupStatus.FAILED, error, elapsed(t0), List.of());
    if (pending != null) {
      pending.abort(failed);
      if (!keepRecord) {
        try {
          plan.store().delete(failed);
        } catch (Exception e) {
          StepLog.warn(plan.name(), base.backupId(), "cleanup_failed", Map.of(), e);
        }
      }
    }
    return failed;
  }

  private static Duration elapsed(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  static String message(Throwable e) {
    String m = e.getMessage();
    String text = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
      text += ": " + cause.getMessage();
    }
    return text;
  }
}
