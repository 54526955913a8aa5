package dev.obs.alerts;

import dev.obs.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state of one loaded rule: its health, the last evaluation and, for an alerting rule, its
 * current alerts.
 *
 * @param group the group name
 * @param rule the rule
 * @param health the health of the last evaluation
 * @param lastError the error of the last evaluation, or {@code null} when it succeeded
 * @param lastEvaluation when it was last evaluated, or {@code null} before the first evaluation
 * @param evaluationDuration how long the last evaluation took
 * @param alerts the rule's pending, firing and recently resolved alerts; empty for a recording rule
 */
public record RuleStatus(
    String group,
    Rule rule,
    RuleHealth health,
    @Nullable String lastError,
    @Nullable Instant lastEvaluation,
    Duration evaluationDuration,
    List<Alert> alerts) {

  /**
   * Copies the alerts.
   *
   * @param group the group name
   * @param rule the rule
   * @param health the health
   * @param lastError the last error or {@code null}
   * @param lastEvaluation the last evaluation or {@code null}
   * @param evaluationDuration the duration
   * @param alerts the alerts
   */
  public RuleStatus {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(health, "health");
    alerts = List.copyOf(alerts);
  }
}
