package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationVersionTest {

  @Test
  void versionsCompareNumericallyPartByPart() {
    List<String> versions = new ArrayList<>(List.of("1.10", "2", "1.9", "1", "1.2.3", "10"));

    versions.sort(MigrationVersion.ORDER);

    assertThat(versions).containsExactly("1", "1.2.3", "1.9", "1.10", "2", "10");
  }

  @Test
  void trailingZerosAndUnderscoresDoNotMatter() {
    assertThat(MigrationVersion.compare("2", "2.0.0")).isZero();
    assertThat(MigrationVersion.compare("2_1", "2.1")).isZero();
  }

  @Test
  void onlyDigitsSeparatedByDotsOrUnderscoresAreValid() {
    assertThat(MigrationVersion.isValid("3")).isTrue();
    assertThat(MigrationVersion.isValid("2.1_4")).isTrue();
    assertThat(MigrationVersion.isValid("v3")).isFalse();
    assertThat(MigrationVersion.isValid("3.")).isFalse();
  }
}
