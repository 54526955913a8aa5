package dev.obs.testkit;

import java.util.function.DoubleSupplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.api.WritableAssertionInfo;

/**
 * The second half of a delta assertion: runs a block and verifies how much a counter or a timer's
 * count grew while it ran. Obtain it from {@link CounterAssert#increasesBy(double)} or {@link
 * TimerAssert#countIncreasesBy(long)}.
 *
 * <pre>{@code
 * assertThat(registry).counter("orders.placed").increasesBy(3).during(() -> shop.placeOrders(3));
 * }</pre>
 */
public final class MeterDelta {
  private final WritableAssertionInfo info;
  private final String selection;
  private final DoubleSupplier value;
  private final double expected;

  MeterDelta(WritableAssertionInfo info, String selection, DoubleSupplier value, double expected) {
    this.info = info;
    this.selection = selection;
    this.value = value;
    this.expected = expected;
  }

  /**
   * Runs the block and verifies the growth; a meter first registered inside the block counts as
   * having started at zero.
   *
   * @param block the code under test; an exception it throws fails the assertion with it as cause
   * @throws AssertionError when the growth differs, the block throws, or no single meter matches
   *     afterwards
   */
  public void during(ThrowingCallable block) {
    double before = value.getAsDouble();
    try {
      block.call();
    } catch (Throwable t) {
      org.opentest4j.AssertionFailedError failure =
          Failures.failed(
              info,
              "Expected the %s to increase by %s, but the block threw %s",
              selection,
              MeterFormat.number(expected),
              t);
      failure.initCause(t);
      throw failure;
    }
    double after = value.getAsDouble();
    double delta = after - before;
    if (Double.compare(delta, expected) != 0) {
      throw new org.opentest4j.AssertionFailedError(
          Failures.failed(
                  info,
                  "Expected the %s to increase by %s during the block, but it increased by %s (from"
                      + " %s to %s)",
                  selection,
                  MeterFormat.number(expected),
                  MeterFormat.number(delta),
                  MeterFormat.number(before),
                  MeterFormat.number(after))
              .getMessage(),
          MeterFormat.number(expected),
          MeterFormat.number(delta));
    }
  }
}
