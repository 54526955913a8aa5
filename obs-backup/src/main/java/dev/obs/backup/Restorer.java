package dev.obs.backup;

import dev.obs.backup.source.BackupSource;
import dev.obs.backup.source.RestoreTarget;
import dev.obs.backup.source.SourceResult;
import dev.obs.backup.store.BackupStatus;
import dev.obs.backup.store.Component;
import dev.obs.backup.store.EncryptionKey;
import dev.obs.backup.store.Manifest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Verifies, restores and drills backups of a plan. */
final class Restorer {
  private final Clock clock;
  private final BackupMeters meters;
  private final BackupAlerts alerts;

  Restorer(Clock clock, BackupMeters meters, BackupAlerts alerts) {
    this.clock = clock;
    this.meters = meters;
    this.alerts = alerts;
  }

  VerifyResult verify(BackupPlan plan, Manifest backup) {
    List<String> problems = new ArrayList<>();
    if (backup.status() != BackupStatus.COMPLETED) {
      problems.add("backup is " + backup.status().jsonName() + ", not completed");
      return new VerifyResult(backup.backupId(), problems);
    }
    @Nullable EncryptionKey key = keyFor(plan, backup, problems);
    for (Component c : backup.components()) {
      String problem = verifyComponent(plan, backup, c, key);
      if (problem != null) {
        problems.add(problem);
      }
    }
    StepLog.info(
        plan.name(),
        backup.backupId(),
        problems.isEmpty() ? "verified" : "verify_failed",
        Map.of("problems", problems));
    return new VerifyResult(backup.backupId(), problems);
  }

  private static @Nullable EncryptionKey keyFor(
      BackupPlan plan, Manifest backup, List<String> problems) {
    if (backup.keyId() == null) {
      return null;
    }
    Optional<EncryptionKey> key = plan.encryptionKey();
    if (key.isEmpty()) {
      problems.add(
          "backup is encrypted with key id " + backup.keyId() + " and no key is configured");
      return null;
    }
    if (!key.get().id().equals(backup.keyId())) {
      problems.add(
          "wrong encryption key: the backup was encrypted with key id "
              + backup.keyId()
              + ", the configured key has id "
              + key.get().id());
      return null;
    }
    return key.get();
  }

  private static @Nullable String verifyComponent(
      BackupPlan plan, Manifest backup, Component c, @Nullable EncryptionKey key) {
    String name = "component '" + c.name() + "' (" + c.file() + ")";
    try (InputStream raw = plan.store().open(backup, c.file())) {
      Metered.Input in = new Metered.Input(new BufferedInputStream(raw, 256 * 1024));
      if (key != null) {
        // Not closed here: that would close the checksummed stream before it is drained.
        InputStream plain = key.decrypt(in);
        plain.transferTo(OutputStream.nullOutputStream());
      }
      in.drain();
      String actual = Metered.hex(in.digest);
      if (in.count != c.size()) {
        return name + ": size " + in.count + " bytes, the manifest says " + c.size();
      }
      if (!actual.equals(c.sha256())) {
        return name + ": SHA-256 " + actual + " does not match the manifest's " + c.sha256();
      }
      return null;
    } catch (IOException e) {
      return name + ": " + BackupRunner.message(e);
    }
  }

  /** Restores; the caller holds the plan's lock. */
  RestoreResult restore(BackupPlan plan, Manifest backup, RestoreOptions options)
      throws IOException, InterruptedException {
    if (!options.confirm()) {
      throw new IllegalArgumentException(
          "a restore overwrites data and needs an explicit confirmation (confirm=true)");
    }
    long t0 = System.nanoTime();
    VerifyResult verified = verify(plan, backup);
    if (!verified.ok()) {
      throw new IOException(
          "backup "
              + backup.backupId()
              + " failed verification, not restoring: "
              + String.join("; ", verified.problems()));
    }
    @Nullable EncryptionKey key = plan.encryptionKey().orElse(null);
    Map<String, String> targets = new LinkedHashMap<>();
    Map<String, SourceResult> restored = new LinkedHashMap<>();
    for (String named : options.targets().keySet()) {
      if (backup.components().stream().noneMatch(c -> c.name().equals(named))) {
        throw new IllegalArgumentException(
            "backup " + backup.backupId() + " has no component '" + named + "'");
      }
    }
    for (Component c : backup.components()) {
      BackupSource source = source(plan, c);
      String target = options.targets().getOrDefault(c.name(), source.defaultTarget());
      restored.put(
          c.name(), restoreComponent(plan, backup, c, source, key, target, options.replace()));
      targets.put(c.name(), target);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    StepLog.info(
        plan.name(),
        backup.backupId(),
        "restored",
        Map.of("targets", targets, "duration_ms", took.toMillis()));
    return new RestoreResult(backup.backupId(), targets, restored, took);
  }

  private static BackupSource source(BackupPlan plan, Component c) {
    return plan.source(c.name())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "plan '"
                        + plan.name()
                        + "' has no source named '"
                        + c.name()
                        + "' to restore that component"));
  }

  private static SourceResult restoreComponent(
      BackupPlan plan,
      Manifest backup,
      Component c,
      BackupSource source,
      @Nullable EncryptionKey key,
      String target,
      boolean replace)
      throws IOException, InterruptedException {
    StepLog.info(
        plan.name(),
        backup.backupId(),
        "restore_started",
        Map.of("source", c.name(), "target", target));
    SourceResult result;
    try (InputStream raw = plan.store().open(backup, c.file());
        InputStream buffered = new BufferedInputStream(raw, 256 * 1024);
        InputStream in = key == null ? buffered : key.decrypt(buffered)) {
      result = source.restore(in, new RestoreTarget(target, replace));
    }
    List<String> mismatches = new ArrayList<>();
    if (!result.counts().isEmpty()) {
      for (Map.Entry<String, Long> e : c.counts().entrySet()) {
        if (e.getKey().equals("skipped")) {
          continue;
        }
        Long found = result.counts().get(e.getKey());
        if (found == null || !found.equals(e.getValue())) {
          mismatches.add(
              e.getKey()
                  + ": backed up "
                  + e.getValue()
                  + ", restored "
                  + (found == null ? "none" : found));
        }
      }
    }
    if (!mismatches.isEmpty()) {
      throw new IOException(
          "component '"
              + c.name()
              + "' restored into "
              + target
              + " does not match its manifest: "
              + String.join(", ", mismatches));
    }
    return result;
  }

  /** Drills the newest completed backup; the caller holds the plan's lock. */
  DrillResult drill(BackupPlan plan) throws InterruptedException {
    Instant at = clock.instant();
    long t0 = System.nanoTime();
    @Nullable Manifest newest = null;
    @Nullable String error = null;
    try {
      newest =
          plan.store().list(plan.name()).stream()
              .filter(m -> m.status() == BackupStatus.COMPLETED)
              .findFirst()
              .orElse(null);
      if (newest == null) {
        error = "plan has no completed backup to drill";
      } else {
        error = drill(plan, newest);
      }
    } catch (IOException | RuntimeException e) {
      error = BackupRunner.message(e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    DrillResult result =
        new DrillResult(plan.name(), newest == null ? null : newest.backupId(), at, took, error);
    meters.recordDrill(plan.name(), result.ok());
    Instant now = clock.instant();
    if (result.ok()) {
      alerts.succeeded(BackupAlerts.DRILL_FAILED, plan.name(), "drill passed", now);
    } else {
      alerts.failed(BackupAlerts.DRILL_FAILED, plan.name(), String.valueOf(error), now);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("duration_ms", took.toMillis());
    fields.put("result", result.ok() ? "passed" : "failed");
    if (error != null) {
      fields.put("error", error);
    }
    StepLog.info(plan.name(), String.valueOf(result.backupId()), "drill", fields);
    return result;
  }

  private @Nullable String drill(BackupPlan plan, Manifest backup) throws InterruptedException {
    VerifyResult verified = verify(plan, backup);
    if (!verified.ok()) {
      return String.join("; ", verified.problems());
    }
    @Nullable EncryptionKey key = plan.encryptionKey().orElse(null);
    String suffix = backup.backupId().toString().substring(0, 8) + "_" + clock.millis();
    for (Component c : backup.components()) {
      BackupSource source = source(plan, c);
      String scratch;
      try {
        scratch = source.scratchTarget(suffix);
      } catch (IOException e) {
        return "component '" + c.name() + "': cannot prepare a scratch target: " + e.getMessage();
      }
      if (scratch == null) {
        continue; // this kind cannot be restored on the side; its checksum was verified
      }
      try {
        restoreComponent(plan, backup, c, source, key, scratch, false);
      } catch (IOException e) {
        return BackupRunner.message(e);
      } finally {
        try {
          source.dropScratch(scratch);
        } catch (IOException e) {
          StepLog.warn(
              plan.name(), backup.backupId(), "drill_cleanup_failed", Map.of("target", scratch), e);
        }
      }
    }
    return null;
  }
}
