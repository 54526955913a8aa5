package dev.obs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.backup.store.BackupStatus;
import dev.obs.backup.store.BackupStore;
import dev.obs.backup.store.BackupType;
import dev.obs.backup.store.Manifest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2025-01-01T02:00:00Z"));
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

  private Backups backups(BytesSource source) {
    backups =
        Backups.builder(obs)
            .plan(
                BackupPlan.builder("daily")
                    .source(source)
                    .store(BackupStore.local(dir))
                    .attempts(1)
                    .build())
            .build();
    return backups;
  }

  @Test
  void aYearOfDailyRunsKeepsExactlyTheGrandfatherFatherSonSet() throws Exception {
    backups(new BytesSource("db", new byte[] {1, 2}, 0));
    Map<UUID, Manifest> made = new HashMap<>();
    for (LocalDate day = LocalDate.of(2025, 1, 1); day.getYear() == 2025; day = day.plusDays(1)) {
      clock.set(day.atTime(2, 0).toInstant(ZoneOffset.UTC));
      Manifest m = backups.run("daily");
      assertThat(m.status()).isEqualTo(BackupStatus.COMPLETED);
      made.put(m.backupId(), m);
    }

    Set<LocalDate> kept = new TreeSet<>();
    for (Manifest m : backups.list("daily")) {
      kept.add(m.timestamp().atZone(ZoneOffset.UTC).toLocalDate());
    }

    Set<LocalDate> expected = new TreeSet<>();
    // daily: the last 7 days
    for (int d = 25; d <= 31; d++) {
      expected.add(LocalDate.of(2025, 12, d));
    }
    // weekly: the first backup (Monday) of each of the last 4 ISO weeks; Dec 29 is already daily
    expected.addAll(
        List.of(LocalDate.of(2025, 12, 8), LocalDate.of(2025, 12, 15), LocalDate.of(2025, 12, 22)));
    // monthly: the first backup of each of the last 12 months
    for (int month = 1; month <= 12; month++) {
      expected.add(LocalDate.of(2025, month, 1));
    }
    assertThat(kept).containsExactlyElementsOf(expected);
    assertThat(kept).hasSize(22);
  }

  @Test
  void manifestsRecordTheTierTheBackupOpened() throws Exception {
    backups(new BytesSource("db", new byte[] {1}, 0));
    Map<LocalDate, BackupType> types = new HashMap<>();
    for (LocalDate day = LocalDate.of(2025, 1, 1);
        day.isBefore(LocalDate.of(2025, 2, 4));
        day = day.plusDays(1)) {
      clock.set(day.atTime(2, 0).toInstant(ZoneOffset.UTC));
      types.put(day, backups.run("daily").type());
    }

    assertThat(types.get(LocalDate.of(2025, 1, 1))).isEqualTo(BackupType.MONTHLY);
    assertThat(types.get(LocalDate.of(2025, 1, 2))).isEqualTo(BackupType.DAILY);
    assertThat(types.get(LocalDate.of(2025, 1, 6))).as("a Monday").isEqualTo(BackupType.WEEKLY);
    assertThat(types.get(LocalDate.of(2025, 1, 7))).isEqualTo(BackupType.DAILY);
    assertThat(types.get(LocalDate.of(2025, 2, 1))).isEqualTo(BackupType.MONTHLY);
    assertThat(types.get(LocalDate.of(2025, 2, 3))).as("a Monday").isEqualTo(BackupType.WEEKLY);
  }

  @Test
  void failedRunsGoAfterADayAndADryRunDeletesNothing() throws Exception {
    BytesSource source = new BytesSource("db", new byte[] {1}, 1);
    backups(source);
    Manifest failed = backups.run("daily");
    assertThat(failed.status()).isEqualTo(BackupStatus.FAILED);

    clock.advance(Duration.ofHours(23));
    assertThat(backups.prune("daily", false).deleted()).isEmpty();
    clock.advance(Duration.ofHours(2));
    PruneReport dry = backups.prune("daily", true);
    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.deleted()).extracting(Manifest::backupId).containsExactly(failed.backupId());
    assertThat(backups.list("daily")).hasSize(1);

    PruneReport real = backups.prune("daily", false);

    assertThat(real.deleted()).extracting(Manifest::backupId).containsExactly(failed.backupId());
    assertThat(backups.list("daily")).isEmpty();
  }

  @Test
  void theNewestCompletedBackupIsKeptEvenWithZeroRetention() throws Exception {
    backups =
        Backups.builder(obs)
            .plan(
                BackupPlan.builder("none")
                    .source(new BytesSource("db", new byte[] {1}, 0))
                    .store(BackupStore.local(dir))
                    .retention(new Retention(0, 0, 0))
                    .build())
            .build();
    backups.run("none");
    clock.advance(Duration.ofDays(1));
    Manifest newest = backups.run("none");

    assertThat(backups.list("none"))
        .extracting(Manifest::backupId)
        .containsExactly(newest.backupId());
  }
}
