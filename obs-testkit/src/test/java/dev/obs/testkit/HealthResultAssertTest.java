package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import org.junit.jupiter.api.Test;

class HealthResultAssertTest {

  @Test
  void passesOnStatusMessageAndDetails() {
    HealthResult result =
        HealthResult.down("connection refused")
            .withDetail("host", "localhost")
            .withDetail("port", 6379);

    assertThat(result)
        .isDown()
        .hasStatus(HealthStatus.DOWN)
        .hasMessage("connection refused")
        .hasMessageContaining("refused")
        .hasDetail("host", "localhost")
        .hasDetail("port", 6379)
        .hasDetailKey("port");
    assertThat(HealthResult.up()).isUp();
    assertThat(HealthResult.degraded("slow")).isDegraded();
  }

  @Test
  void numbersCompareByValueWhateverTheirType() {
    HealthResult result =
        HealthResult.up().withDetail("latency_ms", 12L).withDetail("used_ratio", 0.5);

    assertThat(result).hasDetail("latency_ms", 12).hasDetail("used_ratio", 0.50f);
    assertThatThrownBy(() -> assertThat(result).hasDetail("latency_ms", "12"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health result to have detail 'latency_ms' equal to \"12\" but was 12;"
                + " result: UP {latency_ms=12, used_ratio=0.5}");
  }

  @Test
  void aWrongStatusFailsWithTheResult() {
    HealthResult result = HealthResult.degraded("memory at 91%");

    assertThatThrownBy(() -> assertThat(result).isDown())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health result to be DOWN but was DEGRADED; result: DEGRADED \"memory at"
                + " 91%\"");
    assertThatThrownBy(() -> assertThat(HealthResult.down("refused")).isUp())
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected health result to be UP but was DOWN; result: DOWN \"refused\"");
  }

  @Test
  void aWrongOrMissingMessageFailsSayingWhatItWas() {
    assertThatThrownBy(() -> assertThat(HealthResult.down("refused")).hasMessage("timed out"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health result to have message \"timed out\" but was \"refused\"; result:"
                + " DOWN \"refused\"");
    assertThatThrownBy(() -> assertThat(HealthResult.up()).hasMessage("ok"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health result to have message \"ok\" but it has no message; result: UP");
    assertThatThrownBy(() -> assertThat(HealthResult.up()).hasMessageContaining("ok"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health result to have a message containing \"ok\" but it has no message;"
                + " result: UP");
  }

  @Test
  void aWrongOrMissingDetailFailsWithTheDetails() {
    HealthResult result = HealthResult.up().withDetail("database", "PostgreSQL");

    assertThatThrownBy(() -> assertThat(result).hasDetail("database", "MySQL"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health result to have detail 'database' equal to \"MySQL\" but was"
                + " \"PostgreSQL\"; result: UP {database=PostgreSQL}");
    assertThatThrownBy(() -> assertThat(result).hasDetailKey("latency_ms"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health result to have detail 'latency_ms' but it has none; result: UP"
                + " {database=PostgreSQL}");
    assertThatThrownBy(() -> assertThat(HealthResult.up()).hasDetail("version", 16))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected health result to have detail 'version' equal to 16 but it has no such"
                + " detail; result: UP");
  }
}
