package dev.obs.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromQLTest {

  /** Each input and its canonical form, covering every construct of the subset. */
  static final List<String[]> ROUND_TRIPS =
      List.of(
          pair("up", "up"),
          pair("up{job=\"api\"}", "up{job=\"api\"}"),
          pair(
              "x{a=\"1\",b!=\"2\",c=~\"3|4\",d!~'5.*',}",
              "x{a=\"1\", b!=\"2\", c=~\"3|4\", d!~\"5.*\"}"),
          pair("{__name__=\"up\", job=\"api\"}", "up{job=\"api\"}"),
          pair("{job=~\"a.+\"}", "{job=~\"a.+\"}"),
          pair("{__name__=~\"http_.*\"}", "{__name__=~\"http_.*\"}"),
          pair("x{path=\"a\\\"b\\\\c\\n\"}", "x{path=\"a\\\"b\\\\c\\n\"}"),
          pair("x{path=`raw\\d`}", "x{path=\"raw\\\\d\"}"),
          pair("x{path=\"\\101\\x42\"}", "x{path=\"AB\"}"),
          pair("rate(x[5m])", "rate(x[5m])"),
          pair("rate(x[90m])", "rate(x[1h30m])"),
          pair("rate(x[1h30m])", "rate(x[1h30m])"),
          pair("avg_over_time(x[1d])", "avg_over_time(x[1d])"),
          pair("avg_over_time(x[7d])", "avg_over_time(x[1w])"),
          pair("max_over_time(x[30s500ms])", "max_over_time(x[30s500ms])"),
          pair("avg_over_time(x[90d])", "avg_over_time(x[90d])"),
          pair("avg_over_time(x[14d])", "avg_over_time(x[2w])"),
          pair("x offset 12w6d", "x offset 90d"),
          pair("x offset 365d", "x offset 1y"),
          pair("rate(x[500ms])", "rate(x[500ms])"),
          pair("x offset 5m", "x offset 5m"),
          pair("x offset -1h", "x offset -1h"),
          pair("rate(x[5m] offset 1d)", "rate(x[5m] offset 1d)"),
          pair("irate(x[1m])", "irate(x[1m])"),
          pair("increase(x[1h])", "increase(x[1h])"),
          pair("delta(x[2m])", "delta(x[2m])"),
          pair("min_over_time(x[5m])", "min_over_time(x[5m])"),
          pair("sum_over_time(x[5m])", "sum_over_time(x[5m])"),
          pair("count_over_time(x[5m])", "count_over_time(x[5m])"),
          pair("last_over_time(x[5m])", "last_over_time(x[5m])"),
          pair("quantile_over_time(0.95, x[5m])", "quantile_over_time(0.95, x[5m])"),
          pair("stddev_over_time(x[5m])", "stddev_over_time(x[5m])"),
          pair("stdvar_over_time(x[5m])", "stdvar_over_time(x[5m])"),
          pair("present_over_time(x[5m])", "present_over_time(x[5m])"),
          pair(
              "histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))",
              "histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))"),
          pair("abs(x)", "abs(x)"),
          pair("clamp_min(x, 0)", "clamp_min(x, 0)"),
          pair("clamp_max(x, 1e3)", "clamp_max(x, 1000)"),
          pair("time()", "time()"),
          pair("vector(1)", "vector(1)"),
          pair("scalar(x)", "scalar(x)"),
          pair("sum(x)", "sum(x)"),
          pair("sum(x) by (a, b)", "sum by (a, b) (x)"),
          pair("SUM BY (a) (x)", "sum by (a) (x)"),
          pair("avg without (instance) (x)", "avg without (instance) (x)"),
          pair("min by () (x)", "min(x)"),
          pair("max without () (x)", "max without () (x)"),
          pair("count(x) without (a)", "count without (a) (x)"),
          pair("a + b * c", "a + b * c"),
          pair("(a + b) * c", "(a + b) * c"),
          pair("a - (b - c)", "a - (b - c)"),
          pair("(a - b) - c", "a - b - c"),
          pair("a / b % c", "a / b % c"),
          pair("2 ^ 3 ^ 2", "2 ^ 3 ^ 2"),
          pair("(2 ^ 3) ^ 2", "(2 ^ 3) ^ 2"),
          pair("-x", "-x"),
          pair("-x ^ 2", "-(x ^ 2)"),
          pair("(-x) ^ 2", "(-x) ^ 2"),
          pair("-(a + b)", "-(a + b)"),
          pair("+x", "x"),
          pair("- 1", "-1"),
          pair("(-1) ^ 2", "(-1) ^ 2"),
          pair("-1 ^ 2", "-(1 ^ 2)"),
          pair("0x1F", "31"),
          pair("1.5e-7", "1.5E-7"),
          pair("Inf", "+Inf"),
          pair("-inf", "-Inf"),
          pair("NaN", "NaN"),
          pair("x > 0.05", "x > 0.05"),
          pair("x > bool 1", "x > bool 1"),
          pair("1 == bool 2", "1 == bool 2"),
          pair("a != b", "a != b"),
          pair("a >= on(job) b", "a >= on (job) b"),
          pair("a <= ignoring(instance, pod) b", "a <= ignoring (instance, pod) b"),
          pair("a < ignoring() b", "a < b"),
          pair("a / on() b", "a / on () b"),
          pair("a and b or c unless d", "(a and b) or (c unless d)"),
          pair("a or b and c", "a or (b and c)"),
          pair("a and b and c", "a and b and c"),
          pair("(a or b) and c", "(a or b) and c"),
          pair("a and on(x) b", "a and on (x) b"),
          pair("a > 1 + 2", "a > 1 + 2"),
          pair("(a > 1) + 2", "(a > 1) + 2"),
          pair(
              "x > 0.05 or (x > 0.03 and on() ALERTS{alertname=\"High\"})",
              "x > 0.05 or (x > 0.03 and on () ALERTS{alertname=\"High\"})"),
          pair(
              "sum by (uri) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))\n"
                  + "  / sum by (uri) (rate(http_server_requests_seconds_count[5m])) > 0.05",
              "sum by (uri) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))"
                  + " / sum by (uri) (rate(http_server_requests_seconds_count[5m])) > 0.05"),
          pair("x # a comment\n + 1", "x + 1"),
          pair("{__name__=\"sum\"}", "{__name__=\"sum\"}"));

  private static String[] pair(String input, String canonical) {
    return new String[] {input, canonical};
  }

  @Test
  void everyConstructPrintsCanonicallyAndParsesBackEqual() {
    for (String[] p : ROUND_TRIPS) {
      Expr e = PromQL.parse(p[0]);
      assertThat(e.toString()).as("printing %s", p[0]).isEqualTo(p[1]);
      assertThat(PromQL.parse(e.toString())).as("re-parsing %s", p[1]).isEqualTo(e);
    }
  }

  @Test
  void prometheusAcceptsEveryPrintedExpression(@TempDir Path dir) throws IOException {
    Promtool.require();
    StringBuilder rules = new StringBuilder("groups:\n  - name: printed\n    rules:\n");
    int i = 0;
    for (String[] p : ROUND_TRIPS) {
      String printed = PromQL.parse(p[0]).toString();
      rules.append("      - record: printed:").append(i++).append('\n');
      rules.append("        expr: '").append(printed.replace("'", "''")).append("'\n");
    }
    Path file = dir.resolve("printed.yml");
    Files.writeString(file, rules);
    Promtool.Result result = Promtool.checkRules(file);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          topk(3, x)                     | topk            | 1 | 1  | unsupported function 'topk' at 1:1
          bottomk(3, x)                  | bottomk         | 1 | 1  | unsupported function 'bottomk' at 1:1
          stddev(x)                      | stddev          | 1 | 1  | unsupported function 'stddev' at 1:1
          count_values("v", x)           | count_values    | 1 | 1  | unsupported function 'count_values' at 1:1
          quantile(0.9, x)               | quantile        | 1 | 1  | unsupported function 'quantile' at 1:1
          sum(rate(x[5m])) + label_replace(x, "a", "b", "c", "d") | label_replace | 1 | 20 | unsupported function 'label_replace' at 1:20
          rat(x[5m])                     | rat             | 1 | 1  | unknown function 'rat' at 1:1
          rate(x[5m:1m])                 | subquery        | 1 | 7  | unsupported subquery at 1:7
          max_over_time(rate(x[5m])[1h:]) | subquery       | 1 | 26 | unsupported subquery at 1:26
          x @ 1609746000                 | @ modifier      | 1 | 3  | unsupported @ modifier at 1:3
          a / on(x) group_left b         | group_left      | 1 | 11 | unsupported vector matching 'group_left' at 1:11
          a * ignoring(x) group_right(y) b | group_right   | 1 | 17 | unsupported vector matching 'group_right' at 1:17
          x == "a"                       | string literal  | 1 | 6  | unsupported string literal at 1:6
          atan2(x, y)                    | atan2           | 1 | 1  | unexpected 'atan2' at 1:1
          a atan2 b                      | atan2           | 1 | 3  | unsupported operator 'atan2' at 1:3
          rate(x[5x])                    | duration        | 1 | 8  | bad duration '5x', expected a duration such as 30s, 5m or 1h30m at 1:8
          rate(x[1m1h])                  | duration        | 1 | 8  | bad duration '1m1h', expected a duration such as 30s, 5m or 1h30m at 1:8
          x offset 5                     | duration        | 1 | 10 | bad duration '5', expected a duration such as 30s, 5m or 1h30m at 1:10
          rate(x[0s])                    | duration        | 1 | 8  | range must be greater than 0, got '0s' at 1:8
          rate(x[300y])                  | duration        | 1 | 8  | duration '300y' is out of range at 1:8
          (x + 1                         | (               | 1 | 1  | unclosed left parenthesis at 1:1
          x + 1)                         | )               | 1 | 6  | unexpected ')' without a matching '(' at 1:6
          sum(x                          | (               | 1 | 4  | unclosed left parenthesis at 1:4
          x{a="b"                        | {               | 1 | 2  | unclosed left brace at 1:2
          rate(x)                        | rate            | 1 | 6  | expected type range vector in call to function 'rate', got instant vector at 1:6
          abs(x[5m])                     | abs             | 1 | 5  | expected type instant vector in call to function 'abs', got range vector at 1:5
          clamp_min(x)                   | clamp_min       | 1 | 1  | expected 2 argument(s) in call to 'clamp_min', got 1 at 1:1
          x[5m]                          | range vector    | 1 | 1  | a range vector cannot be the result of an expression; wrap it in a function such as rate() at 1:1
          1 > 2                          | >               | 1 | 3  | comparisons between scalars must use the bool modifier at 1:3
          x + bool 1                     | bool            | 1 | 5  | bool modifier can only be used on comparison operators at 1:5
          x and 1                        | and             | 1 | 3  | set operator 'and' not allowed in binary scalar expression at 1:3
          x + on(a) 1                    | on              | 1 | 3  | vector matching only allowed between instant vectors at 1:3
          {}                             | vector selector | 1 | 1  | vector selector must contain at least one non-empty matcher at 1:1
          {a=~".*"}                      | vector selector | 1 | 1  | vector selector must contain at least one non-empty matcher at 1:1
          x{a="\\1"}                      | string literal  | 1 | 5  | bad escape sequence in string literal at 1:5
          x{a="\\400"}                    | string literal  | 1 | 5  | bad escape sequence in string literal at 1:5
          x{a=~"("}                      | regular expression | 1 | 6 | invalid regular expression '(' for label 'a': missing closing ): `(` at 1:6
          x{job=~"(?=a).*"}              | regular expression | 1 | 8 | invalid regular expression '(?=a).*' for label 'job': invalid or unsupported Perl syntax: `(?=` (RE2 syntax, as in Prometheus, has no lookaround) at 1:8
          x{job=~`(a)\\1`}               | regular expression | 1 | 8 | invalid regular expression '(a)\\1' for label 'job': invalid escape sequence: `\\1` (RE2 syntax, as in Prometheus, has no backreferences) at 1:8
          x offset 1m offset 2m          | offset          | 1 | 13 | offset may not be set multiple times at 1:13
          sum(x) offset 5m               | offset          | 1 | 8  | offset modifier must be preceded by an instant vector selector or range vector selector at 1:8
          sum by (a) (x) by (b)          | by              | 1 | 16 | aggregation may have only one grouping clause at 1:16
          x y                            | y               | 1 | 3  | unexpected 'y' at 1:3
          x $ 1                          | $               | 1 | 3  | unexpected character '$' at 1:3
          """)
  void rejectsWithConstructLineAndColumn(
      String text, String construct, int line, int column, String message) {
    assertThatThrownBy(() -> PromQL.parse(text))
        .isInstanceOfSatisfying(
            PromQLParseException.class,
            e -> {
              assertThat(e.construct()).isEqualTo(construct);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
            })
        .hasMessage(message);
  }

  @Test
  void multiLineExpressionsReportTheLineAndColumnWithinTheText() {
    String text = "sum by (job) (\n  rate(x[5m])\n)\n  / on(job) group_left\n  y";
    assertThatThrownBy(() -> PromQL.parse(text))
        .isInstanceOfSatisfying(
            PromQLParseException.class,
            e -> {
              assertThat(e.construct()).isEqualTo("group_left");
              assertThat(e.line()).isEqualTo(4);
              assertThat(e.column()).isEqualTo(13);
            })
        .hasMessage("unsupported vector matching 'group_left' at 4:13");
    assertThatThrownBy(() -> PromQL.parse("x +\n\ttopk(1, y)"))
        .hasMessage("unsupported function 'topk' at 2:2");
  }

  @Test
  void maxLookbackIsTheLongestRangePlusOffsetOrTheInstantLookback() {
    assertThat(PromQL.parse("1 + time()").maxLookback()).isEqualTo(Duration.ZERO);
    assertThat(PromQL.parse("up").maxLookback()).isEqualTo(Duration.ofMinutes(5));
    assertThat(PromQL.parse("up offset 1h").maxLookback()).isEqualTo(Duration.ofMinutes(65));
    assertThat(PromQL.parse("rate(x[10m]) / rate(x[1h] offset 1d) > up").maxLookback())
        .isEqualTo(Duration.ofHours(25));
    assertThat(PromQL.parse("sum(rate(x[2m])) and on() vector(1)").maxLookback())
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void equalExpressionsAreEqualHowEverTheyAreWritten() {
    assertThat(PromQL.parse("sum(rate(x{a='b'}[300s])) by (c)"))
        .isEqualTo(PromQL.parse("sum by (c) (rate({__name__=\"x\", a=\"b\"}[5m]))"))
        .hasSameHashCodeAs(PromQL.parse("sum by(c)(rate(x{a=\"b\"}[5m]))"));
    assertThat(PromQL.parse("sum by (c) (x)")).isNotEqualTo(PromQL.parse("sum without (c) (x)"));
  }
}
