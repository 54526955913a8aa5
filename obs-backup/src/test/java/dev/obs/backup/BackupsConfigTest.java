package dev.obs.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import dev.obs.backup.source.DirectorySource;
import dev.obs.backup.source.PostgresSource;
import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsConfigTest {
  @TempDir Path dir;

  private Backups fromConfig(Map<String, String> values) {
    Obs obs =
        Obs.builder()
            .meterRegistry(new SimpleMeterRegistry())
            .config(ObsConfig.of(values))
            .jvmMetrics(false)
            .build();
    return Backups.fromConfig(obs);
  }

  private Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("obs.backup.plans", "nightly");
    m.put("obs.backup.store.path", dir.toString());
    m.put("obs.backup.plan.nightly.sources", "main,uploads");
    m.put("obs.backup.source.main.kind", "postgresql");
    m.put("obs.backup.source.main.database", "app");
    m.put("obs.backup.source.uploads.kind", "directory");
    m.put("obs.backup.source.uploads.path", dir.resolve("uploads").toString());
    return m;
  }

  @Test
  void buildsPlansWithTheDefaults() {
    try (Backups backups = fromConfig(minimal())) {
      BackupPlan plan = backups.plan("nightly");
      assertThat(plan.schedule()).isEqualTo("0 2 * * *");
      assertThat(plan.zone()).isEqualTo(ZoneId.of("UTC"));
      assertThat(plan.retention()).isEqualTo(new Retention(7, 4, 12));
      assertThat(plan.attempts()).isEqualTo(3);
      assertThat(plan.backoff()).isEqualTo(Duration.ofMinutes(1));
      assertThat(plan.encryptionKey()).isEmpty();
      assertThat(plan.drillSchedule()).isEmpty();
      assertThat(plan.sources())
          .extracting(s -> s.getClass().getSimpleName())
          .containsExactly(
              PostgresSource.class.getSimpleName(), DirectorySource.class.getSimpleName());
    }
  }

  @Test
  void readsEveryPlanSetting() throws Exception {
    Path key = Files.writeString(dir.resolve("key"), "cd".repeat(32) + "\n");
    Map<String, String> m = minimal();
    m.put("obs.backup.plan.nightly.schedule", "15 3 * * 1-5");
    m.put("obs.backup.plan.nightly.zone", "Europe/Paris");
    m.put("obs.backup.plan.nightly.retention.daily", "3");
    m.put("obs.backup.plan.nightly.retention.weekly", "0");
    m.put("obs.backup.plan.nightly.retention.monthly", "24");
    m.put("obs.backup.plan.nightly.attempts", "5");
    m.put("obs.backup.plan.nightly.backoff", "30s");
    m.put("obs.backup.plan.nightly.encryption.key-file", key.toString());
    m.put("obs.backup.plan.nightly.drill.schedule", "0 4 1 * *");

    try (Backups backups = fromConfig(m)) {
      BackupPlan plan = backups.plan("nightly");
      assertThat(plan.schedule()).isEqualTo("15 3 * * 1-5");
      assertThat(plan.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
      assertThat(plan.retention()).isEqualTo(new Retention(3, 0, 24));
      assertThat(plan.attempts()).isEqualTo(5);
      assertThat(plan.backoff()).isEqualTo(Duration.ofSeconds(30));
      assertThat(plan.encryptionKey()).isPresent();
      assertThat(plan.drillSchedule()).contains("0 4 1 * *");
    }
  }

  @Test
  void invalidValuesNameTheKeyTheValueAndWhatIsAccepted() {
    assertRejected(
        "obs.backup.source.main.kind",
        "mysql",
        "obs.backup.source.main.kind must be one of postgresql, directory, h2, http, got 'mysql'");
    assertRejected(
        "obs.backup.plan.nightly.schedule",
        "every night",
        "obs.backup.plan.nightly.schedule must be a five-field cron expression like 0 2 * * *, got 'every night'");
    assertRejected(
        "obs.backup.plan.nightly.retention.daily",
        "-1",
        "obs.backup.plan.nightly.retention.daily must be zero or a positive integer like 7, got '-1'");
    assertRejected(
        "obs.backup.plan.nightly.zone",
        "Mars/Olympus",
        "obs.backup.plan.nightly.zone must be a time zone id like UTC or Europe/Paris, got 'Mars/Olympus'");
    assertRejected(
        "obs.backup.source.main.port",
        "99999",
        "obs.backup.source.main.port must be a port from 1 to 65535, got '99999'");
    assertRejected(
        "obs.backup.plan.nightly.encryption.key-env",
        "OBS_TEST_UNSET_KEY_VARIABLE",
        "obs.backup.plan.nightly.encryption.key-env must name an environment variable holding a"
            + " 32-byte key as base64 or 64 hex digits (environment variable"
            + " OBS_TEST_UNSET_KEY_VARIABLE is not set), got 'OBS_TEST_UNSET_KEY_VARIABLE'");
  }

  @Test
  void missingRequiredKeysAreNamed() {
    Map<String, String> m = minimal();
    m.remove("obs.backup.store.path");
    assertThatThrownBy(() -> fromConfig(m))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage("obs.backup.store.path is required");
    Map<String, String> noDb = minimal();
    noDb.remove("obs.backup.source.main.database");
    assertThatThrownBy(() -> fromConfig(noDb))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage("obs.backup.source.main.database is required");
  }

  private void assertRejected(String key, String value, String message) {
    Map<String, String> m = minimal();
    m.put(key, value);
    assertThatThrownBy(() -> fromConfig(m))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(message)
        .extracting(e -> ((ObsConfigException) e).key())
        .isEqualTo(key);
  }
}
