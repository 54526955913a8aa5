package dev.obs.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluates each case with {@link Evaluator}, writes what it computed as the expected samples of a
 * {@code promtool test rules} file over the same input series, and requires promtool to pass: so
 * the evaluator and Prometheus 2.42 agree on every value, to the last bit.
 *
 * <p>Aggregations here add at most two inexact values, or exact ones: promtool loads input series
 * in random order and sums in that order, so a sum of three inexact values can differ from run to
 * run in its last bit.
 */
class PromtoolDifferentialTest {
  private static final long INTERVAL_MILLIS = 60_000;

  /** Input series in promtool's expanding notation, one sample a minute from time 0. */
  private static final Map<String, String> INPUT = new TreeMap<>();

  static {
    INPUT.put("http_requests_total{job=\"api\", status=\"200\"}", "0+10x20");
    INPUT.put(
        "http_requests_total{job=\"api\", status=\"500\"}",
        "0 1 2 4 7 9 1 3 3 6 10 12 15 15 17 20 21 23 24 24 30");
    INPUT.put("http_requests_total{job=\"web\", status=\"200\"}", "100+7x20");
    INPUT.put("http_requests_total{job=\"web\", status=\"500\"}", "3+0.5x20");
    INPUT.put(
        "temperature{room=\"a\"}",
        "20 22 19 25 23 21 -4 18 30 24 22 20 21 22 23 24 25 26 27 28 29");
    INPUT.put(
        "temperature{room=\"b\"}",
        "0.1 0.2 0.3 0.7 1.1 1.3 0.9 0.4 0.5 0.6 0.8 1.2 1.4 1.5 1.6 1.7 1.8 1.9 2 2.1 2.2");
    INPUT.put("latency_seconds_bucket{route=\"/a\", le=\"0.1\"}", "0+5x20");
    INPUT.put("latency_seconds_bucket{route=\"/a\", le=\"0.5\"}", "0+8x20");
    INPUT.put("latency_seconds_bucket{route=\"/a\", le=\"1\"}", "0+9x20");
    INPUT.put("latency_seconds_bucket{route=\"/a\", le=\"+Inf\"}", "0+10x20");
    INPUT.put("latency_seconds_bucket{route=\"/b\", le=\"0.25\"}", "0+1x20");
    INPUT.put("latency_seconds_bucket{route=\"/b\", le=\"0.5\"}", "0+4x20");
    // Lower than the bucket below it: histogram_quantile raises it to keep counts monotonic.
    INPUT.put("latency_seconds_bucket{route=\"/b\", le=\"2.5\"}", "0+3x20");
    INPUT.put("latency_seconds_bucket{route=\"/b\", le=\"+Inf\"}", "0+6x20");
    INPUT.put("sparse{kind=\"gaps\"}", "1 _ _ 4 _ _ _ _ _ _ 9");
    INPUT.put("ended{kind=\"stale\"}", "1 2 3 stale 5 6 stale");
  }

  /** An expression and the times (in minutes) at which it is evaluated. */
  record Case(String expr, int... minutes) {}

  static final List<Case> CASES =
      List.of(
          // Range selectors include both ends of the range; instant ones look back 5m inclusive.
          new Case("sparse", 0, 3, 8, 9, 12, 15),
          new Case("count_over_time(sparse[3m])", 3, 5, 6, 10, 13, 14),
          new Case("last_over_time(sparse[5m])", 4, 8, 12),
          new Case("present_over_time(sparse[2m])", 1, 4, 11),
          new Case("ended", 2, 3, 4, 5, 6, 7),
          new Case("sum_over_time(ended[3m])", 3, 4, 6, 8),
          new Case("rate(ended[4m])", 5),
          new Case("rate(http_requests_total[5m])", 2, 5, 7, 10, 20),
          new Case("irate(http_requests_total[5m])", 1, 6, 10),
          new Case("increase(http_requests_total[3m])", 3, 7, 20),
          new Case("delta(temperature[4m])", 4, 9, 15),
          new Case("avg_over_time(temperature[5m])", 2, 5, 12, 20),
          new Case("min_over_time(temperature[3m])", 3, 8),
          new Case("max_over_time(temperature[3m])", 3, 8),
          new Case("sum_over_time(temperature[10m])", 2, 10, 20),
          new Case("quantile_over_time(0.9, temperature[6m])", 6, 13),
          new Case("quantile_over_time(0.25, temperature[6m])", 6, 13),
          new Case("stddev_over_time(temperature[5m])", 5, 11),
          new Case("stdvar_over_time(temperature[5m])", 5, 11),
          new Case("histogram_quantile(0.9, rate(latency_seconds_bucket[5m]))", 5, 10),
          new Case("histogram_quantile(0.75, rate(latency_seconds_bucket[5m]))", 5),
          new Case("histogram_quantile(0.5, sum by (le) (rate(latency_seconds_bucket[5m])))", 10),
          new Case("histogram_quantile(0.99, latency_seconds_bucket)", 7),
          new Case("histogram_quantile(0.01, latency_seconds_bucket)", 7),
          new Case("histogram_quantile(1.5, latency_seconds_bucket)", 7),
          new Case("quantile_over_time(-1, temperature[2m])", 7),
          new Case("abs(delta(temperature[2m]))", 7, 9),
          new Case("clamp_min(temperature, 21)", 1, 6),
          new Case("clamp_max(temperature, 1)", 1, 6),
          new Case("time()", 0, 7),
          new Case("vector(time() * 2)", 3),
          new Case("scalar(temperature{room=\"a\"}) * 2", 4),
          new Case("vector(scalar(sum(temperature)))", 4),
          new Case("sum by (job) (rate(http_requests_total[5m]))", 6, 12),
          new Case("sum(http_requests_total)", 6),
          new Case("avg without (status) (http_requests_total)", 9),
          new Case("avg by (job) (http_requests_total)", 3, 16),
          new Case("min by (status) (http_requests_total)", 9),
          new Case("max(http_requests_total)", 9),
          new Case("count by (job) (http_requests_total > 20)", 5),
          new Case("sum without (job, status) (http_requests_total)", 9),
          new Case("temperature * 2 + 1", 3),
          new Case("2 ^ temperature{room=\"b\"} / 3", 4),
          new Case("temperature % 7", 3, 6),
          new Case("-temperature", 2),
          new Case("(temperature - 20) ^ 2", 5),
          new Case("100 - temperature / 4", 5),
          new Case("1 + 2 * 3 - 4 / 8 ^ 2 ^ 0.5", 1),
          new Case("-2 ^ 2 + 7 % 4", 1),
          new Case("temperature > 21", 1, 3),
          new Case("temperature >= bool 22", 1, 3),
          new Case("21 < temperature", 3),
          new Case("temperature != 22", 1),
          new Case("temperature == 22", 1),
          new Case("temperature <= 1", 6),
          new Case("1 < bool 2", 1),
          new Case(
              "sum by (job) (rate(http_requests_total{status=\"500\"}[5m]))"
                  + " / sum by (job) (rate(http_requests_total[5m]))",
              6,
              15),
          new Case(
              "rate(http_requests_total{status=\"500\"}[5m])"
                  + " / ignoring (status) rate(http_requests_total{status=\"200\"}[5m])",
              8),
          new Case(
              "http_requests_total{status=\"500\"}"
                  + " > on (job) http_requests_total{status=\"200\"} / 10",
              4,
              10),
          new Case(
              "http_requests_total{status=\"500\"}"
                  + " < bool ignoring (status) http_requests_total{status=\"200\"}",
              4),
          new Case("temperature > 21 and temperature < 25", 3, 9),
          new Case("temperature{room=\"a\"} > 24 or temperature{room=\"b\"}", 3, 4),
          new Case("http_requests_total unless http_requests_total{status=\"500\"}", 4),
          new Case("temperature and on () vector(1)", 4),
          new Case(
              "http_requests_total and on (job) (http_requests_total{status=\"500\"} > 10)", 14),
          new Case("sum(http_requests_total) > on () vector(100)", 3),
          new Case("temperature offset 5m", 5, 10),
          new Case("temperature offset -2m", 3),
          new Case("rate(http_requests_total[5m] offset 3m)", 10),
          new Case("sum_over_time(temperature[2m] offset 1m)", 4));

  @Test
  void evaluatorAgreesWithPromtoolOnEveryCase(@TempDir Path dir) throws IOException {
    Promtool.require();
    InMemorySeriesStore store = new InMemorySeriesStore();
    StringBuilder yaml = new StringBuilder();
    yaml.append("rule_files: []\nevaluation_interval: 1m\ntests:\n");
    yaml.append("  - interval: 1m\n    input_series:\n");
    INPUT.forEach(
        (series, values) -> {
          load(store, series, values);
          yaml.append("      - series: '").append(series).append("'\n");
          yaml.append("        values: '").append(values).append("'\n");
        });
    yaml.append("    promql_expr_test:\n");
    for (Case c : CASES) {
      Expr expr = PromQL.parse(c.expr());
      boolean anySample = false;
      for (int minute : c.minutes()) {
        List<Sample> samples = samples(Evaluator.evaluate(expr, minute * INTERVAL_MILLIS, store));
        anySample |= !samples.isEmpty();
        yaml.append("      - expr: '").append(c.expr().replace("'", "''")).append("'\n");
        yaml.append("        eval_time: ").append(minute).append("m\n");
        yaml.append("        exp_samples:").append(samples.isEmpty() ? " []\n" : "\n");
        for (Sample s : samples) {
          assertThat(s.value())
              .as("%s at %dm gives NaN, which promtool cannot compare", c.expr(), minute)
              .isNotNaN();
          yaml.append("          - labels: '").append(s.labels()).append("'\n");
          yaml.append("            value: ").append(yamlNumber(s.value())).append('\n');
        }
      }
      assertThat(anySample).as("%s never returns a sample", c.expr()).isTrue();
    }
    Path file = dir.resolve("promql_test.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    if (System.getProperty("promql.dump") != null) {
      Files.writeString(Path.of(System.getProperty("promql.dump")), yaml);
    }
    Promtool.Result result = Promtool.testRules(file);
    assertThat(result.exitCode())
        .as("promtool test rules:\n%s\n%s", result.output(), yaml)
        .isZero();
  }

  @Test
  void casesCoverEveryFunctionOperatorAndAggregation() {
    String all = String.join("\n", CASES.stream().map(Case::expr).toList());
    for (Ast.Function f : Ast.Function.values()) {
      assertThat(all).as("a case uses %s", f.text).contains(f.text + "(");
    }
    for (Ast.BinaryOp op : Ast.BinaryOp.values()) {
      assertThat(all).as("a case uses %s", op.text).contains(" " + op.text + " ");
    }
    for (Ast.AggregationOp op : Ast.AggregationOp.values()) {
      assertThat(all).as("a case uses %s", op.text).containsPattern("\\b" + op.text + "[ (]");
    }
    assertThat(all).contains(" bool ", " on (", " ignoring (", " offset ", "on () ");
  }

  private static List<Sample> samples(Value value) {
    if (value instanceof Value.Scalar s) {
      return List.of(new Sample(Labels.empty(), s.value()));
    }
    return ((Value.InstantVector) value).samples();
  }

  private static String yamlNumber(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? ".inf" : "-.inf";
    }
    return Double.toString(v).toLowerCase(Locale.ROOT);
  }

  /**
   * Appends a series given in promtool's notation: numbers, {@code _} gaps, {@code stale} markers
   * and {@code a+bxN}.
   */
  static void load(InMemorySeriesStore store, String series, String values) {
    Ast.VectorSelector selector = (Ast.VectorSelector) PromQL.parse(series);
    List<String> kv = new ArrayList<>();
    for (LabelMatcher m : selector.matchers()) {
      kv.add(m.name());
      kv.add(m.value());
    }
    Labels labels = Labels.of(kv.toArray(new String[0]));
    long time = 0;
    for (String token : values.trim().split("\\s+")) {
      int x = token.indexOf('x');
      if (token.equals("_")) {
        time += INTERVAL_MILLIS;
      } else if (x > 0) {
        String start = token.substring(0, x);
        int sign = Math.max(start.lastIndexOf('+'), start.lastIndexOf('-'));
        double value = Double.parseDouble(start.substring(0, sign));
        double step = Double.parseDouble(start.substring(sign));
        int times = Integer.parseInt(token.substring(x + 1));
        for (int i = 0; i <= times; i++) {
          store.append(labels, time, value);
          value += step;
          time += INTERVAL_MILLIS;
        }
      } else if (token.equals("stale")) {
        store.append(labels, time, Series.STALE_MARKER);
        time += INTERVAL_MILLIS;
      } else {
        store.append(labels, time, Double.parseDouble(token));
        time += INTERVAL_MILLIS;
      }
    }
  }
}
