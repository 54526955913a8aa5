package dev.obs.alerts;

import dev.obs.promql.Evaluator;
import dev.obs.promql.Labels;
import dev.obs.promql.Sample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Evaluates a recording rule and writes its result as series named after the rule. */
final class RecordingRuleRunner extends RuleRunner {
  private final RecordingRule recording;

  RecordingRuleRunner(RecordingRule rule) {
    super(rule);
    this.recording = rule;
  }

  @Override
  void evaluate(long ts, Evaluation evaluation) {
    List<Sample> samples =
        vector(Evaluator.evaluate(expr, ts, evaluation.storeFor(this), evaluation.cache()));
    List<Sample> out = new ArrayList<>(samples.size());
    Set<Labels> seen = new HashSet<>();
    for (Sample s : samples) {
      Labels labels = s.labels().with(Labels.METRIC_NAME, recording.name());
      for (Map.Entry<String, String> l : recording.labels().entrySet()) {
        labels = labels.with(l.getKey(), l.getValue());
      }
      if (!seen.add(labels)) {
        throw new IllegalStateException(
            "vector contains metrics with the same labelset after applying rule labels");
      }
      out.add(new Sample(labels, s.value()));
    }
    if (evaluation.limit() > 0 && out.size() > evaluation.limit()) {
      evaluation.output().clear(this);
      throw new IllegalStateException(
          "exceeded limit of " + evaluation.limit() + " with " + out.size() + " series");
    }
    evaluation.output().write(this, ts, out);
  }
}
