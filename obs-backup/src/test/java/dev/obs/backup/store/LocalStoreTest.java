package dev.obs.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
  @TempDir Path dir;

  private static Manifest started(String plan) {
    return new Manifest(
        UUID.randomUUID(),
        plan,
        Instant.parse("2025-05-01T02:00:00Z"),
        BackupType.MONTHLY,
        BackupStatus.IN_PROGRESS,
        null,
        Duration.ZERO,
        List.of(),
        null,
        "test");
  }

  @Test
  void aBackupIsVisibleOnlyOnceCommitted() throws Exception {
    BackupStore store = BackupStore.local(dir);
    Manifest m = started("p");
    PendingBackup pending = store.begin(m);
    try (OutputStream out = pending.create("db.dump")) {
      out.write("dump".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(store.list("p")).isEmpty();
    assertThat(store.find(m.backupId())).isEmpty();

    Component c =
        new Component(
            "db", "postgresql", "db.dump", 4, "00", Map.of("tables", 2L), Map.of(), List.of());
    pending.commit(m.finish(BackupStatus.COMPLETED, null, Duration.ofSeconds(3), List.of(c)));

    assertThat(store.list("p"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.status()).isEqualTo(BackupStatus.COMPLETED);
              assertThat(x.components()).containsExactly(c);
              assertThat(x.duration()).isEqualTo(Duration.ofSeconds(3));
            });
    try (var in = store.open(store.find(m.backupId()).orElseThrow(), "db.dump")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("dump");
    }
    store.delete(store.list("p").get(0));
    assertThat(store.list("p")).isEmpty();
    try (var left = Files.list(dir.resolve("p"))) {
      assertThat(left).as("nothing left of the deleted backup").isEmpty();
    }
  }

  @Test
  void aBackupInterruptedByADeadProcessIsRecordedAsFailedWhenTheLockIsNextTaken() throws Exception {
    BackupStore store = BackupStore.local(dir);
    Manifest m = started("p");
    PendingBackup pending = store.begin(m);
    try (OutputStream out = pending.create("db.dump")) {
      out.write(1);
    }
    // The writer "dies" here: neither commit nor abort.

    StoreLock lock = store.tryLock("p").orElseThrow();
    try {
      assertThat(store.list("p"))
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.backupId()).isEqualTo(m.backupId());
                assertThat(x.status()).isEqualTo(BackupStatus.FAILED);
                assertThat(x.error())
                    .isEqualTo("interrupted: the process stopped before the backup completed");
              });
      assertThat(store.tryLock("p")).as("held by this process").isEmpty();
    } finally {
      lock.close();
    }
    assertThat(Files.exists(dir.resolve("p/.partial-" + m.backupId()))).isFalse();
  }

  @Test
  void manifestsAreSnakeCaseJson() throws Exception {
    Manifest m =
        started("p")
            .finish(
                BackupStatus.COMPLETED,
                null,
                Duration.ofMillis(1500),
                List.of(
                    new Component(
                        "files",
                        "directory",
                        "files.tar.gz",
                        10,
                        "ab",
                        Map.of("files", 1L),
                        Map.of(),
                        List.of("a.txt"))));
    String json = m.toJson();

    assertThat(json)
        .contains("\"backup_id\" : \"" + m.backupId() + "\"")
        .contains("\"status\" : \"completed\"")
        .contains("\"type\" : \"monthly\"")
        .contains("\"duration_ms\" : 1500")
        .contains("\"obs_version\" : \"test\"");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.write(out);
    assertThat(Manifest.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(m);
  }
}
