package dev.obs.alerts;

import java.util.Map;

/**
 * One rule of a rule group: an {@link AlertingRule} or a {@link RecordingRule}, as in a Prometheus
 * rule file.
 */
public sealed interface Rule permits AlertingRule, RecordingRule {

  /**
   * Returns the alert name of an alerting rule, or the recorded series name of a recording rule.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the PromQL expression as written.
   *
   * @return the expression
   */
  String expr();

  /**
   * Returns the labels the rule adds to its alerts or recorded series, sorted by name.
   *
   * @return the labels
   */
  Map<String, String> labels();
}
