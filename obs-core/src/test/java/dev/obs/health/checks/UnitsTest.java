package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void sizesUseBinaryUnitsWithOneDecimal() {
    assertThat(Units.bytes(0)).isEqualTo("0 B");
    assertThat(Units.bytes(1023)).isEqualTo("1023 B");
    assertThat(Units.bytes(1536)).isEqualTo("1.5 KB");
    assertThat(Units.bytes(1_288_490_189L)).isEqualTo("1.2 GB");
    assertThat(Units.bytes(2L << 30)).isEqualTo("2.0 GB");
    assertThat(Units.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EB");
  }

  @Test
  void percentagesKeepThreeSignificantDigits() {
    assertThat(Units.percent(0.9123)).isEqualTo("91.2%");
    assertThat(Units.percent(0.9)).isEqualTo("90%");
    assertThat(Units.percent(1)).isEqualTo("100%");
    assertThat(Units.percent(0.0000001)).isEqualTo("0.00001%");
    assertThat(Units.percent(0)).isEqualTo("0%");
  }

  @Test
  void jdbcTimeoutsRoundUpToWholeSeconds() {
    assertThat(Units.seconds(Duration.ofMillis(300))).isEqualTo(1);
    assertThat(Units.seconds(Duration.ofSeconds(2))).isEqualTo(2);
    assertThat(Units.seconds(Duration.ofMillis(2001))).isEqualTo(3);
  }

  @Test
  void countsAgreeInNumber() {
    assertThat(Units.count(1, "migration")).isEqualTo("1 migration");
    assertThat(Units.count(0, "migration")).isEqualTo("0 migrations");
  }
}
