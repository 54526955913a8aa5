package dev.obs.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternsTest {

  @Test
  void exactSubtreeAndSegmentGlobPatternsMatch() {
    PathPatterns patterns =
        new PathPatterns(List.of("/metrics", "/obs/**", "/assets/*.js", "/€uro"));

    assertThat(patterns.matches("/metrics")).isTrue();
    assertThat(patterns.matches("/obs")).isTrue();
    assertThat(patterns.matches("/obs/admin/silences")).isTrue();
    assertThat(patterns.matches("/assets/app.js")).isTrue();
    assertThat(patterns.matches("/€uro")).isTrue();
    assertThat(patterns.matches("/assets/deep/app.js")).isFalse();
    assertThat(patterns.matches("/metricsx")).isFalse();
    assertThat(patterns.matches("/observe")).isFalse();
    assertThat(patterns.matches("/users/7")).isFalse();
    assertThat(patterns.matches("/")).isFalse();
    assertThat(patterns.matches("/m")).isFalse();
  }

  @Test
  void patternsStartingWithAWildcardStillMatchEveryFirstCharacter() {
    PathPatterns patterns = new PathPatterns(List.of("/*/internal", "/health"));

    assertThat(patterns.matches("/x/internal")).isTrue();
    assertThat(patterns.matches("/zz/internal")).isTrue();
    assertThat(patterns.matches("/health")).isTrue();
    assertThat(patterns.matches("/x/public")).isFalse();
  }

  @Test
  void theWholeTreeCanBeExcluded() {
    PathPatterns patterns = new PathPatterns(List.of("/**"));

    assertThat(patterns.matches("/")).isTrue();
    assertThat(patterns.matches("/anything/at/all")).isTrue();
  }
}
