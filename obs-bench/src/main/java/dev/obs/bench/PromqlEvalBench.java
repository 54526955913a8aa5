package dev.obs.bench;

import dev.obs.promql.Evaluator;
import dev.obs.promql.Expr;
import dev.obs.promql.InMemorySeriesStore;
import dev.obs.promql.Labels;
import dev.obs.promql.PromQL;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one evaluation of a compiled alert expression costs over a store of 5,000 series with 20
 * samples each, 15 s apart: 4,800 series of an HTTP server timer as Prometheus names them ({@code
 * http_server_requests_seconds_count}, {@code _sum} and ten {@code _bucket} series for each of 50
 * routes, 4 statuses and 2 methods) and 200 gauges.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PromqlEvalBench {
  private static final String[] BUCKETS = {
    "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"
  };
  private static final String[] STATUSES = {"200", "201", "404", "500"};
  private static final String[] METHODS = {"GET", "POST"};
  private static final int ROUTES = 50;
  private static final int GAUGES = 200;
  private static final int SAMPLES = 20;
  private static final long STEP_MILLIS = 15_000;

  /** The expression measured; {@code mix} evaluates all five, as a group of five rules would. */
  @Param({"rate", "errorRatio", "p95", "meanLatency", "gaugeThreshold", "mix"})
  public String expression;

  private static final List<String[]> EXPRESSIONS =
      List.of(
          new String[] {"rate", "rate(http_server_requests_seconds_count[5m])"},
          new String[] {
            "errorRatio",
            "sum by (uri) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))"
                + " / sum by (uri) (rate(http_server_requests_seconds_count[5m])) > 0.03"
          },
          new String[] {
            "p95",
            "histogram_quantile(0.95, sum by (uri, le)"
                + " (rate(http_server_requests_seconds_bucket[5m]))) > 0.5"
          },
          new String[] {
            "meanLatency",
            "sum without (status, method) (rate(http_server_requests_seconds_sum[5m]))"
                + " / sum without (status, method) (rate(http_server_requests_seconds_count[5m]))"
                + " > 0.1"
          },
          new String[] {"gaugeThreshold", "app_queue_size > 100"});

  private InMemorySeriesStore store;
  private Expr expr;
  private Expr[] all;
  private long now;

  @Setup
  public void setup() {
    store = new InMemorySeriesStore(10_000);
    for (int s = 0; s < SAMPLES; s++) {
      long t = s * STEP_MILLIS;
      for (int r = 0; r < ROUTES; r++) {
        String uri = "/api/resource" + r + "/{id}";
        for (String status : STATUSES) {
          for (String method : METHODS) {
            double count = s * (10 + r % 7) * (status.equals("500") ? 0.1 : 1);
            store.append(
                series("http_server_requests_seconds_count", uri, status, method, null), t, count);
            store.append(
                series("http_server_requests_seconds_sum", uri, status, method, null),
                t,
                count * 0.12);
            for (int b = 0; b < BUCKETS.length; b++) {
              double share = Math.min(1, (b + 1) / 8.0);
              store.append(
                  series("http_server_requests_seconds_bucket", uri, status, method, BUCKETS[b]),
                  t,
                  Math.floor(count * share));
            }
          }
        }
      }
      for (int g = 0; g < GAUGES; g++) {
        store.append(
            Labels.of("__name__", "app_queue_size", "queue", "q" + g), t, (g * 7 + s) % 150);
      }
    }
    if (store.seriesCount() != 5_000) {
      throw new IllegalStateException("expected 5000 series, got " + store.seriesCount());
    }
    now = (SAMPLES - 1) * STEP_MILLIS;
    all = new Expr[EXPRESSIONS.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = PromQL.parse(EXPRESSIONS.get(i)[1]);
      if (EXPRESSIONS.get(i)[0].equals(expression)) {
        expr = all[i];
      }
    }
  }

  private static Labels series(String name, String uri, String status, String method, String le) {
    return le == null
        ? Labels.of("__name__", name, "uri", uri, "status", status, "method", method)
        : Labels.of("__name__", name, "uri", uri, "status", status, "method", method, "le", le);
  }

  /** One evaluation of the expression named by {@link #expression}, or of all five. */
  @Benchmark
  public void evaluate(Blackhole bh) {
    if (expr != null) {
      bh.consume(Evaluator.evaluate(expr, now, store));
      return;
    }
    for (Expr e : all) {
      bh.consume(Evaluator.evaluate(e, now, store));
    }
  }
}
