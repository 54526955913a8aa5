package dev.obs;

import dev.obs.alert.AlertListener;
import dev.obs.config.ObsConfig;
import dev.obs.health.HealthRegistry;
import dev.obs.history.History;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ObsPlugin.Provider} may use of the {@link Obs} being built: its fully built parts,
 * and the one setting a plug-in may change, where alerts are delivered.
 */
public final class PluginContext {
  private final MeterRegistry registry;
  private final ObsConfig config;
  private final Clock clock;
  private final HealthRegistry health;
  private final @Nullable History history;
  private AlertListener alertSink;

  PluginContext(
      MeterRegistry registry,
      ObsConfig config,
      Clock clock,
      HealthRegistry health,
      @Nullable History history,
      AlertListener alertSink) {
    this.registry = registry;
    this.config = config;
    this.clock = clock;
    this.health = health;
    this.history = history;
    this.alertSink = alertSink;
  }

  /**
   * Returns the registry where obs records its meters.
   *
   * @return the meter registry
   */
  public MeterRegistry meterRegistry() {
    return registry;
  }

  /**
   * Returns the configuration the {@code Obs} is built from.
   *
   * @return the configuration
   */
  public ObsConfig config() {
    return config;
  }

  /**
   * Returns the clock of the {@code Obs}; plug-ins measure and schedule with it.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the health checks of the {@code Obs}.
   *
   * @return the health registry
   */
  public HealthRegistry health() {
    return health;
  }

  /**
   * Returns the history behind the status page.
   *
   * @return the history, or {@code null} when {@code obs.history.enabled} is false
   */
  public @Nullable History history() {
    return history;
  }

  /**
   * Returns where alerts are delivered so far: the log, or what an earlier plug-in set.
   *
   * @return the alert sink
   */
  public AlertListener alertSink() {
    return alertSink;
  }

  /**
   * Delivers the alerts that sources hand to {@link Obs#alertSink()} (backups, for instance)
   * through the given listener, such as a notification engine.
   *
   * @param sink the listener that delivers alerts
   */
  public void alertSink(AlertListener sink) {
    this.alertSink = Objects.requireNonNull(sink, "sink");
  }
}
