package dev.obs.errors;

import dev.obs.config.ObsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.jspecify.annotations.Nullable;

/** The {@code obs.sentry.*} keys, read once at start. */
record SentrySettings(
    @Nullable String dsn,
    String environment,
    @Nullable String release,
    double sampleRate,
    String serverName,
    boolean sendDefaultPii,
    int maxQueueSize,
    Duration shutdownTimeout) {

  static final String DEFAULT_ENVIRONMENT = "production";
  static final int DEFAULT_MAX_QUEUE_SIZE = 100;
  static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  /** The manifest attributes read, in order, for the commit that is appended to the version. */
  static final List<String> COMMIT_ATTRIBUTES =
      List.of("Git-Commit", "SCM-Revision", "Implementation-Build");

  static SentrySettings fromConfig(ObsConfig config, UnaryOperator<@Nullable String> env) {
    String dsn = config.get("obs.sentry.dsn").orElse(env.apply("SENTRY_DSN"));
    if (dsn != null && dsn.isBlank()) {
      dsn = null;
    }
    if (!config.bool("obs.sentry.enabled", true)) {
      dsn = null;
    }
    String environment =
        config
            .get("obs.sentry.environment")
            .orElse(orDefault(env.apply("SENTRY_ENVIRONMENT"), DEFAULT_ENVIRONMENT));
    String release = config.get("obs.sentry.release").orElse(env.apply("SENTRY_RELEASE"));
    double sampleRate = sampleRate(config);
    boolean pii = config.bool("obs.sentry.send-default-pii", false);
    int queue = config.positiveInt("obs.sentry.max-queue-size", DEFAULT_MAX_QUEUE_SIZE);
    Duration shutdown = config.duration("obs.sentry.shutdown-timeout", DEFAULT_SHUTDOWN_TIMEOUT);
    String serverName = config.get("obs.sentry.server-name").orElse("");
    if (dsn != null) {
      if (release == null || release.isEmpty()) {
        release = releaseOfMainJar();
      }
      if (serverName.isEmpty()) {
        serverName = orDefault(env.apply("HOSTNAME"), "");
      }
      if (serverName.isEmpty()) {
        serverName = localHostName();
      }
    }
    return new SentrySettings(
        dsn,
        environment,
        release == null || release.isEmpty() ? null : release,
        sampleRate,
        serverName,
        pii,
        queue,
        shutdown);
  }

  private static double sampleRate(ObsConfig config) {
    String text = config.string("obs.sentry.sample-rate", "1.0");
    try {
      double rate = Double.parseDouble(text);
      if (rate > 0 && rate <= 1) {
        return rate;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ObsConfig.invalid(
        "obs.sentry.sample-rate", text, "must be a number above 0 and at most 1, like 0.25");
  }

  /**
   * The release of the application started with {@code java -jar app.jar}: its manifest's {@code
   * Implementation-Version}, plus {@code +commit} when the manifest names one.
   */
  static @Nullable String releaseOfMainJar() {
    String classPath = System.getProperty("java.class.path", "");
    if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator)) {
      return null;
    }
    Path jar = Path.of(classPath);
    if (!Files.isRegularFile(jar)) {
      return null;
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      return manifest == null ? null : release(manifest);
    } catch (IOException e) {
      return null;
    }
  }

  static @Nullable String release(Manifest manifest) {
    Attributes main = manifest.getMainAttributes();
    String version = main.getValue("Implementation-Version");
    if (version == null || version.isBlank()) {
      return null;
    }
    for (String name : COMMIT_ATTRIBUTES) {
      String commit = main.getValue(name);
      if (commit != null && !commit.isBlank()) {
        return version.trim() + "+" + commit.trim();
      }
    }
    return version.trim();
  }

  static @Nullable String release(InputStream manifest) throws IOException {
    return release(new Manifest(manifest));
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String orDefault(@Nullable String value, String defaultValue) {
    return value == null || value.isBlank() ? defaultValue : value;
  }
}
