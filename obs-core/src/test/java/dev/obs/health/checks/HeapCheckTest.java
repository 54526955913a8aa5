package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapCheckTest {

  @Test
  void thresholdOfOneIsAlwaysUpWithHeapDetails() throws Exception {
    HealthResult result = HealthChecks.heap(1.0).check();

    assertThat(result.status()).isEqualTo(HealthStatus.UP);
    assertThat(result.details())
        .containsKeys("used_bytes", "max_bytes", "used_ratio", "measured")
        .containsEntry("threshold_ratio", 1.0);
    assertThat((long) result.details().get("used_bytes")).isPositive();
    assertThat((long) result.details().get("max_bytes"))
        .isGreaterThanOrEqualTo((long) result.details().get("used_bytes"));
  }

  @Test
  void usageAboveTheThresholdIsDegradedNotDown() throws Exception {
    HealthResult result = HealthChecks.heap(0.0000001).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
    long used = (long) result.details().get("used_bytes");
    long max = (long) result.details().get("max_bytes");
    String what =
        Map.of(
                "after_last_gc", "heap used after the last GC",
                "after_gc", "heap used after GC",
                "current", "heap in use")
            .get((String) result.details().get("measured"));
    assertThat(result.message())
        .isEqualTo(
            what
                + " "
                + Units.bytes(used)
                + " is "
                + Units.percent((double) used / max)
                + " of the maximum "
                + Units.bytes(max)
                + ", above the threshold 0.00001%");
  }

  @Test
  void thresholdOutsideZeroToOneIsRejected() {
    assertThatThrownBy(() -> HealthChecks.heap(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxUsedRatio must be greater than 0 and at most 1, like 0.9, got 0.0");
    assertThatThrownBy(() -> HealthChecks.heap(90))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxUsedRatio must be greater than 0 and at most 1, like 0.9, got 90.0");
  }
}
