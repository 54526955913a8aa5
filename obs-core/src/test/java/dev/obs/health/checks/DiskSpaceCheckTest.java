package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceCheckTest {
  @TempDir Path dir;

  @Test
  void enoughFreeBytesIsUpWithSizes() throws Exception {
    HealthResult result = HealthChecks.diskSpace(dir, 1).check();

    assertThat(result.status()).isEqualTo(HealthStatus.UP);
    assertThat(result.details())
        .containsEntry("path", dir.toString())
        .containsEntry("threshold_bytes", 1L)
        .containsKeys("free_bytes", "total_bytes", "free_percent");
    assertThat((long) result.details().get("total_bytes"))
        .isGreaterThanOrEqualTo((long) result.details().get("free_bytes"));
  }

  @Test
  void tooFewFreeBytesIsDownWithSizesInTheMessage() throws Exception {
    HealthResult result = HealthChecks.diskSpace(dir, Long.MAX_VALUE).check();

    long free = (long) result.details().get("free_bytes");
    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo("free space " + Units.bytes(free) + " is below the threshold 8.0 EB on " + dir);
  }

  @Test
  void percentThresholdIsUpWhenMetAndDownWhenNot() throws Exception {
    HealthResult up = HealthChecks.diskSpaceFreePercent(dir, 0).check();
    HealthResult down = HealthChecks.diskSpaceFreePercent(dir, 100).check();

    assertThat(up.status()).isEqualTo(HealthStatus.UP);
    assertThat(up.details()).containsEntry("threshold_percent", 0.0);
    long free = (long) down.details().get("free_bytes");
    long total = (long) down.details().get("total_bytes");
    assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(down.message())
        .isEqualTo(
            "free space "
                + Units.bytes(free)
                + " ("
                + Units.number(100.0 * free / total)
                + "%) is below the threshold 100% on "
                + dir);
  }

  @Test
  void missingPathIsDownNamingIt() throws Exception {
    Path missing = dir.resolve("not-there");

    HealthResult result = HealthChecks.diskSpace(missing, 1).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message()).isEqualTo("path " + missing + " does not exist");
  }

  @Test
  void invalidThresholdsAreRejectedWithTheRule() {
    assertThatThrownBy(() -> HealthChecks.diskSpace(dir, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minFreeBytes must be 0 or more, got -1");
    assertThatThrownBy(() -> HealthChecks.diskSpaceFreePercent(dir, 101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minFreePercent must be between 0 and 100, got 101.0");
  }
}
