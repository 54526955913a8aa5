package dev.obs.alerts;

import dev.obs.alerts.promql.SeriesStore;

/**
 * What a rule needs to evaluate: the store to read, where to write its series, and its group's
 * limit.
 *
 * @param store sampled meters and rule output together
 * @param output where rules write recorded series and {@code ALERTS}
 * @param limit the group's limit on alerts or series per rule, 0 for none
 */
record Evaluation(SeriesStore store, RuleOutputStore output, int limit) {}
