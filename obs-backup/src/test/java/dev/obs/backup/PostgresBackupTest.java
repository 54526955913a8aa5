package dev.obs.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Obs;
import dev.obs.backup.source.PostgresSource;
import dev.obs.backup.store.BackupStatus;
import dev.obs.backup.store.BackupStore;
import dev.obs.backup.store.Component;
import dev.obs.backup.store.Manifest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real PostgreSQL, real pg_dump and pg_restore, through the whole plan. The source database is
 * filled once for the class; each test leaves its content as it found it.
 */
class PostgresBackupTest {
  private static final List<String> TABLES = List.of("customers", "orders", "events");

  @TempDir Path dir;
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String SOURCE = "obs_backup_src_" + SUFFIX;
  private final List<String> databases = new ArrayList<>();
  private Obs obs;
  private Backups backups;

  @BeforeEach
  void createObs() {
    Services.requirePostgresAndTools();
    obs = Obs.builder().meterRegistry(new SimpleMeterRegistry()).jvmMetrics(false).build();
  }

  @AfterAll
  static void dropSource() throws SQLException {
    admin("DROP DATABASE IF EXISTS " + SOURCE + " WITH (FORCE)");
  }

  @BeforeAll
  static void createSource() throws SQLException {
    Services.requirePostgresAndTools();
    admin("CREATE DATABASE " + SOURCE);
    try (Connection c = connect(SOURCE);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE customers (id bigint PRIMARY KEY, name text, created timestamptz)");
      st.execute(
          "INSERT INTO customers SELECT g, 'customer ' || g, timestamptz '2025-01-01' + g * interval '1 minute'"
              + " FROM generate_series(1, 20000) g");
      st.execute(
          "CREATE TABLE orders (id bigint PRIMARY KEY, customer bigint, total numeric(12,2))");
      st.execute(
          "INSERT INTO orders SELECT g, g % 20000 + 1, (g % 997) * 1.25 FROM generate_series(1, 120000) g");
      st.execute("CREATE SCHEMA audit");
      st.execute("CREATE TABLE audit.events (id bigint PRIMARY KEY, payload jsonb)");
      st.execute(
          "INSERT INTO audit.events SELECT g, jsonb_build_object('n', g, 'kind', 'k' || (g % 7))"
              + " FROM generate_series(1, 60000) g");
    }
  }

  @AfterEach
  void dropTargets() throws SQLException {
    if (backups != null) {
      backups.close();
    }
    if (obs != null) {
      obs.close();
    }
    for (String db : databases) {
      admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }
  }

  private Backups backups(BackupStore store) {
    BackupPlan plan =
        BackupPlan.builder("pg")
            .source(PostgresSource.builder("main").database(SOURCE).build())
            .store(store)
            .attempts(1)
            .build();
    backups = Backups.builder(obs).plan(plan).build();
    return backups;
  }

  @Test
  void backupRestoresIntoANewDatabaseWithTheSameRowsAndContent() throws Exception {
    backups(BackupStore.local(dir));

    Manifest m = backups.run("pg");

    assertThat(m.status()).isEqualTo(BackupStatus.COMPLETED);
    Component c = m.components().get(0);
    assertThat(c.kind()).isEqualTo("postgresql");
    assertThat(c.file()).isEqualTo("main.dump");
    assertThat(c.counts())
        .containsEntry("tables", 3L)
        .containsEntry("rows:public.customers", 20_000L)
        .containsEntry("rows:public.orders", 120_000L)
        .containsEntry("rows:audit.events", 60_000L);
    assertThat(c.tools()).containsKeys("pg_dump", "postgresql");
    assertThat(backups.verify(m.backupId()).ok()).isTrue();

    String target = "obs_backup_restored_" + SUFFIX;
    databases.add(target);
    RestoreResult restored =
        backups.restore(m.backupId(), RestoreOptions.confirmed(Map.of("main", target)));

    assertThat(restored.targets()).containsEntry("main", target);
    assertThat(restored.restored().get("main").counts()).isEqualTo(c.counts());
    assertThat(checksums(target)).isEqualTo(checksums(SOURCE));
  }

  @Test
  void restoreRefusesANonEmptyTargetUnlessToldToReplaceIt() throws Exception {
    backups(BackupStore.local(dir));
    Manifest m = backups.run("pg");

    assertThatThrownBy(
            () -> backups.restore(m.backupId(), RestoreOptions.confirmed(Map.of("main", SOURCE))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "target database '"
                + SOURCE
                + "' is not empty (3 tables); restore into an empty database or allow replacing"
                + " its contents");
    assertThatThrownBy(
            () -> backups.restore(m.backupId(), new RestoreOptions(false, true, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a restore overwrites data and needs an explicit confirmation (confirm=true)");

    try (Connection c = connect(SOURCE);
        Statement st = c.createStatement()) {
      st.execute("DELETE FROM orders WHERE id > 100");
    }
    RestoreResult replaced =
        backups.restore(m.backupId(), new RestoreOptions(true, true, Map.of("main", SOURCE)));

    assertThat(replaced.restored().get("main").counts())
        .containsEntry("rows:public.orders", 120_000L);
  }

  @Test
  void killedPgDumpLeavesNoCompletedBackupReleasesTheLockAndTheNextRunSucceeds() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch killed = new CountDownLatch(1);
    BackupStore local = BackupStore.local(dir);
    backups(
        Stores.wrapping(
            local,
            out ->
                new FilterOutputStream(out) {
                  @Override
                  public void write(byte[] b, int off, int len) throws IOException {
                    writing.countDown();
                    await(killed);
                    out.write(b, off, len);
                  }
                }));

    TriggerResult trigger = backups.trigger("pg");
    assertThat(trigger.started()).isTrue();
    assertThat(writing.await(30, TimeUnit.SECONDS)).as("pg_dump started writing").isTrue();
    List<ProcessHandle> dumps =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().command().map(cmd -> cmd.contains("pg_dump")).orElse(false))
            .toList();
    assertThat(dumps).as("the pg_dump process this test started").hasSize(1);
    dumps.get(0).destroyForcibly();
    dumps.get(0).onExit().get(10, TimeUnit.SECONDS);
    killed.countDown();
    Manifest failed =
        backups.completion(trigger.backupId()).orElseThrow().get(30, TimeUnit.SECONDS);

    assertThat(failed.status()).isEqualTo(BackupStatus.FAILED);
    assertThat(failed.error()).startsWith("pg_dump exited with status");
    assertThat(local.list("pg")).extracting(Manifest::status).containsExactly(BackupStatus.FAILED);
    try (var lock = local.tryLock("pg").orElseThrow()) {
      assertThat(lock).as("the lock is free again").isNotNull();
    }

    backups.close();
    Manifest next = backups(local).run("pg");

    assertThat(next.status()).isEqualTo(BackupStatus.COMPLETED);
  }

  @Test
  void drillRestoresTheNewestBackupIntoAScratchDatabaseAndDropsIt() throws Exception {
    backups(BackupStore.local(dir));
    backups.run("pg");

    DrillResult drill = backups.drill("pg");

    assertThat(drill.error()).isNull();
    assertThat(drill.ok()).isTrue();
    try (Connection c = connect("postgres");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'obs_drill_%'")) {
      rs.next();
      assertThat(rs.getLong(1)).as("scratch databases left").isZero();
    }
    assertThat(
            obs.meterRegistry().get("obs.backup.drills").tag("result", "success").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void aMissingPgDumpFailsTheRunNamingIt() throws Exception {
    BackupPlan plan =
        BackupPlan.builder("pg")
            .source(
                PostgresSource.builder("main")
                    .database(SOURCE)
                    .pgDump("/nonexistent/pg_dump")
                    .build())
            .store(BackupStore.local(dir))
            .attempts(1)
            .build();
    backups = Backups.builder(obs).plan(plan).build();

    Manifest m = backups.run("pg");

    assertThat(m.status()).isEqualTo(BackupStatus.FAILED);
    assertThat(m.error())
        .startsWith(
            "pg_dump not found (tried '/nonexistent/pg_dump'): install the PostgreSQL client tools"
                + " or configure the path to pg_dump");
  }

  @Test
  void aPgDumpOlderThanTheServerFailsNamingBothVersions() throws Exception {
    Path old = dir.resolve("old_pg_dump");
    Files.writeString(old, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwx------"));
    BackupPlan plan =
        BackupPlan.builder("pg")
            .source(PostgresSource.builder("main").database(SOURCE).pgDump(old.toString()).build())
            .store(BackupStore.local(dir.resolve("store")))
            .attempts(1)
            .build();
    backups = Backups.builder(obs).plan(plan).build();

    Manifest m = backups.run("pg");

    String server;
    try (Connection c = connect(SOURCE);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      server = rs.getString(1).split(" ")[0];
    }
    assertThat(m.error())
        .isEqualTo(
            "pg_dump 9.6 is older than the PostgreSQL server "
                + server
                + " and cannot dump it; install pg_dump "
                + server.split("\\.")[0]
                + " or newer");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new UncheckedIOException(new IOException("timed out waiting for the test"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> checksums(String db) throws SQLException {
    Map<String, String> sums = new LinkedHashMap<>();
    try (Connection c = connect(db);
        Statement st = c.createStatement()) {
      for (String t : List.of("public.customers", "public.orders", "audit.events")) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*), md5(string_agg(t::text, ',' ORDER BY id)) FROM " + t + " t")) {
          rs.next();
          sums.put(t, rs.getLong(1) + ":" + rs.getString(2));
        }
      }
    }
    assertThat(sums).hasSize(TABLES.size());
    return sums;
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = connect("postgres");
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + Services.POSTGRES_HOST + ":" + Services.POSTGRES_PORT + "/" + db,
        "postgres",
        "");
  }
}
