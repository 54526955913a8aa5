package dev.obs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.alert.Alert;
import dev.obs.alert.AlertListener;
import dev.obs.backup.source.DirectorySource;
import dev.obs.backup.source.PostgresSource;
import dev.obs.backup.store.BackupStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup snippet of docs/backup.md, compiled and run. */
class BackupDocExamplesTest {
  @TempDir Path dir;

  @Test
  void setup() throws Exception {
    Path uploads = Files.createDirectories(dir.resolve("uploads"));
    Path backupDir = dir.resolve("backups");
    List<Alert> received = new CopyOnWriteArrayList<>();
    AlertListener notifications = (Instant at, List<Alert> alerts) -> received.addAll(alerts);
    try (Obs obs =
        Obs.builder().meterRegistry(new SimpleMeterRegistry()).jvmMetrics(false).build()) {
      // docs/backup.md "Setup"
      BackupPlan nightly =
          BackupPlan.builder("nightly")
              .source(PostgresSource.builder("main").database("app").user("app").build())
              .source(DirectorySource.of("uploads", uploads))
              .store(BackupStore.local(backupDir))
              .schedule("0 2 * * *") // the default: every day at 02:00 UTC
              .drillSchedule("0 4 1 * *") // a restore drill on the first of each month
              .build();
      Backups backups =
          Backups.builder(obs).plan(nightly).alertListener(notifications).build().start();
      // end of snippet

      assertThat(backups.plan("nightly").sources()).hasSize(2);
      assertThat(backups.scheduler().nextDrill("nightly")).isNotNull();
      assertThat(obs.health().names()).contains(Backups.HEALTH_CHECK);
      backups.close();
      assertThat(received).isEmpty();
    }
  }
}
