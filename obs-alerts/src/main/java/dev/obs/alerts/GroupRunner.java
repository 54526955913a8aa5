package dev.obs.alerts;

import dev.obs.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rule group compiled for evaluation: its rules in order, when it is due next, and how its last
 * evaluation went. A failing rule is marked unhealthy and the others still run.
 */
final class GroupRunner {
  final RuleGroup group;
  final String source;
  final Duration interval;
  final List<RuleRunner> rules;
  private long nextDue = Long.MIN_VALUE;
  private @Nullable Instant lastEvaluation;
  private Duration lastDuration = Duration.ZERO;

  GroupRunner(RuleGroup group, String source, Duration defaultInterval) {
    this.group = group;
    this.source = source;
    this.interval = group.interval() != null ? group.interval() : defaultInterval;
    List<RuleRunner> compiled = new ArrayList<>();
    for (Rule r : group.rules()) {
      compiled.add(RuleRunner.of(r));
    }
    this.rules = List.copyOf(compiled);
  }

  boolean isDue(long now) {
    return now >= nextDue;
  }

  long nextDue() {
    return nextDue;
  }

  /**
   * Evaluates every rule at {@code ts} and, when {@code notify}, returns the firing and
   * just-resolved alerts for the listeners.
   */
  List<Alert> evaluate(long ts, Evaluation evaluation, boolean notify) {
    long started = System.nanoTime();
    Instant at = Instant.ofEpochMilli(ts);
    for (RuleRunner r : rules) {
      long ruleStarted = System.nanoTime();
      try {
        r.evaluate(ts, evaluation);
        r.recordSuccess(at, Duration.ofNanos(System.nanoTime() - ruleStarted));
      } catch (RuntimeException e) {
        String error = Objects.requireNonNullElse(e.getMessage(), e.getClass().getName());
        RuleStatus before = r.status(group.name());
        if (before.health() != RuleHealth.ERR || !error.equals(before.lastError())) {
          AlertLog.ruleFailed(group.name(), r.rule, error);
        }
        r.recordFailure(at, Duration.ofNanos(System.nanoTime() - ruleStarted), error);
      }
    }
    nextDue = ts + interval.toMillis();
    lastEvaluation = at;
    lastDuration = Duration.ofNanos(System.nanoTime() - started);
    if (!notify) {
      return List.of();
    }
    List<Alert> alerts = new ArrayList<>();
    for (RuleRunner r : rules) {
      if (r instanceof AlertingRuleRunner a) {
        a.notifiable(ts, alerts);
      }
    }
    return alerts;
  }

  GroupStatus status() {
    List<RuleStatus> statuses = new ArrayList<>(rules.size());
    for (RuleRunner r : rules) {
      statuses.add(r.status(group.name()));
    }
    return new GroupStatus(group.name(), source, interval, lastEvaluation, lastDuration, statuses);
  }
}
