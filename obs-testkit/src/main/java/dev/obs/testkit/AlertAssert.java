package dev.obs.testkit;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the alerts of one rule in one state, as {@link AlertsAssert#fired(String)} returns
 * them. Each {@code with...} keeps the alerts that match and fails when none does, so a chain
 * narrows down to one label set.
 *
 * <pre>{@code
 * assertThat(Alerting.of(obs).alerts()).fired("HealthCheckDown")
 *     .withLabel("check", "database")
 *     .withAnnotation("summary", "health check database is DOWN");
 * }</pre>
 */
public final class AlertAssert extends AbstractAssert<AlertAssert, List<Alert>> {
  private final String name;
  private final AlertState state;
  private final List<Alert> all;

  AlertAssert(List<Alert> alerts, String name, AlertState state, List<Alert> all) {
    super(alerts, AlertAssert.class);
    this.name = name;
    this.state = state;
    this.all = all;
  }

  /**
   * Keeps the alerts carrying the label with this value.
   *
   * @param label the label name
   * @param value the expected value
   * @return an assert on the matching alerts
   */
  public AlertAssert withLabel(String label, String value) {
    Objects.requireNonNull(label, "label");
    return keep(a -> value.equals(a.label(label)), "label " + label + "=\"" + value + "\"");
  }

  /**
   * Keeps the alerts whose annotation has this value.
   *
   * @param annotation the annotation name
   * @param value the expected value
   * @return an assert on the matching alerts
   */
  public AlertAssert withAnnotation(String annotation, String value) {
    Objects.requireNonNull(annotation, "annotation");
    return keep(
        a -> value.equals(a.annotations().get(annotation)),
        "annotation " + annotation + "=\"" + value + "\"");
  }

  /**
   * Keeps the alerts whose last value equals this one.
   *
   * @param value the expected value
   * @return an assert on the matching alerts
   */
  public AlertAssert withValue(double value) {
    return keep(a -> Double.compare(a.value(), value) == 0, "value " + value);
  }

  /**
   * Returns the single alert left, failing when several match.
   *
   * @return the alert
   */
  public Alert single() {
    if (actual.size() != 1) {
      throw Failures.failed(
          info,
          "Expected exactly one %s alert named <%s> but found %d:%n%s",
          AlertFormat.state(state),
          name,
          actual.size(),
          AlertFormat.list(actual));
    }
    return actual.get(0);
  }

  private AlertAssert keep(Predicate<Alert> test, String what) {
    List<Alert> kept = actual.stream().filter(test).toList();
    if (kept.isEmpty()) {
      throw Failures.failed(
          info,
          "Expected a %s alert named <%s> with %s but the %s ones are:%n%s%nAll alerts:%n%s",
          AlertFormat.state(state),
          name,
          what,
          AlertFormat.state(state),
          AlertFormat.list(actual),
          AlertFormat.list(all));
    }
    return new AlertAssert(kept, name, state, all);
  }
}
