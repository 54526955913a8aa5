package dev.obs.backup;

import dev.obs.backup.store.BackupStatus;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A run in progress, for status queries: its bytes so far against the previous size. */
final class RunState {
  final UUID id;
  final String plan;
  final Instant startedAt;
  final long estimate;
  final AtomicLong bytes = new AtomicLong();

  RunState(UUID id, String plan, Instant startedAt, long estimate) {
    this.id = id;
    this.plan = plan;
    this.startedAt = startedAt;
    this.estimate = estimate;
  }

  BackupProgress progress() {
    long done = bytes.get();
    int percent = estimate <= 0 ? 0 : (int) Math.min(99, done * 100 / estimate);
    return new BackupProgress(id, plan, BackupStatus.IN_PROGRESS, percent, done, null);
  }
}
