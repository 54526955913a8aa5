package dev.obs.alerts;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A rule that raises an alert for each series its expression returns: pending at first, firing once
 * the expression has held for {@code forDuration}, kept firing for {@code keepFiringFor} after it
 * stops holding. Labels and annotations may be templates ({@code {{ $value }}}, {@code {{ $labels.x
 * }}}).
 *
 * <pre>{@code
 * AlertingRule rule = Rules.alert("InstanceDown").expr("obs_health_status == 0")
 *     .forDuration(Duration.ofMinutes(2)).label("severity", "critical").build();
 * }</pre>
 *
 * @param name the alert name, the {@code alertname} label of its alerts
 * @param expr the PromQL expression
 * @param forDuration how long the expression must hold before the alert fires; zero fires at once
 * @param keepFiringFor how long a firing alert keeps firing after the expression stops holding
 * @param labels labels added to each alert, templated
 * @param annotations annotations of each alert, templated
 */
public record AlertingRule(
    String name,
    String expr,
    Duration forDuration,
    Duration keepFiringFor,
    Map<String, String> labels,
    Map<String, String> annotations)
    implements Rule {

  /**
   * Validates and copies the rule.
   *
   * @param name the alert name
   * @param expr the expression
   * @param forDuration the pending duration
   * @param keepFiringFor the keep-firing duration
   * @param labels the labels
   * @param annotations the annotations
   * @throws IllegalArgumentException if the name or expression is blank, a duration is negative or
   *     a label name is invalid
   */
  public AlertingRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(forDuration, "forDuration");
    Objects.requireNonNull(keepFiringFor, "keepFiringFor");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an alerting rule needs a non-blank alert name");
    }
    if (expr.isBlank()) {
      throw new IllegalArgumentException("alerting rule '" + name + "' needs an expression");
    }
    if (forDuration.isNegative() || keepFiringFor.isNegative()) {
      throw new IllegalArgumentException(
          "alerting rule '" + name + "': for and keep_firing_for must not be negative");
    }
    labels = RuleNames.checkLabels(labels, "alerting rule '" + name + "'");
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    RuleNames.checkNames(annotations.keySet(), "annotation", "alerting rule '" + name + "'");
  }
}
