package dev.obs.logging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Switches an application without a {@code logback.xml} to obs's JSON lines on stdout, and back
 * when closed. Applications with a {@code logback.xml} include {@code obs/logback-json.xml} instead
 * (see docs/logging.md).
 *
 * <pre>{@code
 * try (JsonLogging logging =
 *     JsonLogging.install(LoggingOptions.fromConfig(obs.config()), obs.meterRegistry())) {
 *   app.run();
 * }
 * }</pre>
 *
 * <p>Installing replaces the appenders of the root logger with one JSON console appender (behind a
 * bounded queue when {@link LoggingOptions#async()}); closing restores the previous appenders. It
 * needs Logback as the SLF4J backend and logstash-logback-encoder, which obs-servlet brings; {@link
 * #isAvailable()} tells whether they are present.
 */
public final class JsonLogging implements AutoCloseable {
  /** The counter of events dropped because the async queue was full. */
  public static final String DROPPED_METER = "obs.logging.dropped";

  private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

  /** What the Logback side hands back; keeps Logback types out of this class. */
  interface Installed {
    long dropped();

    void close();
  }

  private final Installed installed;
  private final @Nullable MeterRegistry registry;
  private final @Nullable FunctionCounter droppedCounter;
  private boolean closed;

  private JsonLogging(Installed installed, @Nullable MeterRegistry registry) {
    this.installed = installed;
    this.registry = registry;
    this.droppedCounter =
        registry == null
            ? null
            : FunctionCounter.builder(DROPPED_METER, this, JsonLogging::droppedEvents)
                .description("Log events dropped because the async log queue was full")
                .baseUnit("events")
                .register(registry);
  }

  /**
   * Tells whether JSON logging can be installed: Logback is the SLF4J backend and
   * logstash-logback-encoder is on the classpath.
   *
   * @return true when {@link #install(LoggingOptions)} will work
   */
  public static boolean isAvailable() {
    ClassLoader loader = JsonLogging.class.getClassLoader();
    try {
      Class.forName(LOGBACK_CONTEXT, false, loader);
      Class.forName("net.logstash.logback.encoder.LogstashEncoder", false, loader);
      Class.forName("com.fasterxml.jackson.core.JsonGenerator", false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    return LoggerFactory.getILoggerFactory().getClass().getName().equals(LOGBACK_CONTEXT);
  }

  /**
   * Installs JSON logging to stdout on the root logger.
   *
   * @param options the logging options
   * @return the installation; close it to restore the previous appenders
   * @throws IllegalStateException if Logback or logstash-logback-encoder is missing
   */
  public static JsonLogging install(LoggingOptions options) {
    return install(options, null, null);
  }

  /**
   * Installs JSON logging to stdout on the root logger, and registers the counter {@value
   * #DROPPED_METER} of events dropped by the async queue.
   *
   * @param options the logging options
   * @param registry where the counter is registered; it is removed again on {@link #close()}
   * @return the installation; close it to restore the previous appenders
   * @throws IllegalStateException if Logback or logstash-logback-encoder is missing
   */
  public static JsonLogging install(LoggingOptions options, MeterRegistry registry) {
    return install(options, registry, null);
  }

  static JsonLogging install(
      LoggingOptions options, @Nullable MeterRegistry registry, @Nullable OutputStream out) {
    if (!isAvailable()) {
      throw new IllegalStateException(
          "JsonLogging needs Logback as the SLF4J backend and logstash-logback-encoder on the"
              + " classpath (obs-servlet brings both); the SLF4J backend is "
              + LoggerFactory.getILoggerFactory().getClass().getName());
    }
    return new JsonLogging(LogbackInstall.install(options, out), registry);
  }

  /**
   * Returns how many events the async queue has dropped so far; always 0 when not async.
   *
   * @return the number of dropped events
   */
  public long droppedEvents() {
    return installed.dropped();
  }

  /**
   * Restores the root logger's previous appenders, after writing out what the async queue still
   * holds (waiting at most two seconds). Calling it again does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    installed.close();
    if (registry != null && droppedCounter != null) {
      registry.remove(droppedCounter);
    }
  }
}
