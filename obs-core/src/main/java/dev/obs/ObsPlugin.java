package dev.obs;

/**
 * A capability another module adds to {@link Obs}, such as the alert rules and notifications of
 * obs-alerts. A plug-in is created while {@code Obs} is built, from the parts it needs (never from
 * a half-built {@code Obs}), started with it and closed with it, before the parts it uses.
 *
 * <p>Modules on the class path offer their plug-in through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.obs.ObsPlugin$Provider} entry); an application can also add one with
 * {@link Obs.Builder#plugin(Provider)}, which replaces the discovered one of the same provider
 * class.
 */
public interface ObsPlugin extends AutoCloseable {

  /** Starts background work; called once by {@link Obs#start()}. The default does nothing. */
  default void start() {}

  /**
   * Stops background work and flushes what is pending; called once by {@link Obs#close()}. The
   * default does nothing.
   */
  @Override
  default void close() {}

  /** Creates a plug-in for one {@link Obs} being built. */
  @FunctionalInterface
  interface Provider {

    /**
     * Creates the plug-in from the parts of the {@code Obs} being built.
     *
     * @param context the registry, configuration, clock, health, history and alert delivery
     * @return the plug-in
     * @throws dev.obs.config.ObsConfigException naming the key when its configuration is invalid
     */
    ObsPlugin create(PluginContext context);
  }
}
