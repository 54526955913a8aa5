package dev.obs.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatcherTest {
  private static final Map<String, String> LABELS =
      Map.of("alertname", "HighErrorRate", "severity", "critical", "instance", "web-12");

  @Test
  void everyOperatorMatchesAsAlertmanagerDoes() {
    assertThat(Matcher.parse("severity=critical").matches(LABELS)).isTrue();
    assertThat(Matcher.parse("severity!=critical").matches(LABELS)).isFalse();
    assertThat(Matcher.parse("instance=~\"web-\\d+\"").matches(LABELS)).isTrue();
    assertThat(Matcher.parse("instance=~web").matches(LABELS)).as("anchored").isFalse();
    assertThat(Matcher.parse("instance!~\"db-.*\"").matches(LABELS)).isTrue();
    assertThat(Matcher.parse("team=\"\"").matches(LABELS)).as("missing label is empty").isTrue();
    assertThat(Matcher.parse("team!=\"\"").matches(LABELS)).isFalse();
  }

  @Test
  void listSplitsOnCommasOutsideQuotes() {
    List<Matcher> matchers = Matcher.parseList("{severity=critical, team=~\"db,ops|web\"}");

    assertThat(matchers).hasSize(2);
    assertThat(matchers.get(1).value()).isEqualTo("db,ops|web");
    assertThat(matchers.get(1).toString()).isEqualTo("team=~\"db,ops|web\"");
    assertThat(Matcher.parseList(" ")).isEmpty();
  }

  @Test
  void printedMatcherParsesBackToTheSameMatcher() {
    Matcher m = Matcher.of("summary", Matcher.Op.NOT_EQUAL, "say \"hi\"");

    assertThat(Matcher.parse(m.toString())).isEqualTo(m);
  }

  @Test
  void invalidMatchersSayWhatIsAccepted() {
    assertThatThrownBy(() -> Matcher.parse("severity"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "matcher must look like name=value, name!=value, name=~regex or name!~regex, got"
                + " 'severity'");
    assertThatThrownBy(() -> Matcher.parse("instance=~\"web-(\""))
        .hasMessage("matcher instance=~ has an invalid regular expression 'web-('");
  }
}
