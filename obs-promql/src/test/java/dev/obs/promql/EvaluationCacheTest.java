package dev.obs.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationCacheTest {
  private static final long S = 1000;
  private final InMemorySeriesStore store = new InMemorySeriesStore();
  private final EvaluationCache cache = new EvaluationCache();
  private final Labels a = Labels.of("__name__", "requests_total", "job", "a");
  private final Labels b = Labels.of("__name__", "requests_total", "job", "b");

  EvaluationCacheTest() {
    for (int t = 0; t <= 300; t += 15) {
      store.append(a, t * S, t);
      store.append(b, t * S, 2.0 * t);
    }
  }

  private List<Sample> vector(String expr, long seconds, SeriesStore from) {
    Value v = Evaluator.evaluate(PromQL.parse(expr), seconds * S, from, cache);
    return ((Value.InstantVector) v).samples();
  }

  private static double valueOf(List<Sample> samples, String job) {
    for (Sample s : samples) {
      if (job.equals(s.labels().get("job"))) {
        return s.value();
      }
    }
    throw new AssertionError("no sample for job " + job + " in " + samples);
  }

  @Test
  void rulesAtOneTimeShareTheSelectionAndEqualSubExpressions() {
    List<Sample> first = vector("rate(requests_total[5m]) > 0.5", 300, store);
    long hitsAfterFirst = cache.hits();
    List<Sample> second = vector("sum(rate(requests_total[5m])) > 1", 300, store);

    assertThat(cache.hits()).isEqualTo(hitsAfterFirst + 1);
    assertThat(first).extracting(s -> s.labels().get("job")).containsExactly("a", "b");
    assertThat(second).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(3.0));
    assertThat(vector("rate(requests_total[5m]) > 0.5", 300, store)).isEqualTo(first);
    assertThat(cache.hits()).isEqualTo(hitsAfterFirst + 2);
  }

  @Test
  void resultsAreTheSameAsWithoutTheCache() {
    List<String> exprs =
        List.of(
            "requests_total",
            "requests_total{job=\"a\"}",
            "rate(requests_total[5m])",
            "sum by (job) (rate(requests_total[5m])) > 0",
            "avg_over_time(requests_total[5m]) or requests_total{job=\"b\"}",
            "requests_total - requests_total offset 1m");
    for (String e : exprs) {
      Value without = Evaluator.evaluate(PromQL.parse(e), 300 * S, store);
      assertThat(Evaluator.evaluate(PromQL.parse(e), 300 * S, store, cache))
          .as(e)
          .isEqualTo(without);
      assertThat(Evaluator.evaluate(PromQL.parse(e), 300 * S, store, cache))
          .as(e)
          .isEqualTo(without);
    }
  }

  @Test
  void anotherEvaluationTimeStartsAfresh() {
    List<Sample> at300 = vector("requests_total", 300, store);
    long hits = cache.hits();
    List<Sample> at150 = vector("requests_total", 150, store);

    assertThat(cache.hits()).isEqualTo(hits);
    assertThat(valueOf(at300, "a")).isEqualTo(300);
    assertThat(valueOf(at150, "a")).isEqualTo(150);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aWriteToTheStoreDropsTheCachedResults() {
    assertThat(valueOf(vector("requests_total", 315, store), "a")).isEqualTo(300);
    store.append(a, 315 * S, 999);
    long hits = cache.hits();

    assertThat(valueOf(vector("requests_total", 315, store), "a")).isEqualTo(999);
    assertThat(cache.hits()).isEqualTo(hits);
  }

  @Test
  void trimmingTheStoreDropsTheCachedResults() {
    assertThat(vector("requests_total", 600, store)).hasSize(2);
    store.trimBefore(301 * S);

    assertThat(vector("requests_total", 600, store)).isEmpty();
  }

  @Test
  void anotherStoreDoesNotSeeTheFirstStoresResults() {
    InMemorySeriesStore other = new InMemorySeriesStore();
    other.append(a, 300 * S, 7);
    assertThat(vector("requests_total", 300, store)).hasSize(2);

    assertThat(vector("requests_total", 300, other))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(7.0));
  }

  @Test
  void storesItCannotWatchForWritesAreReadEveryTime() {
    List<Series> rows = new ArrayList<>();
    rows.add(new Series(a, new long[] {300 * S}, new double[] {1}));
    SeriesStore changing = (matchers, min, max) -> List.copyOf(rows);
    assertThat(vector("requests_total", 300, changing))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
    rows.set(0, new Series(a, new long[] {300 * S}, new double[] {2}));

    assertThat(vector("requests_total", 300, changing))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(2.0));
    assertThat(cache.hits()).isZero();
    assertThat(cache.size()).isZero();
  }
}
