package dev.obs.testkit;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import dev.obs.alerts.Alerts;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the alerts of an {@link Alerts} engine after its last evaluation. Obtain it from
 * {@link ObsAssertions#assertThat(Alerts)}; a failure lists every alert the engine holds.
 *
 * <pre>{@code
 * assertThat(Alerting.of(obs).alerts()).fired("HighErrorRate").withLabel("severity", "critical");
 * assertThat(Alerting.of(obs).alerts()).pending("HighLatency");
 * assertThat(Alerting.of(obs).alerts()).notFiring("AppNotReady").resolved("HighErrorRate");
 * }</pre>
 */
public final class AlertsAssert extends AbstractAssert<AlertsAssert, Alerts> {

  AlertsAssert(@Nullable Alerts alerts) {
    super(alerts, AlertsAssert.class);
  }

  /**
   * Verifies that at least one alert of the rule is firing.
   *
   * @param name the alert name
   * @return an assert on the firing alerts of that name
   */
  public AlertAssert fired(String name) {
    return inState(name, AlertState.FIRING);
  }

  /**
   * Verifies that at least one alert of the rule is pending.
   *
   * @param name the alert name
   * @return an assert on the pending alerts of that name
   */
  public AlertAssert pending(String name) {
    return inState(name, AlertState.PENDING);
  }

  /**
   * Verifies that at least one alert of the rule has resolved within the last 15 minutes.
   *
   * @param name the alert name
   * @return an assert on the resolved alerts of that name
   */
  public AlertAssert resolved(String name) {
    return inState(name, AlertState.RESOLVED);
  }

  /**
   * Verifies that no alert of the rule is firing; pending and resolved ones are allowed.
   *
   * @param name the alert name
   * @return this assert
   */
  public AlertsAssert notFiring(String name) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    List<Alert> all = actual.alerts();
    List<Alert> firing = matching(all, name, AlertState.FIRING);
    if (!firing.isEmpty()) {
      throw Failures.failed(
          info,
          "Expected no firing alert named <%s> but found:%n%s%nAll alerts:%n%s",
          name,
          AlertFormat.list(firing),
          AlertFormat.list(all));
    }
    return this;
  }

  /**
   * Verifies that no alert is pending or firing.
   *
   * @return this assert
   */
  public AlertsAssert hasNoActiveAlerts() {
    isNotNull();
    List<Alert> active = actual.activeAlerts();
    if (!active.isEmpty()) {
      throw Failures.failed(
          info, "Expected no pending or firing alerts but found:%n%s", AlertFormat.list(active));
    }
    return this;
  }

  private AlertAssert inState(String name, AlertState state) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    List<Alert> all = actual.alerts();
    List<Alert> found = matching(all, name, state);
    if (found.isEmpty()) {
      throw Failures.failed(
          info,
          "Expected a %s alert named <%s> but there is none.%nAll alerts:%n%s%n%s",
          AlertFormat.state(state),
          name,
          AlertFormat.list(all),
          AlertFormat.evaluations(actual));
    }
    return new AlertAssert(found, name, state, all);
  }

  private static List<Alert> matching(List<Alert> all, String name, AlertState state) {
    return all.stream().filter(a -> a.name().equals(name) && a.state() == state).toList();
  }
}
