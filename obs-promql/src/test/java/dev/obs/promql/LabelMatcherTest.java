package dev.obs.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.promql.LabelMatcher.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelMatcherTest {
  private static final Map<String, String> LABELS =
      Map.of("alertname", "HighErrorRate", "severity", "critical", "instance", "web-12");

  @Test
  void everyOperatorMatchesAsAlertmanagerDoes() {
    assertThat(matches("severity=critical")).isTrue();
    assertThat(matches("severity!=critical")).isFalse();
    assertThat(matches("instance=~\"web-\\d+\"")).isTrue();
    assertThat(matches("instance=~web")).as("anchored").isFalse();
    assertThat(matches("instance!~\"db-.*\"")).isTrue();
    assertThat(matches("team=\"\"")).as("missing label is empty").isTrue();
    assertThat(matches("team!=\"\"")).isFalse();
    assertThat(LabelMatcher.matchesAll(List.of(), LABELS)).isTrue();
  }

  private static boolean matches(String matcher) {
    return LabelMatcher.matchesAll(List.of(LabelMatcher.parse(matcher)), LABELS);
  }

  @Test
  void regularExpressionsMatchTheWholeValueWithRe2Semantics() {
    LabelMatcher re = new LabelMatcher("status", Op.REGEX, "5..");
    assertThat(re.matches("500")).isTrue();
    assertThat(re.matches("1500")).isFalse();
    assertThat(new LabelMatcher("s", Op.REGEX, "a|ab").matches("ab")).isTrue();
    assertThat(new LabelMatcher("s", Op.NOT_REGEX, "a|b").matches("ab")).isTrue();
    assertThat(new LabelMatcher("s", Op.REGEX, "a.c").matches("a\nc"))
        .as("a dot does not match a newline, as in Prometheus 2")
        .isFalse();
    assertThat(new LabelMatcher("s", Op.REGEX, "a$").matches("a\n"))
        .as("$ is the end of the text, not of a line")
        .isFalse();
    assertThat(new LabelMatcher("s", Op.REGEX, "[[:upper:]]+").matches("ABC")).isTrue();
    assertThat(new LabelMatcher("s", Op.REGEX, "(?P<x>a)b").matches("ab")).isTrue();
    assertThat(new LabelMatcher("s", Op.EQUAL, "").matches(null)).isTrue();
    assertThat(new LabelMatcher("s", Op.NOT_EQUAL, "x").matches(null)).isTrue();
    assertThat(re).hasToString("status=~\"5..\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '^',
      textBlock =
          """
          (?=a).*  | invalid regular expression '(?=a).*' for label 'job': invalid or unsupported Perl syntax: `(?=` (RE2 syntax, as in Prometheus, has no lookaround)
          a(?!b)   | invalid regular expression 'a(?!b)' for label 'job': invalid or unsupported Perl syntax: `(?!` (RE2 syntax, as in Prometheus, has no lookaround)
          (?<=a)b  | invalid regular expression '(?<=a)b' for label 'job': invalid named capture: `(?<=a)b` (RE2 syntax, as in Prometheus, has no lookaround)
          (a)\\1   | invalid regular expression '(a)\\1' for label 'job': invalid escape sequence: `\\1` (RE2 syntax, as in Prometheus, has no backreferences)
          web-(    | invalid regular expression 'web-(' for label 'job': missing closing ): `web-(`
          a**      | invalid regular expression 'a**' for label 'job': invalid nested repetition operator: `**`
          """)
  void regularExpressionsOutsideRe2AreRefusedNamingTheCulprit(String regex, String message) {
    assertThatThrownBy(() -> new LabelMatcher("job", Op.REGEX, regex))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void listSplitsOnCommasOutsideQuotes() {
    List<LabelMatcher> matchers =
        LabelMatcher.parseList("{severity=critical, team=~\"db,ops|web\", path=\"a\\\\\", x=y}");

    assertThat(matchers)
        .containsExactly(
            LabelMatcher.equal("severity", "critical"),
            new LabelMatcher("team", Op.REGEX, "db,ops|web"),
            LabelMatcher.equal("path", "a\\"),
            LabelMatcher.equal("x", "y"));
    assertThat(matchers.get(1).toString()).isEqualTo("team=~\"db,ops|web\"");
    assertThat(LabelMatcher.parseList(" ")).isEmpty();
  }

  @Test
  void printedMatcherParsesBackToTheSameMatcher() {
    for (LabelMatcher m :
        List.of(
            new LabelMatcher("summary", Op.NOT_EQUAL, "say \"hi\""),
            new LabelMatcher("instance", Op.REGEX, "web-\\d+\\.example"),
            new LabelMatcher("path", Op.EQUAL, "C:\\dir\\"),
            new LabelMatcher("text", Op.NOT_REGEX, "line\nnext\ttab\r\u0001"))) {
      assertThat(LabelMatcher.parse(m.toString())).as(m.toString()).isEqualTo(m);
      assertThat(LabelMatcher.parseList(m + ", " + m)).containsExactly(m, m);
    }
    assertThat(new LabelMatcher("instance", Op.REGEX, "web-\\d+"))
        .hasToString("instance=~\"web-\\\\d+\"");
  }

  @Test
  void aBackslashBeforeAnythingButAnEscapeStaysAsWritten() {
    assertThat(LabelMatcher.parse("instance=~\"web-\\d+\"").value()).isEqualTo("web-\\d+");
    assertThat(LabelMatcher.parse("instance=~web-\\d+").value()).isEqualTo("web-\\d+");
    assertThat(LabelMatcher.parse("a=\"\\x41\\xZZ\"").value()).isEqualTo("A\\xZZ");
  }

  @Test
  void invalidMatchersSayWhatIsAccepted() {
    assertThatThrownBy(() -> LabelMatcher.parse("severity"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "matcher must look like name=value, name!=value, name=~regex or name!~regex, got"
                + " 'severity'");
    assertThatThrownBy(() -> LabelMatcher.parse("instance=~\"web-(\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid regular expression 'web-(' for label 'instance': missing closing ): `web-(`");
    assertThatThrownBy(() -> LabelMatcher.equal("1st", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matcher label name must match [a-zA-Z_][a-zA-Z0-9_]*, got '1st'");
    assertThatThrownBy(() -> LabelMatcher.parse("émoji=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matcher label name must match [a-zA-Z_][a-zA-Z0-9_]*, got 'émoji'");
  }
}
