package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void acceptsUpTo128SafeCharacters() {
    assertThat(RequestIds.isValid("abc-123_X.y:z")).isTrue();
    assertThat(RequestIds.isValid("a".repeat(128))).isTrue();
  }

  @Test
  void rejectsEmptyLongAndUnsafeIds() {
    assertThat(RequestIds.isValid(null)).isFalse();
    assertThat(RequestIds.isValid("")).isFalse();
    assertThat(RequestIds.isValid("a".repeat(129))).isFalse();
    assertThat(RequestIds.isValid("a".repeat(10_240))).isFalse();
    assertThat(RequestIds.isValid("abc\r\nX-Injected: yes")).isFalse();
    assertThat(RequestIds.isValid("abc\ndef")).isFalse();
    assertThat(RequestIds.isValid("abc def")).isFalse();
    assertThat(RequestIds.isValid("abc\"}")).isFalse();
    assertThat(RequestIds.isValid("caf\u00e9")).isFalse();
  }

  @Test
  void generatedIdsAre32HexCharactersAndDistinct() {
    String a = RequestIds.generate();
    String b = RequestIds.generate();

    assertThat(a).matches("[0-9a-f]{32}");
    assertThat(b).matches("[0-9a-f]{32}").isNotEqualTo(a);
    assertThat(RequestIds.isValid(a)).isTrue();
  }
}
