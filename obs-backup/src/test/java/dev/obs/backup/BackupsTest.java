package dev.obs.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import dev.obs.backup.source.DirectorySource;
import dev.obs.backup.store.BackupStatus;
import dev.obs.backup.store.BackupStore;
import dev.obs.backup.store.EncryptionKey;
import dev.obs.backup.store.Manifest;
import dev.obs.backup.store.StoreLock;
import dev.obs.config.ObsConfig;
import dev.obs.health.HealthReport;
import dev.obs.health.HealthStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsTest {
  private static final EncryptionKey KEY = EncryptionKey.parse("11".repeat(32));
  private static final EncryptionKey OTHER_KEY = EncryptionKey.parse("22".repeat(32));

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2025-03-03T02:00:00Z"));
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();
  private final List<Duration> waits = new ArrayList<>();
  private Obs obs;
  private final List<Backups> opened = new ArrayList<>();

  @BeforeEach
  void createObs() {
    obs =
        Obs.builder()
            .meterRegistry(registry)
            .clock(clock)
            .config(ObsConfig.of(Map.of("obs.health.cache-ttl", "0s")))
            .jvmMetrics(false)
            .build();
  }

  @AfterEach
  void close() {
    opened.forEach(Backups::close);
    obs.close();
  }

  private Path files() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    byte[] random = new byte[300_000];
    new Random(7).nextBytes(random);
    Files.write(data.resolve("random.bin"), random);
    Files.writeString(data.resolve("notes.txt"), "hello");
    return data;
  }

  private Backups backups(BackupPlan.Builder plan) {
    Backups b =
        Backups.builder(obs)
            .plan(plan.build())
            .alertListener((at, list) -> alerts.addAll(list))
            .sleeper(
                d -> {
                  waits.add(d);
                  clock.advance(d);
                })
            .build();
    opened.add(b);
    return b;
  }

  private BackupPlan.Builder plan(BackupStore store) throws IOException {
    return BackupPlan.builder("app")
        .source(DirectorySource.of("files", files()))
        .store(store)
        .attempts(1);
  }

  @Test
  void aFullDiskFailsTheRunAlertsAndLeavesNothingPartial() throws Exception {
    Path storeDir = dir.resolve("store");
    Backups backups = backups(plan(Stores.full(BackupStore.local(storeDir), 64 * 1024)));

    Manifest m = backups.run("app");

    assertThat(m.status()).isEqualTo(BackupStatus.FAILED);
    assertThat(m.error()).isEqualTo("No space left on device");
    assertThat(backups.list("app"))
        .extracting(Manifest::status)
        .containsExactly(BackupStatus.FAILED);
    try (Stream<Path> left = Files.list(storeDir.resolve("app"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(".lock", ".failed-" + m.backupId() + ".json");
    }
    assertThat(alerts).hasSize(1);
    Alert alert = alerts.get(0);
    assertThat(alert.name()).isEqualTo("BackupFailed");
    assertThat(alert.state()).isEqualTo(AlertState.FIRING);
    assertThat(alert.labels())
        .containsEntry("alertname", "BackupFailed")
        .containsEntry("plan", "app")
        .containsEntry("severity", "critical");
    assertThat(alert.annotations()).containsEntry("description", "No space left on device");
    assertThat(
            registry
                .get("obs.backup.runs")
                .tags("plan", "app", "result", "failure")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void theNextSuccessResolvesTheFailureAlert() throws Exception {
    BytesSource flaky = new BytesSource("db", new byte[] {1, 2, 3}, 1);
    Backups backups =
        backups(BackupPlan.builder("app").source(flaky).store(BackupStore.local(dir)).attempts(1));
    backups.run("app");

    Manifest ok = backups.run("app");

    assertThat(ok.status()).isEqualTo(BackupStatus.COMPLETED);
    assertThat(alerts)
        .extracting(Alert::state)
        .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    assertThat(alerts.get(1).resolvedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aCorruptByteFailsVerificationNamingTheComponent() throws Exception {
    Backups backups = backups(plan(BackupStore.local(dir.resolve("store"))));
    Manifest m = backups.run("app");
    assertThat(backups.verify(m.backupId()).ok()).isTrue();
    Path stored = dir.resolve("store/app/" + m.backupId() + "/files.tar.gz");
    flipByte(stored, Files.size(stored) / 2);

    VerifyResult result = backups.verify(m.backupId());

    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).hasSize(1);
    assertThat(result.problems().get(0))
        .startsWith("component 'files' (files.tar.gz): SHA-256 ")
        .endsWith("does not match the manifest's " + m.components().get(0).sha256());
    assertThatThrownBy(
            () ->
                backups.restore(
                    m.backupId(),
                    RestoreOptions.confirmed(Map.of("files", dir.resolve("out").toString()))))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "backup " + m.backupId() + " failed verification, not restoring: component 'files'");
  }

  @Test
  void encryptedBackupsRestoreWithTheirKeyAndAWrongKeyIsRefused() throws Exception {
    Path storeDir = dir.resolve("store");
    Backups backups = backups(plan(BackupStore.local(storeDir)).encryptionKey(KEY));
    Manifest m = backups.run("app");
    assertThat(m.keyId()).isEqualTo(KEY.id());
    assertThat(m.components().get(0).file()).isEqualTo("files.tar.gz.enc");
    assertThat(backups.verify(m.backupId()).ok()).isTrue();
    Path out = dir.resolve("restored");

    backups.restore(m.backupId(), RestoreOptions.confirmed(Map.of("files", out.toString())));

    assertThat(out.resolve("notes.txt")).hasContent("hello");
    assertThat(Files.readAllBytes(out.resolve("random.bin")))
        .isEqualTo(Files.readAllBytes(dir.resolve("data/random.bin")));

    backups.close();
    Backups wrong = backups(plan(BackupStore.local(storeDir)).encryptionKey(OTHER_KEY));
    String expected =
        "wrong encryption key: the backup was encrypted with key id "
            + KEY.id()
            + ", the configured key has id "
            + OTHER_KEY.id();
    assertThat(wrong.verify(m.backupId()).problems()).contains(expected);
    assertThatThrownBy(
            () ->
                wrong.restore(
                    m.backupId(),
                    RestoreOptions.confirmed(Map.of("files", dir.resolve("again").toString()))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void failedAttemptsAreRetriedWithDoublingBackoff() throws Exception {
    BytesSource flaky = new BytesSource("db", "content".getBytes(StandardCharsets.UTF_8), 2);
    Backups backups =
        backups(
            BackupPlan.builder("app")
                .source(flaky)
                .store(BackupStore.local(dir))
                .attempts(3)
                .backoff(Duration.ofSeconds(10)));

    Manifest m = backups.run("app");

    assertThat(m.status()).isEqualTo(BackupStatus.COMPLETED);
    assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
    assertThat(backups.list("app")).extracting(Manifest::backupId).containsExactly(m.backupId());
    assertThat(alerts).isEmpty();
  }

  @Test
  void aSecondTriggerWhileRunningAnswersAlreadyRunning() throws Exception {
    BackupStore store = BackupStore.local(dir);
    Backups backups =
        backups(
            BackupPlan.builder("app")
                .source(new BytesSource("db", new byte[] {1}, 0))
                .store(store));

    StoreLock held = store.tryLock("app").orElseThrow();
    try {
      TriggerResult second = backups.trigger("app");
      assertThat(second.started()).isFalse();
      assertThat(second.status()).isEqualTo("already_running");
      assertThatThrownBy(() -> backups.run("app"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("backup plan 'app' is busy: a backup, restore, drill or prune is running");
    } finally {
      held.close();
    }
    TriggerResult first = backups.trigger("app");
    assertThat(first.status()).isEqualTo("started");
    Manifest m =
        backups
            .completion(first.backupId())
            .orElseThrow()
            .get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(m.status()).isEqualTo(BackupStatus.COMPLETED);
    assertThat(backups.status(first.backupId()).orElseThrow().percent()).isEqualTo(100);
  }

  @Test
  void healthIsDownWhenTheLastSuccessIsOlderThanTheThreshold() throws Exception {
    Backups backups =
        backups(
            BackupPlan.builder("app")
                .source(new BytesSource("db", new byte[] {1}, 0))
                .store(BackupStore.local(dir)));
    assertThat(check().status()).isEqualTo(HealthStatus.UP);

    clock.advance(Duration.ofHours(27));
    HealthReport never = check();
    assertThat(never.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(never.checks().get("backups").message())
        .isEqualTo("plan app has not completed a backup in 27h (threshold 26h)");

    backups.run("app");
    assertThat(check().status()).isEqualTo(HealthStatus.UP);
    clock.advance(Duration.ofHours(26).plusMinutes(30));
    assertThat(check().checks().get("backups").message())
        .isEqualTo("plan app last completed a backup 26h30m ago (threshold 26h)");
  }

  private HealthReport check() {
    return obs.health().checkGroup(Backups.HEALTH_GROUP);
  }

  @Test
  void metersReportTheLastSuccessSizeDurationAndRuns() throws Exception {
    Backups backups =
        backups(
            BackupPlan.builder("app")
                .source(new BytesSource("db", new byte[1000], 0))
                .store(BackupStore.local(dir)));
    assertThat(registry.get("obs.backup.last_success_timestamp").tag("plan", "app").gauge().value())
        .isZero();
    assertThat(registry.get("obs.backup.last_failure_timestamp").tag("plan", "app").gauge().value())
        .isZero();

    Manifest m = backups.run("app");

    assertThat(registry.get("obs.backup.last_success_timestamp").tag("plan", "app").gauge().value())
        .isEqualTo(clock.instant().getEpochSecond());
    assertThat(registry.get("obs.backup.size").tag("plan", "app").gauge().value())
        .isEqualTo(1000.0);
    assertThat(m.size()).isEqualTo(1000);
    assertThat(
            registry
                .get("obs.backup.runs")
                .tags("plan", "app", "result", "success")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("obs.backup.duration")
                .tags("plan", "app", "result", "success")
                .timer()
                .count())
        .isEqualTo(1);

    backups.close();
    assertThat(registry.find("obs.backup.runs").meters()).isEmpty();
    assertThat(obs.health().names()).doesNotContain(Backups.HEALTH_CHECK);
  }

  @Test
  void drillsRestoreIntoScratchAndReportFailures() throws Exception {
    BytesSource source = new BytesSource("db", new byte[] {4, 5, 6}, 0);
    Backups backups =
        backups(BackupPlan.builder("app").source(source).store(BackupStore.local(dir)));
    DrillResult none = backups.drill("app");
    assertThat(none.ok()).isFalse();
    assertThat(none.error()).isEqualTo("plan has no completed backup to drill");
    assertThat(alerts).extracting(Alert::name).containsExactly("BackupDrillFailed");

    Manifest m = backups.run("app");
    DrillResult drill = backups.drill("app");

    assertThat(drill.ok()).isTrue();
    assertThat(drill.backupId()).isEqualTo(m.backupId());
    assertThat(source.restored).as("scratch targets dropped").isEmpty();
    assertThat(alerts)
        .extracting(Alert::state)
        .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
  }

  private static void flipByte(Path file, long position) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, position);
      b.flip();
      byte v = b.get();
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (v ^ 0x01)}), position);
    }
  }
}
