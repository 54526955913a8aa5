package dev.obs.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final long S = 1000;
  private final InMemorySeriesStore store = new InMemorySeriesStore();

  private void add(Labels labels, long seconds, double value) {
    store.append(labels, seconds * S, value);
  }

  private List<Sample> vector(String expr, long seconds) {
    Value v = Evaluator.evaluate(PromQL.parse(expr), seconds * S, store);
    assertThat(v).isInstanceOf(Value.InstantVector.class);
    return ((Value.InstantVector) v).samples();
  }

  private double only(String expr, long seconds) {
    List<Sample> samples = vector(expr, seconds);
    assertThat(samples).as(expr).hasSize(1);
    return samples.get(0).value();
  }

  private double scalar(String expr, long seconds) {
    Value v = Evaluator.evaluate(PromQL.parse(expr), seconds * S, store);
    assertThat(v).isInstanceOf(Value.Scalar.class);
    return ((Value.Scalar) v).value();
  }

  @Test
  void rateExtrapolatesToTheRangeEndsButNotBelowZero() {
    Labels x = Labels.of("__name__", "x");
    add(x, 0, 0);
    add(x, 60, 60);
    add(x, 120, 120);
    // Range [-150s, 150s]: the counter started at 0, so nothing is added before the first sample;
    // 30 s are added after the last (less than 1.1 times the 60 s interval): 120 * 150 / 120.
    assertThat(only("increase(x[5m])", 150)).isEqualTo(150);
    assertThat(only("rate(x[5m])", 150)).isEqualTo(0.5);
    // A gap larger than 1.1 intervals extrapolates by half an interval only: 120 * (120+30) / 120.
    assertThat(only("increase(x[5m])", 240)).isEqualTo(150);
  }

  @Test
  void increaseAddsBackCounterResetsAndIrateUsesTheLastTwoSamples() {
    Labels x = Labels.of("__name__", "x");
    add(x, 0, 10);
    add(x, 60, 20);
    add(x, 120, 5);
    assertThat(only("increase(x[2m])", 120)).isEqualTo(15);
    assertThat(only("delta(x[2m])", 120)).isEqualTo(-5);
    assertThat(only("irate(x[2m])", 120)).isEqualTo(5.0 / 60);
    assertThat(vector("rate(x[30s])", 120)).as("one sample is not enough").isEmpty();
  }

  @Test
  void instantSelectorsLookBackFiveMinutesInclusiveAndRangesIncludeBothEnds() {
    Labels x = Labels.of("__name__", "x");
    add(x, 0, 1);
    add(x, 60, 2);
    assertThat(only("x", 360)).isEqualTo(2);
    assertThat(vector("x", 361)).isEmpty();
    assertThat(only("count_over_time(x[1m])", 60)).isEqualTo(2);
    assertThat(only("count_over_time(x[59s])", 60)).isEqualTo(1);
    assertThat(only("x offset 1m", 60)).isEqualTo(1);
    assertThat(only("sum_over_time(x[1m] offset 1m)", 120)).isEqualTo(3);
  }

  @Test
  void overTimeFunctionsComputeOverTheRange() {
    Labels x = Labels.of("__name__", "x", "k", "v");
    double[] values = {4, 1, 3, 2};
    for (int i = 0; i < values.length; i++) {
      add(x, i * 60L, values[i]);
    }
    assertThat(only("avg_over_time(x[3m])", 180)).isEqualTo(2.5);
    assertThat(only("min_over_time(x[3m])", 180)).isEqualTo(1);
    assertThat(only("max_over_time(x[3m])", 180)).isEqualTo(4);
    assertThat(only("sum_over_time(x[3m])", 180)).isEqualTo(10);
    assertThat(only("count_over_time(x[3m])", 180)).isEqualTo(4);
    assertThat(only("last_over_time(x[3m])", 180)).isEqualTo(2);
    assertThat(only("present_over_time(x[3m])", 180)).isEqualTo(1);
    // Sorted 1 2 3 4: rank 0.5 * 3 = 1.5 lies halfway between 2 and 3.
    assertThat(only("quantile_over_time(0.5, x[3m])", 180)).isEqualTo(2.5);
    assertThat(only("quantile_over_time(2, x[3m])", 180)).isEqualTo(Double.POSITIVE_INFINITY);
    // Mean 2.5, squared deviations 2.25 + 2.25 + 0.25 + 0.25 = 5, over 4.
    assertThat(only("stdvar_over_time(x[3m])", 180)).isEqualTo(1.25);
    assertThat(only("stddev_over_time(x[3m])", 180)).isEqualTo(Math.sqrt(1.25));
  }

  @Test
  void functionsDropTheMetricNameExceptLastOverTime() {
    add(Labels.of("__name__", "x", "k", "v"), 0, -3);
    assertThat(vector("abs(x)", 0)).containsExactly(new Sample(Labels.of("k", "v"), 3));
    assertThat(vector("clamp_min(x, -1)", 0)).containsExactly(new Sample(Labels.of("k", "v"), -1));
    assertThat(vector("clamp_max(x, -5)", 0)).containsExactly(new Sample(Labels.of("k", "v"), -5));
    assertThat(vector("last_over_time(x[1m])", 0))
        .containsExactly(new Sample(Labels.of("__name__", "x", "k", "v"), -3));
  }

  @Test
  void histogramQuantileInterpolatesWithinTheBucket() {
    add(Labels.of("__name__", "h_bucket", "r", "a", "le", "1"), 0, 2);
    add(Labels.of("__name__", "h_bucket", "r", "a", "le", "2"), 0, 6);
    add(Labels.of("__name__", "h_bucket", "r", "a", "le", "+Inf"), 0, 8);
    // Rank 4 of 8 falls in (1, 2], which holds observations 3 to 6: 1 + (4 - 2) / 4.
    assertThat(vector("histogram_quantile(0.5, h_bucket)", 0))
        .containsExactly(new Sample(Labels.of("r", "a"), 1.5));
    // Rank 7.6 falls in the +Inf bucket: the highest finite bound is the answer.
    assertThat(only("histogram_quantile(0.95, h_bucket)", 0)).isEqualTo(2);
    assertThat(only("histogram_quantile(0.1, h_bucket)", 0)).isEqualTo(0.4);
  }

  @Test
  void histogramQuantileIsNaNWithoutAnInfBucketOrObservations() {
    add(Labels.of("__name__", "h_bucket", "le", "1"), 0, 2);
    assertThat(only("histogram_quantile(0.5, h_bucket)", 0)).isNaN();
    add(Labels.of("__name__", "z_bucket", "le", "1"), 0, 0);
    add(Labels.of("__name__", "z_bucket", "le", "+Inf"), 0, 0);
    assertThat(only("histogram_quantile(0.5, z_bucket)", 0)).isNaN();
  }

  @Test
  void scalarsTimeAndVector() {
    add(Labels.of("__name__", "x", "k", "1"), 0, 1);
    add(Labels.of("__name__", "x", "k", "2"), 0, 2);
    assertThat(scalar("time()", 90)).isEqualTo(90);
    assertThat(scalar("scalar(x)", 0)).as("two series").isNaN();
    assertThat(scalar("scalar(x{k=\"2\"})", 0)).isEqualTo(2);
    assertThat(scalar("2 ^ 3 ^ 2", 0)).isEqualTo(512);
    assertThat(scalar("-2 ^ 2", 0)).isEqualTo(-4);
    assertThat(scalar("1 + 2 * 3 % 4", 0)).isEqualTo(3);
    assertThat(scalar("2 > bool 1", 0)).isEqualTo(1);
    assertThat(vector("vector(7)", 0)).containsExactly(new Sample(Labels.empty(), 7));
  }

  @Test
  void comparisonsFilterAndKeepTheNameWhileBoolAndArithmeticDropIt() {
    Labels one = Labels.of("__name__", "x", "k", "1");
    add(one, 0, 1);
    add(Labels.of("__name__", "x", "k", "2"), 0, 2);
    assertThat(vector("x > 1", 0))
        .containsExactly(new Sample(Labels.of("__name__", "x", "k", "2"), 2));
    assertThat(vector("1 < x", 0))
        .containsExactly(new Sample(Labels.of("__name__", "x", "k", "2"), 2));
    assertThat(vector("x > bool 1", 0))
        .containsExactly(new Sample(Labels.of("k", "1"), 0), new Sample(Labels.of("k", "2"), 1));
    assertThat(vector("x * 10", 0))
        .containsExactly(new Sample(Labels.of("k", "1"), 10), new Sample(Labels.of("k", "2"), 20));
    assertThat(vector("-x", 0)).extracting(Sample::value).containsExactly(-1.0, -2.0);
  }

  @Test
  void vectorMatchingPairsByAllLabelsOrByOnAndIgnoring() {
    add(Labels.of("__name__", "err", "job", "a", "code", "500"), 0, 5);
    add(Labels.of("__name__", "req", "job", "a", "code", "200"), 0, 50);
    add(Labels.of("__name__", "req", "job", "b", "code", "200"), 0, 20);
    assertThat(vector("err / ignoring(code) req", 0))
        .containsExactly(new Sample(Labels.of("job", "a"), 0.1));
    assertThat(vector("err / on(job) req", 0))
        .containsExactly(new Sample(Labels.of("job", "a"), 0.1));
    assertThat(vector("err / req", 0)).as("code differs").isEmpty();
    assertThat(vector("req > on(job) err", 0))
        .containsExactly(new Sample(Labels.of("job", "a"), 50));
  }

  @Test
  void setOperatorsMatchLabelSets() {
    add(Labels.of("__name__", "x", "k", "1"), 0, 1);
    add(Labels.of("__name__", "x", "k", "2"), 0, 2);
    add(Labels.of("__name__", "y", "k", "2"), 0, 20);
    add(Labels.of("__name__", "y", "k", "3"), 0, 30);
    assertThat(vector("x and y", 0)).extracting(Sample::value).containsExactly(2.0);
    assertThat(vector("x unless y", 0)).extracting(Sample::value).containsExactly(1.0);
    assertThat(vector("x or y", 0)).extracting(Sample::value).containsExactly(1.0, 2.0, 30.0);
    assertThat(vector("x and on() y", 0)).extracting(Sample::value).containsExactly(1.0, 2.0);
    assertThat(vector("x and on() nothing", 0)).isEmpty();
    assertThat(vector("x unless on(k) y{k=\"2\"}", 0))
        .extracting(Sample::value)
        .containsExactly(1.0);
  }

  @Test
  void aggregationsGroupAndDropTheName() {
    add(Labels.of("__name__", "x", "job", "a", "i", "1"), 0, 1);
    add(Labels.of("__name__", "x", "job", "a", "i", "2"), 0, 3);
    add(Labels.of("__name__", "x", "job", "b", "i", "1"), 0, 8);
    assertThat(vector("sum by (job) (x)", 0))
        .containsExactly(
            new Sample(Labels.of("job", "a"), 4), new Sample(Labels.of("job", "b"), 8));
    assertThat(vector("avg without (i) (x)", 0))
        .containsExactly(
            new Sample(Labels.of("job", "a"), 2), new Sample(Labels.of("job", "b"), 8));
    assertThat(only("min(x)", 0)).isEqualTo(1);
    assertThat(only("max(x)", 0)).isEqualTo(8);
    assertThat(vector("count by (i) (x)", 0))
        .containsExactly(new Sample(Labels.of("i", "1"), 2), new Sample(Labels.of("i", "2"), 1));
    assertThat(vector("sum(nothing)", 0)).isEmpty();
  }

  @Test
  void manyToManyMatchingFailsAsInPrometheus() {
    add(Labels.of("__name__", "x", "k", "1"), 0, 1);
    add(Labels.of("__name__", "x", "k", "2"), 0, 2);
    add(Labels.of("__name__", "y", "k", "1"), 0, 1);
    Expr rightDuplicates = PromQL.parse("y + on() x");
    assertThatThrownBy(() -> Evaluator.evaluate(rightDuplicates, 0, store))
        .isInstanceOf(PromQLEvalException.class)
        .hasMessage(
            "found duplicate series for the match group {} on the right hand-side of the"
                + " operation: [x{k=\"2\"}, x{k=\"1\"}];many-to-many matching not allowed:"
                + " matching labels must be unique on one side");
    Expr leftDuplicates = PromQL.parse("x + on() y");
    assertThatThrownBy(() -> Evaluator.evaluate(leftDuplicates, 0, store))
        .isInstanceOf(PromQLEvalException.class)
        .hasMessage(
            "multiple matches for labels: many-to-one matching must be explicit"
                + " (group_left/group_right)");
  }

  @Test
  void droppingTheNameIntoDuplicateLabelSetsFails() {
    add(Labels.of("__name__", "a", "k", "1"), 0, 1);
    add(Labels.of("__name__", "b", "k", "1"), 0, 2);
    for (String expr :
        List.of("abs({k=\"1\"})", "{k=\"1\"} * 2", "rate({k=\"1\"}[1m])", "-{k=\"1\"}")) {
      add(Labels.of("__name__", "a", "k", "1"), 30, 1);
      add(Labels.of("__name__", "b", "k", "1"), 30, 2);
      assertThatThrownBy(() -> Evaluator.evaluate(PromQL.parse(expr), 30 * S, store))
          .as(expr)
          .isInstanceOf(PromQLEvalException.class)
          .hasMessage("vector cannot contain metrics with the same labelset");
    }
    assertThat(vector("{k=\"1\"} > 0", 30)).as("comparisons keep the name").hasSize(2);
  }

  @Test
  void anySeriesStoreWorksAndIsReadInLabelOrderWithinTheInterval() {
    List<List<Object>> calls = new ArrayList<>();
    SeriesStore custom =
        (matchers, min, max) -> {
          calls.add(List.of(matchers, min, max));
          // Unsorted, and with samples outside the interval asked for.
          return List.of(
              new Series(
                  Labels.of("__name__", "x", "k", "2"), new long[] {0, 1000}, new double[] {0, 1}),
              new Series(
                  Labels.of("__name__", "x", "k", "1"),
                  new long[] {500, 9000},
                  new double[] {5, 9}));
        };
    Value v = Evaluator.evaluate(PromQL.parse("x"), 1000, custom);
    assertThat(((Value.InstantVector) v).samples())
        .containsExactly(
            new Sample(Labels.of("__name__", "x", "k", "1"), 5),
            new Sample(Labels.of("__name__", "x", "k", "2"), 1));
    assertThat(calls)
        .containsExactly(List.of(List.of(LabelMatcher.equal("__name__", "x")), -299_000L, 1000L));
  }
}
