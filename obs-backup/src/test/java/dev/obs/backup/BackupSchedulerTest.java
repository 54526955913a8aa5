package dev.obs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.backup.store.BackupStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupSchedulerTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2025-03-01T01:00:00Z"));
  private final Obs obs =
      Obs.builder().meterRegistry(new SimpleMeterRegistry()).clock(clock).jvmMetrics(false).build();
  private Backups backups;

  @AfterEach
  void close() {
    if (backups != null) {
      backups.close();
    }
    obs.close();
  }

  private Backups backups(BackupPlan.Builder plan) {
    backups = Backups.builder(obs).plan(plan.build()).build();
    return backups;
  }

  private BackupPlan.Builder plan() {
    return BackupPlan.builder("nightly")
        .source(new BytesSource("db", new byte[] {1}, 0))
        .store(BackupStore.local(dir));
  }

  @Test
  void theDefaultScheduleRunsDailyAtTwoUtc() throws Exception {
    BackupScheduler scheduler = backups(plan()).scheduler();
    assertThat(scheduler.nextBackup("nightly")).isEqualTo(Instant.parse("2025-03-01T02:00:00Z"));

    clock.set(Instant.parse("2025-03-01T01:59:59Z"));
    assertThat(scheduler.runDue()).isEmpty();

    clock.set(Instant.parse("2025-03-01T02:00:00Z"));
    assertThat(scheduler.runDue()).containsExactly("nightly:backup");
    assertThat(scheduler.nextBackup("nightly")).isEqualTo(Instant.parse("2025-03-02T02:00:00Z"));
    awaitIdle();
    assertThat(backups.list("nightly")).hasSize(1);
    assertThat(backups.list("nightly").get(0).timestamp())
        .isEqualTo(Instant.parse("2025-03-01T02:00:00Z"));
  }

  @Test
  void schedulesFollowThePlansTimeZone() {
    BackupScheduler scheduler =
        backups(plan().schedule("30 3 * * *").zone(ZoneId.of("Europe/Paris"))).scheduler();

    assertThat(scheduler.nextBackup("nightly")).isEqualTo(Instant.parse("2025-03-01T02:30:00Z"));
  }

  @Test
  void drillsHaveTheirOwnSchedule() throws Exception {
    BackupScheduler scheduler = backups(plan().drillSchedule("0 4 1 * *")).scheduler();
    assertThat(scheduler.nextDrill("nightly")).isEqualTo(Instant.parse("2025-03-01T04:00:00Z"));

    clock.set(Instant.parse("2025-03-01T04:00:00Z"));
    assertThat(scheduler.runDue()).containsExactly("nightly:backup", "nightly:drill");
    assertThat(scheduler.nextDrill("nightly")).isEqualTo(Instant.parse("2025-04-01T04:00:00Z"));
  }

  private void awaitIdle() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!backups.running().isEmpty() || backups.list("nightly").isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the scheduled backup did not finish within 10 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    // The lock is released after the manifest is visible; take and drop it to be sure.
    long lockDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      var lock = backups.plan("nightly").store().tryLock("nightly");
      if (lock.isPresent()) {
        lock.get().close();
        return;
      }
      if (System.nanoTime() > lockDeadline) {
        throw new AssertionError("the plan lock was not released within " + Duration.ofSeconds(10));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
