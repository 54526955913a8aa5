package dev.obs.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named group of rules evaluated together, in order, at the group's interval.
 *
 * @param name the group name, unique within a rule file
 * @param interval the evaluation interval, or {@code null} for the engine's default ({@code
 *     obs.alerts.interval})
 * @param limit the most alerts (or recorded series) a rule of this group may produce, 0 for no
 *     limit; past it the rule fails
 * @param rules the rules, in evaluation order
 */
public record RuleGroup(String name, @Nullable Duration interval, int limit, List<Rule> rules) {

  /**
   * Validates and copies the group.
   *
   * @param name the group name
   * @param interval the interval or {@code null}
   * @param limit the limit, 0 for none
   * @param rules the rules
   * @throws IllegalArgumentException if the name is blank, the interval is not positive or the
   *     limit is negative
   */
  public RuleGroup {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a rule group needs a non-blank name");
    }
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new IllegalArgumentException(
          "rule group '" + name + "': interval must be positive, got " + interval);
    }
    if (limit < 0) {
      throw new IllegalArgumentException(
          "rule group '" + name + "': limit must not be negative, got " + limit);
    }
    rules = List.copyOf(rules);
  }

  /**
   * Creates a group with the default interval and no limit.
   *
   * @param name the group name
   * @param rules the rules
   * @return the group
   */
  public static RuleGroup of(String name, List<? extends Rule> rules) {
    return new RuleGroup(name, null, 0, List.copyOf(rules));
  }
}
