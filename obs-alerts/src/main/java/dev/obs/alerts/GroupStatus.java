package dev.obs.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state of one rule group: its interval, last evaluation and rules.
 *
 * @param name the group name
 * @param source the rule file it came from, or {@code code} for rules built in Java
 * @param interval the evaluation interval in effect
 * @param lastEvaluation when it was last evaluated, or {@code null} before the first evaluation
 * @param evaluationDuration how long the last evaluation of the whole group took
 * @param rules the rules, in evaluation order
 */
public record GroupStatus(
    String name,
    String source,
    Duration interval,
    @Nullable Instant lastEvaluation,
    Duration evaluationDuration,
    List<RuleStatus> rules) {

  /**
   * Copies the rules.
   *
   * @param name the group name
   * @param source the source
   * @param interval the interval
   * @param lastEvaluation the last evaluation or {@code null}
   * @param evaluationDuration the duration
   * @param rules the rules
   */
  public GroupStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(interval, "interval");
    rules = List.copyOf(rules);
  }
}
