package dev.obs.backup;

import dev.obs.backup.source.BackupSource;
import dev.obs.backup.source.DirectorySource;
import dev.obs.backup.source.H2Source;
import dev.obs.backup.source.HttpSnapshotSource;
import dev.obs.backup.source.PostgresSource;
import dev.obs.backup.store.BackupStore;
import dev.obs.backup.store.EncryptionKey;
import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps the {@code obs.backup.*} keys onto {@link Backups.Builder} and {@link BackupPlan.Builder};
 * every default lives in those builders. {@code docs/backup.md} lists the keys.
 */
final class BackupsConfig {
  private static final String P = "obs.backup.";
  private static final List<String> KINDS = List.of("postgresql", "directory", "h2", "http");

  private BackupsConfig() {}

  static void apply(ObsConfig config, Backups.Builder backups) {
    if (!config.bool(P + "enabled", true)) {
      return;
    }
    backups.staleAfter(config.duration(P + "stale-after", Duration.ofHours(26)));
    backups.notifyOnSuccess(config.bool(P + "notify-success", false));
    Map<String, BackupStore> stores = new HashMap<>();
    Map<String, BackupSource> sources = new HashMap<>();
    for (String name : config.list(P + "plans")) {
      backups.plan(plan(config, name, stores, sources));
    }
  }

  private static BackupPlan plan(
      ObsConfig config,
      String name,
      Map<String, BackupStore> stores,
      Map<String, BackupSource> sources) {
    String k = P + "plan." + name + ".";
    BackupPlan.Builder b;
    try {
      b = BackupPlan.builder(name);
    } catch (IllegalArgumentException e) {
      throw ObsConfig.invalid(
          P + "plans", name, "must name plans with letters, digits, dots, dashes or underscores");
    }
    String storeKey =
        config.get(k + "store.path").isPresent() ? k + "store.path" : P + "store.path";
    String storePath = required(config, storeKey);
    b.store(stores.computeIfAbsent(storePath, s -> BackupStore.local(Path.of(s))));
    List<String> sourceNames = config.list(k + "sources");
    if (sourceNames.isEmpty()) {
      throw new ObsConfigException(
          k + "sources",
          k
              + "sources is required: the comma-separated names of the plan's sources, each"
              + " described by obs.backup.source.<name>.kind and its keys");
    }
    for (String s : sourceNames) {
      b.source(sources.computeIfAbsent(s, n -> source(config, n)));
    }
    String schedule = config.string(k + "schedule", BackupPlan.DEFAULT_SCHEDULE);
    try {
      b.schedule(schedule);
    } catch (IllegalArgumentException e) {
      throw ObsConfig.invalid(
          k + "schedule", schedule, "must be a five-field cron expression like 0 2 * * *");
    }
    config
        .get(k + "drill.schedule")
        .ifPresent(
            d -> {
              try {
                b.drillSchedule(d);
              } catch (IllegalArgumentException e) {
                throw ObsConfig.invalid(
                    k + "drill.schedule", d, "must be a five-field cron expression like 0 4 1 * *");
              }
            });
    String zone = config.string(k + "zone", "UTC");
    try {
      b.zone(ZoneId.of(zone));
    } catch (DateTimeException e) {
      throw ObsConfig.invalid(k + "zone", zone, "must be a time zone id like UTC or Europe/Paris");
    }
    Retention d = Retention.defaults();
    b.retention(
        new Retention(
            count(config, k + "retention.daily", d.daily()),
            count(config, k + "retention.weekly", d.weekly()),
            count(config, k + "retention.monthly", d.monthly())));
    b.attempts(config.positiveInt(k + "attempts", 3));
    b.backoff(config.nonNegativeDuration(k + "backoff", Duration.ofMinutes(1)));
    b.encryptionKey(key(config, k));
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new ObsConfigException(k + "sources", e.getMessage());
    }
  }

  private static @Nullable EncryptionKey key(ObsConfig config, String k) {
    Optional<String> env = config.get(k + "encryption.key-env");
    Optional<String> file = config.get(k + "encryption.key-file");
    if (env.isPresent() && file.isPresent()) {
      throw new ObsConfigException(
          k + "encryption.key-env",
          k + "encryption.key-env and " + k + "encryption.key-file are both set; set one");
    }
    if (env.isPresent()) {
      try {
        return EncryptionKey.fromEnvironment(env.get());
      } catch (IllegalArgumentException e) {
        throw ObsConfig.invalid(
            k + "encryption.key-env",
            env.get(),
            "must name an environment variable holding a 32-byte key as base64 or 64 hex digits ("
                + e.getMessage()
                + ")");
      }
    }
    if (file.isPresent()) {
      try {
        return EncryptionKey.fromFile(Path.of(file.get()));
      } catch (IOException | IllegalArgumentException e) {
        throw ObsConfig.invalid(
            k + "encryption.key-file",
            file.get(),
            "must name a readable file holding a 32-byte key as base64 or 64 hex digits ("
                + e.getMessage()
                + ")");
      }
    }
    return null;
  }

  private static BackupSource source(ObsConfig config, String name) {
    String k = P + "source." + name + ".";
    String kind = required(config, k + "kind");
    switch (kind) {
      case "postgresql" -> {
        PostgresSource.Builder b =
            PostgresSource.builder(name)
                .database(required(config, k + "database"))
                .host(config.string(k + "host", "127.0.0.1"))
                .user(config.string(k + "user", "postgres"));
        config.get(k + "port").ifPresent(p -> b.port(port(k + "port", p)));
        config.get(k + "password-env").ifPresent(v -> b.password(env(k + "password-env", v)));
        config.get(k + "passfile").ifPresent(b::passfile);
        config.get(k + "pg-dump").ifPresent(b::pgDump);
        config.get(k + "pg-restore").ifPresent(b::pgRestore);
        return b.build();
      }
      case "directory" -> {
        return DirectorySource.of(name, Path.of(required(config, k + "path")));
      }
      case "h2" -> {
        String password =
            config.get(k + "password-env").map(v -> env(k + "password-env", v)).orElse("");
        return H2Source.of(
            name, required(config, k + "url"), config.string(k + "user", "sa"), password);
      }
      case "http" -> {
        String url = required(config, k + "url");
        HttpSnapshotSource.Builder b = HttpSnapshotSource.builder(name, uri(k + "url", url));
        config.get(k + "download-url").ifPresent(b::downloadUri);
        config.get(k + "name-pointer").ifPresent(b::namePointer);
        config.get(k + "restore-url").ifPresent(r -> b.restoreUri(uri(k + "restore-url", r)));
        b.deleteAfterDownload(config.bool(k + "delete-after-download", false));
        return b.build();
      }
      default ->
          throw ObsConfig.invalid(k + "kind", kind, "must be one of " + String.join(", ", KINDS));
    }
  }

  private static String required(ObsConfig config, String key) {
    return config
        .get(key)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> new ObsConfigException(key, key + " is required"));
  }

  private static int count(ObsConfig config, String key, int defaultValue) {
    Optional<String> v = config.get(key);
    if (v.isEmpty() || v.get().isEmpty()) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ObsConfig.invalid(
        key, v.get(), "must be zero or a positive integer like " + defaultValue);
  }

  private static int port(String key, String value) {
    try {
      int p = Integer.parseInt(value);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ObsConfig.invalid(key, value, "must be a port from 1 to 65535");
  }

  private static String env(String key, String variable) {
    String v = System.getenv(variable);
    if (v == null) {
      throw ObsConfig.invalid(key, variable, "must name a set environment variable");
    }
    return v;
  }

  private static URI uri(String key, String value) {
    try {
      URI u = URI.create(value);
      if (u.getScheme() != null
          && (u.getScheme().equals("http") || u.getScheme().equals("https"))) {
        return u;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ObsConfig.invalid(key, value, "must be an http or https URL");
  }
}
