package dev.obs.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void labelsAreSortedByNameAndDropEmptyValues() {
    Labels l = Labels.of("job", "api", "__name__", "up", "empty", "");
    assertThat(l.asMap()).containsExactly(Map.entry("__name__", "up"), Map.entry("job", "api"));
    assertThat(l.name()).isEqualTo("up");
    assertThat(l.get("job")).isEqualTo("api");
    assertThat(l.get("empty")).isNull();
    assertThat(l).isEqualTo(Labels.of(Map.of("__name__", "up", "job", "api")));
    assertThat(l).hasSameHashCodeAs(Labels.of(Map.of("job", "api", "__name__", "up")));
  }

  @Test
  void printsAsPrometheusDoes() {
    assertThat(Labels.of("__name__", "up", "b", "x\"y", "a", "1"))
        .hasToString("up{a=\"1\", b=\"x\\\"y\"}");
    assertThat(Labels.empty()).hasToString("{}");
  }

  @Test
  void withoutKeepAndWith() {
    Labels l = Labels.of("__name__", "up", "a", "1", "b", "2");
    assertThat(l.without("a", "zz")).isEqualTo(Labels.of("__name__", "up", "b", "2"));
    assertThat(l.withoutName()).isEqualTo(Labels.of("a", "1", "b", "2"));
    assertThat(l.keep("b")).isEqualTo(Labels.of("b", "2"));
    assertThat(l.with("c", "3").asMap()).containsKeys("__name__", "a", "b", "c");
    assertThat(l.with("a", "")).isEqualTo(Labels.of("__name__", "up", "b", "2"));
  }

  @Test
  void compareLabelByLabelWithPrefixesFirst() {
    List<Labels> sorted =
        new ArrayList<>(
            List.of(
                Labels.of("a", "2"),
                Labels.of("a", "1", "b", "1"),
                Labels.of("a", "1"),
                Labels.of("b", "0")));
    sorted.sort(null);
    assertThat(sorted)
        .containsExactly(
            Labels.of("a", "1"),
            Labels.of("a", "1", "b", "1"),
            Labels.of("a", "2"),
            Labels.of("b", "0"));
  }

  @Test
  void rejectsOddArgumentsAndRepeatedNames() {
    assertThatThrownBy(() -> Labels.of("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels need names and values in pairs, got 1 strings");
    assertThatThrownBy(() -> Labels.of("a", "1", "a", "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label 'a' is given twice");
  }
}
