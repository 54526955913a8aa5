package dev.obs.alerts;

import dev.obs.promql.EvaluationCache;
import dev.obs.promql.SeriesStore;

/**
 * What a rule needs to evaluate: the stores to read, where to write its series, and its group's
 * limit.
 *
 * @param sampled the sampled meters alone, read without copying by the evaluator
 * @param combined sampled meters and rule output together
 * @param output where rules write recorded series and {@code ALERTS}
 * @param limit the group's limit on alerts or series per rule, 0 for none
 * @param cache results shared by the rules of one tick; it keeps only reads of the sampled store,
 *     which rules never write, and drops them when that store changes
 */
record Evaluation(
    SeriesStore sampled,
    SeriesStore combined,
    RuleOutputStore output,
    int limit,
    EvaluationCache cache) {

  /** Returns the store a rule reads: the combined one only when it may read rule output. */
  SeriesStore storeFor(RuleRunner rule) {
    return rule.readsRuleOutput ? combined : sampled;
  }
}
