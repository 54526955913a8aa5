package dev.obs.alerts;

import dev.obs.Obs;
import dev.obs.ObsPlugin;
import dev.obs.PluginContext;
import dev.obs.alerts.notify.Notifications;
import dev.obs.history.History;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The alerting of one {@link Obs}: the rules engine and the notification engine that receives every
 * alert it raises, plus those other sources hand to {@link Obs#alertSink()}. It plugs in by itself
 * when obs-alerts is on the class path; add it explicitly to give rules in code or your own
 * notifications.
 *
 * <pre>{@code
 * Obs obs = Obs.builder().plugin(Alerting.builder().rules(List.of(group))).build().start();
 * Alerting.of(obs).alerts().evaluateDue();
 * }</pre>
 */
public final class Alerting implements ObsPlugin {
  private final Alerts alerts;
  private final Notifications notifications;
  private final boolean background;

  private Alerting(Alerts alerts, Notifications notifications, boolean background) {
    this.alerts = alerts;
    this.notifications = notifications;
    this.background = background;
  }

  /**
   * Returns a builder of the plug-in, to add to {@link Obs.Builder#plugin}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the alerting installed in an {@code Obs}.
   *
   * @param obs the obs root
   * @return its alerting
   * @throws IllegalStateException when the {@code Obs} was built without it
   */
  public static Alerting of(Obs obs) {
    return obs.plugin(Alerting.class)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "this Obs has no alerting: add the dev.obs:obs-alerts dependency, or"
                        + " Obs.builder().plugin(Alerting.builder()) when plug-in discovery is"
                        + " off"));
  }

  /**
   * Returns the alert rules engine: rule files from {@code obs.alerts.rule-files}, the built-in
   * pack when {@code obs.alerts.builtin.enabled}, and rules given to the builder, evaluated over
   * the meters of the {@code Obs} on an obs thread once started.
   *
   * @return the alerts engine
   */
  public Alerts alerts() {
    return alerts;
  }

  /**
   * Returns the notification engine that receives every alert of {@link #alerts()}: routing,
   * grouping, limits, silences and delivery, configured by {@code obs.alerts.notify.*} or given to
   * the builder.
   *
   * @return the notifications
   */
  public Notifications notifications() {
    return notifications;
  }

  /** Starts the evaluation thread, unless {@code obs.background.enabled} is false. */
  @Override
  public void start() {
    if (background) {
      alerts.start();
    }
  }

  @Override
  public void close() {
    alerts.close();
    // After the rules stop, so that alerts of their last evaluation are still delivered.
    notifications.close();
  }

  /**
   * Builds the {@link Alerting} of an {@code Obs}. Its constructor is public because the class path
   * discovery of plug-ins instantiates it.
   */
  public static final class Builder implements ObsPlugin.Provider {
    private final List<RuleGroup> rules = new ArrayList<>();
    private @Nullable Notifications notifications;

    /** Creates a builder with no rules in code and notifications from the configuration. */
    public Builder() {}

    /**
     * Adds alert rule groups, such as ones built with {@link Rules}, evaluated with those of {@code
     * obs.alerts.rule-files}.
     *
     * @param groups the rule groups
     * @return this builder
     */
    public Builder rules(List<RuleGroup> groups) {
      rules.addAll(groups);
      return this;
    }

    /**
     * Delivers alerts through the given notifications instead of those {@code obs.alerts.notify.*}
     * describes; closing the {@code Obs} closes them.
     *
     * @param notifications the notifications, usually built with {@link Notifications#builder}
     * @return this builder
     */
    public Builder notifications(Notifications notifications) {
      this.notifications = notifications;
      return this;
    }

    @Override
    public Alerting create(PluginContext context) {
      Alerts.Builder alertsBuilder =
          Alerts.builder()
              .clock(context.clock())
              .meterRegistry(context.meterRegistry())
              .config(context.config());
      if (!rules.isEmpty() && context.config().bool("obs.alerts.enabled", true)) {
        alertsBuilder.groups("code", rules);
      }
      Notifications n =
          notifications != null
              ? notifications
              : Notifications.fromConfig(
                  context.config(), context.meterRegistry(), context.clock());
      alertsBuilder.listener(n);
      Alerts built = alertsBuilder.build();
      History history = context.history();
      if (history != null) {
        // Critical alerts open and resolve incidents on the status page.
        built.addListener(history.alertListener());
      }
      context.alertSink(n);
      return new Alerting(built, n, context.config().bool("obs.background.enabled", true));
    }
  }
}
