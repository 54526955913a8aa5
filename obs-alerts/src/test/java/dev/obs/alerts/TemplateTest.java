package dev.obs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final Map<String, String> LABELS = Map.of("job", "api", "instance", "a:80");

  private static String render(String template, double value) throws Exception {
    return Template.parse(template).render(value, LABELS);
  }

  @Test
  void valuesAndLabelsRenderAsInPrometheus() throws Exception {
    assertThat(render("{{ $labels.job }} on {{ .Labels.instance }}: {{ $value }}", 0.25))
        .isEqualTo("api on a:80: 0.25");
    assertThat(render("{{ .Value }}", 1e6)).isEqualTo("1e+06");
    assertThat(render("{{ $value }}", 123456)).isEqualTo("123456");
    assertThat(render("{{ $value }}", 1.0 / 3)).isEqualTo("0.3333333333333333");
    assertThat(render("{{ $value }}", Double.NaN)).isEqualTo("NaN");
    assertThat(render("[{{ $labels.missing }}]", 1)).isEqualTo("[]");
    assertThat(render("plain text", 1)).isEqualTo("plain text");
    assertThat(render("a {{- \" b \" -}} c", 1)).isEqualTo("a b c");
    assertThat(render("{{/* a comment */}}x", 1)).isEqualTo("x");
  }

  @Test
  void humanizeFunctionsMatchPrometheus() throws Exception {
    assertThat(render("{{ humanize $value }}", 1234567)).isEqualTo("1.235M");
    assertThat(render("{{ humanize $value }}", 1000)).isEqualTo("1k");
    assertThat(render("{{ humanize $value }}", 0.00123)).isEqualTo("1.23m");
    assertThat(render("{{ humanize $value }}", 0)).isEqualTo("0");
    assertThat(render("{{ humanize1024 $value }}", 1048576)).isEqualTo("1Mi");
    assertThat(render("{{ humanize1024 $value }}", 1)).isEqualTo("1");
    assertThat(render("{{ $value | humanizePercentage }}", 0.1234)).isEqualTo("12.34%");
    assertThat(render("{{ humanizeDuration $value }}", 3661)).isEqualTo("1h 1m 1s");
    assertThat(render("{{ humanizeDuration $value }}", 90061)).isEqualTo("1d 1h 1m 1s");
    assertThat(render("{{ humanizeDuration $value }}", 1.5)).isEqualTo("1.5s");
    assertThat(render("{{ humanizeDuration $value }}", 0.5)).isEqualTo("500ms");
    assertThat(render("{{ humanize \"2048\" }}", 0)).isEqualTo("2.048k");
  }

  @Test
  void printfFormatsLikeGo() throws Exception {
    assertThat(render("{{ printf \"%.2f\" $value }}", 3.14159)).isEqualTo("3.14");
    assertThat(render("{{ printf \"%d requests\" $value }}", 5)).isEqualTo("5 requests");
    assertThat(render("{{ printf \"%s/%s\" $labels.job $labels.instance }}", 0))
        .isEqualTo("api/a:80");
    assertThat(render("{{ printf \"%5.1f%%\" $value }}", 9.96)).isEqualTo(" 10.0%");
    assertThat(render("{{ printf \"%g\" $value }}", 0.00001)).isEqualTo("1e-05");
    assertThat(render("{{ printf \"%q\" $labels.job }}", 0)).isEqualTo("\"api\"");
    assertThat(render("{{ $labels.job | toUpper }}", 0)).isEqualTo("API");
  }

  @Test
  void functionErrorsRenderAsPrometheusDoes() throws Exception {
    assertThat(render("{{ humanize $labels.job }}", 0))
        .isEqualTo(
            "<error expanding template: strconv.ParseFloat: parsing \"api\": invalid syntax>");
  }

  @Test
  void unsupportedOrBrokenTemplatesFailAtParseWithTheirOffset() {
    assertThatThrownBy(() -> Template.parse("x {{ if $value }}y{{ end }}"))
        .hasMessage("unsupported template action 'if'")
        .extracting(e -> ((Template.ParseException) e).offset())
        .isEqualTo(5);
    assertThatThrownBy(() -> Template.parse("{{ $foo }}"))
        .hasMessage("undefined variable \"$foo\"");
    assertThatThrownBy(() -> Template.parse("{{ humanize }}"))
        .hasMessage("wrong number of args for humanize: want 1 got 0");
    assertThatThrownBy(() -> Template.parse("{{ $value | $labels }}"))
        .hasMessage("can't give argument to non-function $labels in pipeline");
    assertThatThrownBy(() -> Template.parse("{{ .Foo }}"))
        .hasMessage(
            "unknown field 'Foo': templates see .Value, .Labels, .ExternalLabels, .ExternalURL");
    assertThatThrownBy(() -> Template.parse("{{ \"open }}"))
        .hasMessageStartingWith("unclosed action");
  }
}
