package dev.obs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.promql.PromQL;
import dev.obs.promql.Promtool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesTest {

  @Test
  void helpersPrintCanonicalPromql() {
    assertThat(Rules.errorRateAbove("E", 0.05, Duration.ofMinutes(5)).build().expr())
        .isEqualTo(
            "sum(rate(http_server_requests_seconds_count{outcome=\"SERVER_ERROR\"}[5m]))"
                + " / sum(rate(http_server_requests_seconds_count[5m])) > 0.05");
    assertThat(
            Rules.latencyP95Above("L", Duration.ofMillis(250), Duration.ofMinutes(5))
                .build()
                .expr())
        .isEqualTo(
            "histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket[5m])))"
                + " > 0.25");
    assertThat(Rules.healthCheckDown("D", "database").build().expr())
        .isEqualTo("obs_health_status{check=\"database\"} == 0");
    assertThat(Rules.uptimeBelow("U", "database", 0.999, Duration.ofDays(1)).build().expr())
        .isEqualTo("avg_over_time(obs_health_status{check=\"database\"}[1d]) < 0.999");
    assertThat(Rules.latencyAboveBaseline("B", 2, Duration.ofMinutes(5)).build().expr())
        .endsWith(
            " > 2 * histogram_quantile(0.95, sum by (le)"
                + " (rate(http_server_requests_seconds_bucket[5m] offset 1d)))");
    assertThat(Rules.hysteresis("H", "sum(errors)", 0.05, 0.03).build().expr())
        .isEqualTo("sum(errors) > 0.05 or (sum(errors) > 0.03 and on () ALERTS{alertname=\"H\"})");
  }

  @Test
  void dslExpressionsAreTheCanonicalFormOfWhatAFileSays() {
    String written = "sum  by(job)(rate(x[5m]))>0.1";
    AlertingRule rule = Rules.alert("A").expr(written).build();
    assertThat(rule.expr()).isEqualTo(PromQL.parse(written).toString());
    assertThat(PromQL.parse(rule.expr()).toString()).isEqualTo(rule.expr());
  }

  @Test
  void invalidDslInputIsRejectedWhenBuilt() {
    assertThatThrownBy(() -> Rules.alert("A").expr("rat(x[5m])").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid expression 'rat(x[5m])': ");
    assertThatThrownBy(() -> Rules.alert("A").expr("up").annotation("s", "{{ $nope }}").build())
        .hasMessage("alerting rule 'A': template error in 's' at 4: undefined variable \"$nope\"");
    assertThatThrownBy(() -> Rules.record("bad name").expr("up").build())
        .hasMessage("invalid recording rule name 'bad name': must match [a-zA-Z_:][a-zA-Z0-9_:]*");
    assertThatThrownBy(() -> Rules.errorRateAbove("E", 5, Duration.ofMinutes(5)))
        .hasMessage("ratio must be between 0 and 1, got 5.0");
    assertThatThrownBy(() -> Rules.alert("A").build())
        .hasMessage("alerting rule 'A' needs an expression");
  }

  @Test
  void shippedBuiltinFileIsTheDefaultPack() {
    List<RuleGroup> shipped =
        RuleFiles.loadResource(getClass().getClassLoader(), BuiltinRules.RESOURCE);
    assertThat(shipped).isEqualTo(BuiltinRules.defaults().groups());
    assertThat(shipped.get(0).rules())
        .extracting(Rule::name)
        .containsExactly(
            "AppNotReady",
            "HighErrorRate",
            "HighLatency",
            "LatencyAboveBaseline",
            "HeapNearlyFull",
            "HighCpu",
            "ConnectionPoolNearlyFull",
            "RedisMemoryHigh");
  }

  @Test
  void shippedAndExportedRuleFilesPassPromtoolCheck(@TempDir Path dir) throws Exception {
    Promtool.require();
    Path builtin = Path.of(getClass().getClassLoader().getResource(BuiltinRules.RESOURCE).toURI());
    Promtool.Result shipped = Promtool.checkRules(builtin);
    assertThat(shipped.succeeded()).as(shipped.output()).isTrue();
    assertThat(shipped.output()).contains("SUCCESS: 8 rules found");

    RuleGroup all =
        Rules.group("dsl")
            .interval(Duration.ofSeconds(30))
            .limit(100)
            .rule(Rules.record("job:errors:ratio5m").expr(Rules.errorRatio(Duration.ofMinutes(5))))
            .rule(
                Rules.errorRateAbove("HighErrorRate", 0.05, Duration.ofMinutes(5))
                    .forDuration(Duration.ofMinutes(5)))
            .rule(Rules.latencyP95Above("Slow", Duration.ofMillis(300), Duration.ofMinutes(5)))
            .rule(Rules.healthCheckDown("DbDown", "db").forDuration(Duration.ofMinutes(2)))
            .rule(Rules.uptimeBelow("DbUptime", "db", 0.99, Duration.ofHours(6)))
            .rule(Rules.latencyAboveBaseline("SlowerThanYesterday", 1.5, Duration.ofMinutes(10)))
            .rule(
                Rules.hysteresis("ErrorsHysteresis", "job:errors:ratio5m", 0.05, 0.03)
                    .keepFiringFor(Duration.ofMinutes(5))
                    .label("severity", "critical"))
            .build();
    Path exported = dir.resolve("exported.yml");
    RuleFiles.write(exported, List.of(all));
    Promtool.Result result = Promtool.checkRules(exported);
    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(RuleFiles.load(exported)).containsExactly(all);
  }
}
