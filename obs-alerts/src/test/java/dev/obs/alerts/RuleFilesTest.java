package dev.obs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.promql.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

  private static RuleFileException failure(String yaml) {
    try {
      RuleFiles.parse("rules.yml", yaml);
    } catch (RuleFileException e) {
      return e;
    }
    throw new AssertionError("expected the rule file to be rejected:\n" + yaml);
  }

  @Test
  void loadsGroupsAlertingAndRecordingRules() {
    List<RuleGroup> groups =
        RuleFiles.parse(
            "rules.yml",
            """
            groups:
              - name: app
                interval: 30s
                limit: 10
                rules:
                  - record: job:errors:rate5m
                    expr: sum by (job) (rate(errors_total[5m]))
                    labels:
                      team: web
                  - alert: HighErrorRate
                    expr: |
                      job:errors:rate5m
                        > 0.05
                    for: 5m
                    keep_firing_for: 1m
                    labels:
                      severity: critical
                    annotations:
                      summary: "{{ $value | humanizePercentage }} errors on {{ $labels.job }}"
            """);

    assertThat(groups).hasSize(1);
    RuleGroup g = groups.get(0);
    assertThat(g.name()).isEqualTo("app");
    assertThat(g.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(g.limit()).isEqualTo(10);
    assertThat(g.rules().get(0))
        .isEqualTo(
            new RecordingRule(
                "job:errors:rate5m",
                "sum by (job) (rate(errors_total[5m]))",
                Map.of("team", "web")));
    AlertingRule alert = (AlertingRule) g.rules().get(1);
    assertThat(alert.name()).isEqualTo("HighErrorRate");
    assertThat(alert.expr()).isEqualTo("job:errors:rate5m\n  > 0.05\n");
    assertThat(alert.forDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(alert.keepFiringFor()).isEqualTo(Duration.ofMinutes(1));
    assertThat(alert.labels()).containsEntry("severity", "critical");
  }

  @Test
  void emptyFileHasNoGroups() {
    assertThat(RuleFiles.parse("rules.yml", "")).isEmpty();
    assertThat(RuleFiles.parse("rules.yml", "groups: []\n")).isEmpty();
  }

  @Test
  void malformedYamlNamesLineAndColumn() {
    RuleFileException e = failure("groups:\n  - name: app\n    rules: [\n");
    assertThat(e.file()).isEqualTo("rules.yml");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.getMessage()).startsWith("rules.yml:3:");
    assertThat(e.reason()).startsWith("malformed YAML: ");
  }

  @Test
  void unknownKeyIsRejectedAtItsPosition() {
    RuleFileException e =
        failure(
            """
            groups:
              - name: app
                rules:
                  - alert: A
                    expr: up == 0
                    severity: page
            """);
    assertThat(e)
        .hasMessage(
            "rules.yml:6:9: unknown field 'severity' in a rule; expected one of alert, record,"
                + " expr, for, keep_firing_for, labels, annotations");
  }

  @Test
  void badDurationNamesTheValue() {
    RuleFileException e =
        failure(
            """
            groups:
              - name: app
                rules:
                  - alert: A
                    expr: up == 0
                    for: 5 minutes
            """);
    assertThat(e)
        .hasMessage(
            "rules.yml:6:14: bad duration for 'for': not a valid duration string: \"5 minutes\""
                + " (use a number and a unit among ms, s, m, h, d, w, y, such as 5m or 1h30m)");
  }

  @Test
  void unknownFunctionPointsIntoASingleLineExpression() {
    RuleFileException e =
        failure(
            """
            groups:
              - name: app
                rules:
                  - alert: A
                    expr: sum(rat(errors_total[5m])) > 1
            """);
    assertThat(e).hasMessage("rules.yml:5:19: unknown function 'rat' (did you mean 'rate'?)");
  }

  @Test
  void lookaroundIsRejectedAtLoadAsPrometheusRejectsIt(@TempDir Path dir) throws IOException {
    String yaml =
        """
        groups:
          - name: app
            rules:
              - alert: A
                expr: up{job=~"(?=a).*"} == 0
        """;

    assertThat(failure(yaml))
        .hasMessage(
            "rules.yml:5:23: invalid regular expression '(?=a).*' for label 'job': invalid or"
                + " unsupported Perl syntax: `(?=` (RE2 syntax, as in Prometheus, has no"
                + " lookaround)");
    assertThat(promtoolCheck(dir, yaml).output()).contains("invalid or unsupported Perl syntax");
  }

  @Test
  void backreferenceIsRejectedAtLoadAsPrometheusRejectsIt(@TempDir Path dir) throws IOException {
    String yaml =
        """
        groups:
          - name: app
            rules:
              - record: job:a
                expr: |
                  sum by (job) (
                    up{job=~"(a)\\\\1"}
                  )
        """;

    assertThat(failure(yaml))
        .hasMessage(
            "rules.yml:7:21: invalid regular expression '(a)\\1' for label 'job': invalid escape"
                + " sequence: `\\1` (RE2 syntax, as in Prometheus, has no backreferences)");
    assertThat(promtoolCheck(dir, yaml).output()).contains("invalid escape sequence: `\\1`");
  }

  private static Promtool.Result promtoolCheck(Path dir, String yaml) throws IOException {
    Promtool.require();
    Path file = Files.writeString(dir.resolve("rules.yml"), yaml);
    Promtool.Result result = Promtool.checkRules(file);
    assertThat(result.succeeded()).as(result.output()).isFalse();
    return result;
  }

  @Test
  void expressionErrorInABlockScalarMapsToItsLine() {
    RuleFileException e =
        failure(
            """
            groups:
              - name: app
                rules:
                  - alert: A
                    expr: |
                      sum(rate(errors_total[5m]))
                        > topk(3, up)
            """);
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.column()).isEqualTo(15);
    assertThat(e.reason()).contains("topk");
  }

  @Test
  void expressionErrorInAQuotedScalarSkipsTheQuote() {
    RuleFileException e =
        failure(
            """
            groups:
              - name: app
                rules:
                  - alert: A
                    expr: "up == bogus("
            """);
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.column()).isGreaterThan(18);
  }

  @Test
  void badTemplateNamesTheAnnotationAndPosition() {
    RuleFileException e =
        failure(
            """
            groups:
              - name: app
                rules:
                  - alert: A
                    expr: up == 0
                    annotations:
                      summary: "down since {{ $value | humanise }}"
            """);
    assertThat(e)
        .hasMessage(
            "rules.yml:7:44: template error in annotations 'summary': function \"humanise\" not"
                + " defined");
  }

  @Test
  void unclosedTemplateActionIsRejected() {
    RuleFileException e =
        failure(
            """
            groups:
              - name: app
                rules:
                  - alert: A
                    expr: up == 0
                    labels:
                      team: "{{ $labels.team"
            """);
    assertThat(e)
        .hasMessage(
            "rules.yml:7:18: template error in labels 'team': unclosed action: missing '}}'");
  }

  @Test
  void prometheusValidationsAreEnforced() {
    org.assertj.core.api.SoftAssertions.assertSoftly(softly -> validations(softly));
  }

  private static void validations(org.assertj.core.api.SoftAssertions softly) {
    softly
        .assertThat(failure("groups:\n  - name: a\n    rules: []\n  - name: a\n    rules: []\n"))
        .hasMessage("rules.yml:4:11: groupname: \"a\" is repeated in the same file");
    softly
        .assertThat(failure("groups:\n  - name: a\n    rules:\n      - expr: up\n"))
        .hasMessage("rules.yml:4:9: one of 'record' or 'alert' must be set");
    softly
        .assertThat(
            failure("groups:\n  - name: a\n    rules:\n      - alert: A\n        record: b\n"))
        .hasMessage("rules.yml:4:9: only one of 'record' and 'alert' must be set");
    softly
        .assertThat(failure("groups:\n  - name: a\n    rules:\n      - alert: A\n"))
        .hasMessage("rules.yml:4:9: field 'expr' must be set in rule");
    softly
        .assertThat(
            failure(
                "groups:\n  - name: a\n    rules:\n      - record: r\n        expr: up\n"
                    + "        for: 1m\n"))
        .hasMessage("rules.yml:6:9: invalid field 'for' in recording rule");
    softly
        .assertThat(
            failure(
                "groups:\n  - name: a\n    rules:\n      - record: bad-name\n        expr: up\n"))
        .hasMessage("rules.yml:4:17: invalid recording rule name: bad-name");
    softly
        .assertThat(
            failure(
                "groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up\n"
                    + "        labels:\n          bad-label: x\n"))
        .hasMessage("rules.yml:7:11: invalid label name: bad-label");
    softly
        .assertThat(failure("groups:\n  - name: ''\n    rules: []\n"))
        .hasMessage("rules.yml:2:11: Groupname must not be empty");
    softly
        .assertThat(failure("groups:\n  - name: a\n    interval: 0\n"))
        .hasMessage("rules.yml:3:15: interval must be positive, got '0'");
    softly
        .assertThat(failure("rules: []\n"))
        .hasMessage(
            "rules.yml:1:1: unknown field 'rules' in the rule file; expected one of groups");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThat(failure("groups:\n  - name: a\n    name: b\n"))
        .hasMessageStartingWith("rules.yml:3:5: mapping key 'name' already defined at line 2");
  }

  @Test
  void exportedYamlLoadsBackToTheSameGroups() {
    List<RuleGroup> groups =
        List.of(
            Rules.group("app")
                .interval(Duration.ofMinutes(1))
                .rule(Rules.record("job:up:sum").expr("sum by (job) (up)"))
                .rule(
                    Rules.alert("Down")
                        .expr("up == 0")
                        .forDuration(Duration.ofSeconds(90))
                        .keepFiringFor(Duration.ofMinutes(2))
                        .label("severity", "page")
                        .annotation("summary", "{{ $labels.job }}: \"{{ $value }}\"\nsecond line"))
                .build());

    String yaml = RuleFiles.toYaml(groups);

    assertThat(RuleFiles.parse("exported.yml", yaml)).isEqualTo(groups);
    assertThat(yaml).contains("for: 1m30s").contains("keep_firing_for: 2m");
  }

  @Test
  void exportedDurationsUseTheLargestUnitsAsPrometheusPrintsThem() {
    List<RuleGroup> groups =
        List.of(
            Rules.group("slow")
                .interval(Duration.ofDays(14))
                .rule(
                    Rules.alert("StaleBackup")
                        .expr("time() - backup_last_success_timestamp_seconds > 86400")
                        .forDuration(Duration.ofDays(90))
                        .keepFiringFor(Duration.ofMinutes(90)))
                .build());

    String yaml = RuleFiles.toYaml(groups);

    assertThat(yaml)
        .contains("interval: 2w")
        .contains("for: 90d")
        .contains("keep_firing_for: 1h30m");
    assertThat(RuleFiles.parse("exported.yml", yaml)).isEqualTo(groups);
  }

  @Test
  void aDurationTooLongForPrometheusIsRejected() {
    assertThat(
            failure(
                """
                groups:
                  - name: app
                    rules:
                      - alert: A
                        expr: up == 0
                        for: 300y
                """))
        .hasMessage(
            "rules.yml:6:14: bad duration for 'for': duration out of range (use a number and a"
                + " unit among ms, s, m, h, d, w, y, such as 5m or 1h30m)");
  }

  @Test
  void loadingFailsForAMissingResource() {
    assertThatThrownBy(
            () -> RuleFiles.loadResource(getClass().getClassLoader(), "no/such/rules.yml"))
        .hasMessageContaining("no/such/rules.yml");
  }
}
