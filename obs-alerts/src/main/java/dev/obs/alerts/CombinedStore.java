package dev.obs.alerts;

import dev.obs.promql.LabelMatcher;
import dev.obs.promql.Series;
import dev.obs.promql.SeriesStore;
import java.util.ArrayList;
import java.util.List;

/** Sampled meters and rule output seen as one store, as Prometheus sees one TSDB. */
final class CombinedStore implements SeriesStore {
  private final SeriesStore sampled;
  private final RuleOutputStore rules;

  CombinedStore(SeriesStore sampled, RuleOutputStore rules) {
    this.sampled = sampled;
    this.rules = rules;
  }

  @Override
  public List<Series> select(List<LabelMatcher> matchers, long minMs, long maxMs) {
    List<Series> fromRules = rules.select(matchers, minMs, maxMs);
    List<Series> fromSamples = sampled.select(matchers, minMs, maxMs);
    if (fromRules.isEmpty()) {
      return fromSamples;
    }
    if (fromSamples.isEmpty()) {
      return fromRules;
    }
    List<Series> all = new ArrayList<>(fromSamples.size() + fromRules.size());
    all.addAll(fromSamples);
    all.addAll(fromRules);
    all.sort((a, b) -> a.labels().compareTo(b.labels()));
    return all;
  }
}
