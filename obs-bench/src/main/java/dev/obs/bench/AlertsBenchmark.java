package dev.obs.bench;

import dev.obs.alerts.Alerts;
import dev.obs.alerts.Rule;
import dev.obs.alerts.RuleGroup;
import dev.obs.alerts.Rules;
import dev.obs.promql.InMemorySeriesStore;
import dev.obs.promql.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation tick of the alert rules engine: {@code rules} rules (rates, sums by label,
 * averages over time, plain thresholds; about a tenth of them firing) over {@code series} counter
 * series spread across 100 metric names, with 5 minutes of 15 s samples in the store. Each tick
 * moves the clock 15 s, appends one sample per series and evaluates every rule once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class AlertsBenchmark {
  private static final int METRICS = 100;
  private static final long STEP_MS = 15_000;

  @Param({"500", "1000"})
  public int rules;

  @Param({"2500", "5000"})
  public int series;

  private final TickClock clock = new TickClock();
  private Alerts alerts;
  private Labels[] labels;
  private long[] counts;

  /** A clock the benchmark moves by hand. */
  static final class TickClock extends Clock {
    volatile long millis = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
      return millis;
    }
  }

  @Setup(Level.Trial)
  public void setup() {
    int perMetric = series / METRICS;
    labels = new Labels[series];
    counts = new long[series];
    for (int i = 0; i < series; i++) {
      int metric = i % METRICS;
      int n = i / METRICS;
      labels[i] =
          Labels.of(
              "__name__", "app_events_" + metric + "_total",
              "job", "job" + (n % 5),
              "instance", "i" + n);
    }
    List<Rule> list = new ArrayList<>(rules);
    for (int r = 0; r < rules; r++) {
      String m = "app_events_" + (r % METRICS) + "_total";
      // Series i grows by i % 7 per tick: rates 0..0.4/s; about a tenth of the rules fire.
      String expr =
          switch (r % 4) {
            case 0 -> "rate(" + m + "[5m]) > 0.39";
            case 1 -> "sum by (job) (rate(" + m + "[5m])) > " + (perMetric * 0.09);
            case 2 -> "avg_over_time(" + m + "{job=\"job1\"}[5m]) > 1e9";
            default -> m + "{instance=\"i0\"} > 1e9";
          };
      list.add(
          Rules.alert("Rule" + r)
              .expr(expr)
              .forDuration(Duration.ofMinutes(1))
              .label("severity", "warning")
              .annotation("summary", "{{ $labels.job }} at {{ $value | humanize }}")
              .build());
    }
    InMemorySeriesStore store = new InMemorySeriesStore(series * 2);
    alerts =
        Alerts.builder()
            .clock(clock)
            .store(store)
            .interval(Duration.ofMillis(STEP_MS))
            .groups(new RuleGroup("bench", null, 0, list))
            .build();
    // Five minutes of history, so every range holds 20 samples as in steady state.
    for (int t = 0; t < 21; t++) {
      tick();
    }
  }

  @Benchmark
  public int tick() {
    clock.millis += STEP_MS;
    long now = clock.millis;
    InMemorySeriesStore store = alerts.store();
    for (int i = 0; i < labels.length; i++) {
      counts[i] += i % 7;
      store.append(labels[i], now, counts[i]);
    }
    return alerts.evaluateDue();
  }
}
