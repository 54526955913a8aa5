package dev.obs.alerts;

import dev.obs.alert.Alert;
import dev.obs.promql.Expr;
import dev.obs.promql.Labels;
import dev.obs.promql.PromQL;
import dev.obs.promql.Sample;
import dev.obs.promql.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One compiled rule and the outcome of its last evaluation; subclasses hold the rule's state. */
abstract class RuleRunner {
  final Rule rule;
  final Expr expr;

  /**
   * Whether the expression may read series that rules write ({@code ALERTS}, recorded series): only
   * then does it read through the slower combined store. Set once the engine knows every recorded
   * name.
   */
  boolean readsRuleOutput = true;

  private RuleHealth health = RuleHealth.UNKNOWN;
  private @Nullable String lastError;
  private @Nullable Instant lastEvaluation;
  private Duration lastDuration = Duration.ZERO;

  RuleRunner(Rule rule) {
    this.rule = rule;
    this.expr = PromQL.parse(rule.expr());
  }

  /**
   * Decides {@link #readsRuleOutput} from the expression text, erring towards true: it names an
   * output series, {@code __name__}, or has a selector without a metric name.
   */
  void outputNames(java.util.Set<String> names) {
    String text = rule.expr();
    boolean reads = text.contains("__name__") || NAMELESS_SELECTOR.matcher(text).find();
    for (String name : names) {
      reads |=
          java.util.regex.Pattern.compile(
                  "(^|[^a-zA-Z0-9_:])" + java.util.regex.Pattern.quote(name) + "($|[^a-zA-Z0-9_:])")
              .matcher(text)
              .find();
    }
    readsRuleOutput = reads;
  }

  private static final java.util.regex.Pattern NAMELESS_SELECTOR =
      java.util.regex.Pattern.compile("(^|[^a-zA-Z0-9_:])\\{");

  static RuleRunner of(Rule rule) {
    return rule instanceof AlertingRule a
        ? new AlertingRuleRunner(a)
        : new RecordingRuleRunner((RecordingRule) rule);
  }

  /** Evaluates the rule at {@code ts}; throws when the expression or the rule's output fails. */
  abstract void evaluate(long ts, Evaluation evaluation);

  /** Returns the alerts to show, pending and resolved included; none for a recording rule. */
  List<Alert> alerts() {
    return List.of();
  }

  void recordSuccess(Instant at, Duration took) {
    health = RuleHealth.OK;
    lastError = null;
    lastEvaluation = at;
    lastDuration = took;
  }

  void recordFailure(Instant at, Duration took, String error) {
    health = RuleHealth.ERR;
    lastError = error;
    lastEvaluation = at;
    lastDuration = took;
  }

  RuleStatus status(String group) {
    return new RuleStatus(group, rule, health, lastError, lastEvaluation, lastDuration, alerts());
  }

  /** The vector an expression returned; a scalar becomes one sample without labels. */
  static List<Sample> vector(Value value) {
    if (value instanceof Value.InstantVector v) {
      return v.samples();
    }
    return List.of(new Sample(Labels.empty(), ((Value.Scalar) value).value()));
  }
}
