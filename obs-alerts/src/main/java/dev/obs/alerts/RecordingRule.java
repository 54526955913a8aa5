package dev.obs.alerts;

import java.util.Map;
import java.util.Objects;

/**
 * A rule that evaluates its expression and stores the result as new series named {@code name},
 * which other rules can then read, as in Prometheus.
 *
 * @param name the recorded series name, a valid metric name
 * @param expr the PromQL expression
 * @param labels labels added to every recorded series
 */
public record RecordingRule(String name, String expr, Map<String, String> labels) implements Rule {

  /**
   * Validates and copies the rule.
   *
   * @param name the series name
   * @param expr the expression
   * @param labels the labels
   * @throws IllegalArgumentException if the name is not a valid metric name, the expression is
   *     blank or a label name is invalid
   */
  public RecordingRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expr, "expr");
    if (!RuleNames.isMetricName(name)) {
      throw new IllegalArgumentException(
          "invalid recording rule name '" + name + "': must match [a-zA-Z_:][a-zA-Z0-9_:]*");
    }
    if (expr.isBlank()) {
      throw new IllegalArgumentException("recording rule '" + name + "' needs an expression");
    }
    labels = RuleNames.checkLabels(labels, "recording rule '" + name + "'");
    if (labels.containsKey("__name__")) {
      throw new IllegalArgumentException(
          "recording rule '" + name + "' must not set the label __name__");
    }
  }
}
