package dev.obs.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  private final LatencyHistogram h =
      LatencyHistogram.of(new double[] {0.1, 0.5, 1}, new long[] {80, 15, 4, 1});

  @Test
  void quantilesInterpolateInsideTheirBucketLikeHistogramQuantile() {
    assertThat(h.total()).isEqualTo(100);
    assertThat(h.quantile(0.5)).isCloseTo(0.0625, within(1e-9));
    assertThat(h.quantile(0.95)).isCloseTo(0.5, within(1e-9));
    assertThat(h.quantile(0.99)).isCloseTo(1.0, within(1e-9));
    assertThat(h.quantile(0.9)).isCloseTo(0.1 + 0.4 * (10.0 / 15), within(1e-9));
  }

  @Test
  void aQuantileAboveTheLastBoundIsTheLastBoundAndAnEmptyHistogramHasNone() {
    LatencyHistogram slow = LatencyHistogram.of(new double[] {0.1}, new long[] {0, 5});
    assertThat(slow.quantile(0.5)).isEqualTo(0.1);
    assertThat(LatencyHistogram.empty().quantile(0.5)).isNaN();
  }

  @Test
  void histogramsWithTheSameBoundsAddBucketByBucket() {
    LatencyHistogram sum = h.plus(h);
    assertThat(sum.counts()).containsExactly(160L, 30L, 8L, 2L);
    assertThat(sum.quantile(0.5)).isCloseTo(h.quantile(0.5), within(1e-9));
  }

  @Test
  void histogramsWithDifferentBoundsKeepEveryBound() {
    LatencyHistogram other = LatencyHistogram.of(new double[] {0.25}, new long[] {3, 1});
    LatencyHistogram sum = h.plus(other);
    assertThat(sum.bounds()).containsExactly(0.1, 0.25, 0.5, 1.0);
    assertThat(sum.counts()).containsExactly(80L, 3L, 15L, 4L, 2L);
    assertThat(LatencyHistogram.empty().plus(h)).isEqualTo(h);
  }

  @Test
  void theTextFormRoundTrips() {
    assertThat(h.encode()).isEqualTo("0.1=80;0.5=15;1=4;+Inf=1");
    assertThat(LatencyHistogram.parse(h.encode())).isEqualTo(h);
    assertThat(LatencyHistogram.parse("+Inf=0")).isEqualTo(LatencyHistogram.empty());
  }

  @Test
  void malformedInputIsRejectedWithTheReason() {
    assertThatThrownBy(() -> LatencyHistogram.of(new double[] {0.5, 0.1}, new long[] {1, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bounds must be strictly increasing, got [0.5, 0.1]");
    assertThatThrownBy(() -> LatencyHistogram.of(new double[] {0.5}, new long[] {1}))
        .hasMessage("counts must have one more element than bounds, got 1 counts for 1 bounds");
    assertThatThrownBy(() -> LatencyHistogram.parse("0.1=2;+Inf=x"))
        .hasMessage("not a histogram: '0.1=2;+Inf=x'");
    assertThatThrownBy(() -> LatencyHistogram.parse("0.1=2;0.5=1"))
        .hasMessage("the last bucket must be +Inf in '0.1=2;0.5=1'");
  }
}
