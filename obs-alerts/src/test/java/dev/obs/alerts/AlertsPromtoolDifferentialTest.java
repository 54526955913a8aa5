package dev.obs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import dev.obs.promql.Labels;
import dev.obs.promql.Promtool;
import dev.obs.time.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the same rules over the same input series in the engine and in {@code promtool test rules}:
 * the engine's firing alerts (labels and templated annotations) at every evaluation become the
 * {@code exp_alerts} of the test file, and promtool must pass. So {@code for}, {@code
 * keep_firing_for}, {@code ALERTS}, templates and each function and operator behave as in
 * Prometheus 2.42.
 */
class AlertsPromtoolDifferentialTest {
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final int MINUTES = 20;

  private static final Map<String, String> INPUT = new TreeMap<>();

  static {
    INPUT.put("http_requests_total{job=\"api\",status=\"200\"}", "0+10x20");
    INPUT.put(
        "http_requests_total{job=\"api\",status=\"500\"}",
        "0 1 2 4 7 9 10 13 13 16 20 22 25 25 27 30 31 33 34 34 40");
    INPUT.put("http_requests_total{job=\"web\",status=\"200\"}", "100+7x20");
    INPUT.put("http_requests_total{job=\"web\",status=\"500\"}", "3+0x20");
    INPUT.put(
        "temperature{room=\"a\"}",
        "20 22 19 25 23 21 -4 18 30 24 22 20 21 22 23 24 25 26 27 28 29");
    INPUT.put("temperature{room=\"b\"}", "0 0 1 2 3 4 3 2 1 0 0 1 2 3 4 5 4 3 2 1 0");
    INPUT.put("latency_seconds_bucket{route=\"/a\",le=\"0.1\"}", "0+5x20");
    INPUT.put("latency_seconds_bucket{route=\"/a\",le=\"0.5\"}", "0+8x20");
    INPUT.put("latency_seconds_bucket{route=\"/a\",le=\"1\"}", "0+9x20");
    INPUT.put("latency_seconds_bucket{route=\"/a\",le=\"+Inf\"}", "0+10x20");
    INPUT.put("latency_seconds_bucket{route=\"/b\",le=\"0.1\"}", "0+1x20");
    INPUT.put("latency_seconds_bucket{route=\"/b\",le=\"0.5\"}", "0+2x20");
    INPUT.put("latency_seconds_bucket{route=\"/b\",le=\"1\"}", "0+8x20");
    INPUT.put("latency_seconds_bucket{route=\"/b\",le=\"+Inf\"}", "0+10x20");
  }

  private static final List<Rule> RULES =
      List.of(
          Rules.alert("RateAbove")
              .expr("rate(http_requests_total{status=\"500\"}[5m]) > 0.04")
              .forDuration(Duration.ofMinutes(2))
              .label("severity", "page")
              .annotation("summary", "{{ $labels.job }} errors at {{ $value | humanize }}/s")
              .build(),
          Rules.alert("IrateAbove")
              .expr("irate(http_requests_total{job=\"api\",status=\"500\"}[3m]) > 0.05")
              .annotation("value", "{{ $value }}")
              .build(),
          Rules.alert("IncreaseKeepsFiring")
              .expr("increase(http_requests_total{status=\"500\"}[2m]) > 5")
              .keepFiringFor(Duration.ofMinutes(3))
              .annotation("summary", "{{ printf \"%.1f\" $value }} new errors")
              .build(),
          Rules.alert("DeltaAbs")
              .expr("abs(delta(temperature[2m])) > 4")
              .annotation("delta", "{{ $value }}")
              .build(),
          Rules.alert("AvgOverTime")
              .expr("avg_over_time(temperature[5m]) > 22")
              .forDuration(Duration.ofMinutes(1))
              .annotation("avg", "{{ printf \"%.3f\" $value }}")
              .build(),
          Rules.alert("MinMaxOverTime")
              .expr("max_over_time(temperature[3m]) - min_over_time(temperature[3m]) > 5")
              .build(),
          Rules.alert("HistogramQuantile")
              .expr(
                  "histogram_quantile(0.9, sum by (le, route) (rate(latency_seconds_bucket[5m])))"
                      + " > 0.5")
              .forDuration(Duration.ofMinutes(1))
              .annotation("p90", "{{ $value | humanizeDuration }}")
              .build(),
          Rules.alert("ClampMinMax")
              .expr("clamp_max(clamp_min(temperature, 21), 26) > 24")
              .label("room_upper", "{{ $labels.room | toUpper }}")
              .build(),
          Rules.alert("SumByJob")
              .expr("sum by (job) (rate(http_requests_total[5m])) > 0.5")
              .annotation("rps", "{{ $value | humanize }}")
              .build(),
          Rules.alert("AggregationsWithout")
              .expr(
                  "count without (status) (http_requests_total) == 2 and on (job)"
                      + " max by (job) (http_requests_total) > 150")
              .build(),
          Rules.alert("ErrorRatio")
              .expr(
                  "sum by (job) (rate(http_requests_total{status=\"500\"}[5m])) / sum by (job)"
                      + " (rate(http_requests_total[5m])) > 0.01")
              .forDuration(Duration.ofMinutes(3))
              .annotation("ratio", "{{ $value | humanizePercentage }}")
              .build(),
          Rules.alert("OneToOneIgnoring")
              .expr(
                  "http_requests_total{status=\"500\"} / ignoring (status)"
                      + " http_requests_total{status=\"200\"} > 0.2")
              .build(),
          Rules.alert("BoolComparison")
              .expr("(temperature > bool 22) + (temperature < bool 1) == 1")
              .build(),
          Rules.alert("Unless")
              .expr("temperature > 2 unless temperature{room=\"a\"}")
              .keepFiringFor(Duration.ofMinutes(1))
              .build(),
          Rules.alert("OrAvgMin").expr("avg(temperature) > 13 or min(temperature) < 0").build(),
          Rules.alert("TimeAndVector").expr("vector(time()) > 600").build(),
          Rules.alert("ScalarOfSum")
              .expr("temperature{room=\"b\"} > scalar(sum(temperature) / 10)")
              .build(),
          Rules.alert("OffsetYesterday")
              .expr(
                  "rate(http_requests_total{status=\"500\"}[2m])"
                      + " > 1.5 * rate(http_requests_total{status=\"500\"}[2m] offset 3m)")
              .build(),
          Rules.alert("UnaryMinus").expr("-temperature < -25").build(),
          Rules.hysteresis("Hysteresis", "temperature{room=\"b\"}", 3, 1).build(),
          Rules.alert("PendingGate")
              .expr("count(ALERTS{alertname=\"AvgOverTime\",alertstate=\"pending\"}) > 0")
              .build());

  @Test
  void engineAndPromtoolReportTheSameAlertsAtEveryEvaluation(@TempDir Path dir) throws IOException {
    Promtool.require();
    RuleGroup group = new RuleGroup("differential", STEP, 0, RULES);
    Path rules = dir.resolve("rules.yml");
    RuleFiles.write(rules, List.of(group));
    assertThat(Promtool.checkRules(rules).succeeded()).isTrue();

    ManualClock clock = new ManualClock(Instant.EPOCH);
    Alerts alerts = Alerts.builder().clock(clock).interval(STEP).groups(group).build();
    Map<Labels, double[]> input = new LinkedHashMap<>();
    INPUT.forEach((series, values) -> input.put(labels(series), expand(values)));

    List<Object> tests = new ArrayList<>();
    int firingSeen = 0;
    for (int minute = 0; minute <= MINUTES; minute++) {
      // Samples arrive as time passes, as the sampler writes them: the store keeps only the
      // history behind each series' newest sample that the rules need.
      for (Map.Entry<Labels, double[]> e : input.entrySet()) {
        alerts.store().append(e.getKey(), clock.millis(), e.getValue()[minute]);
      }
      assertThat(alerts.evaluateDue()).isEqualTo(1);
      for (Rule r : RULES) {
        List<Object> expected = new ArrayList<>();
        for (Alert a : alerts.activeAlerts()) {
          if (a.name().equals(r.name()) && a.state() == AlertState.FIRING) {
            Map<String, String> labels = new TreeMap<>(a.labels());
            labels.remove("alertname");
            Map<String, Object> exp = new LinkedHashMap<>();
            exp.put("exp_labels", labels);
            exp.put("exp_annotations", a.annotations());
            expected.add(exp);
            firingSeen++;
          }
        }
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("eval_time", minute + "m");
        test.put("alertname", r.name());
        test.put("exp_alerts", expected);
        tests.add(test);
      }
      clock.advance(STEP);
    }
    assertThat(alerts.groups().get(0).rules())
        .allSatisfy(s -> assertThat(s.health()).as(s.rule().name()).isEqualTo(RuleHealth.OK));
    assertThat(firingSeen).as("the cases make alerts fire").isGreaterThan(50);

    Map<String, Object> unitTest = new LinkedHashMap<>();
    List<Object> series = new ArrayList<>();
    INPUT.forEach((s, v) -> series.add(Map.of("series", s, "values", v)));
    unitTest.put("interval", "1m");
    unitTest.put("input_series", series);
    unitTest.put("alert_rule_test", tests);
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("rule_files", List.of("rules.yml"));
    file.put("evaluation_interval", "1m");
    file.put("tests", List.of(unitTest));
    Path test = dir.resolve("rules_test.yml");
    new ObjectMapper(new YAMLFactory()).writeValue(test.toFile(), file);

    Promtool.Result result = Promtool.testRules(test);
    assertThat(result.succeeded())
        .as("promtool test rules disagrees with the engine:%n%s", result.output())
        .isTrue();
  }

  private static Labels labels(String series) {
    Matcher m = Pattern.compile("(\\w+)\\{(.*)}").matcher(series);
    assertThat(m.matches()).isTrue();
    List<String> kv = new ArrayList<>(List.of("__name__", m.group(1)));
    for (String pair : m.group(2).split(",")) {
      String[] p = pair.split("=", 2);
      kv.add(p[0]);
      kv.add(p[1].substring(1, p[1].length() - 1));
    }
    return Labels.of(kv.toArray(new String[0]));
  }

  /** Expands promtool's {@code a+bxN} and space-separated values. */
  private static double[] expand(String values) {
    Matcher m = Pattern.compile("(-?[0-9.]+)\\+(-?[0-9.]+)x([0-9]+)").matcher(values);
    if (m.matches()) {
      double start = Double.parseDouble(m.group(1));
      double step = Double.parseDouble(m.group(2));
      int n = Integer.parseInt(m.group(3));
      double[] out = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        out[i] = start + step * i;
      }
      return out;
    }
    String[] parts = values.trim().split("\\s+");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Double.parseDouble(parts[i]);
    }
    return out;
  }
}
