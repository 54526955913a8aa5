package dev.obs.testkit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Assertions on the one {@link Gauge} with a name and the tags given so far; the gauge is read when
 * the assertion runs. Obtain it from {@link MeterRegistryAssert#gauge(String)}.
 *
 * <pre>{@code
 * assertThat(registry).gauge("jobs.queued").withTag("queue", "mail").hasValue(3);
 * }</pre>
 */
public final class GaugeAssert extends AbstractMeterAssert<GaugeAssert, Gauge> {

  GaugeAssert(MeterRegistry registry, String name) {
    super(registry, name, MeterKind.GAUGE, GaugeAssert.class);
  }

  /**
   * Verifies the gauge's current value, exactly.
   *
   * @param expected the expected value
   * @return this assert
   * @throws AssertionError when the value differs or no single gauge matches
   */
  public GaugeAssert hasValue(double expected) {
    Gauge gauge = meter();
    double value = gauge.value();
    String want = MeterFormat.number(expected);
    check(
        Double.compare(value, expected) == 0,
        gauge,
        "have value " + want,
        want,
        MeterFormat.number(value));
    return this;
  }

  /**
   * Verifies that the gauge's current value is within a tolerance of the expected one.
   *
   * @param expected the expected value
   * @param tolerance the largest accepted difference, zero or more
   * @return this assert
   * @throws IllegalArgumentException when the tolerance is negative or not a number
   * @throws AssertionError when the value is farther off or no single gauge matches
   */
  public GaugeAssert hasValueCloseTo(double expected, double tolerance) {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance must be zero or more, got " + tolerance);
    }
    Gauge gauge = meter();
    double value = gauge.value();
    String want = MeterFormat.number(expected) + " ± " + MeterFormat.number(tolerance);
    check(
        Math.abs(value - expected) <= tolerance,
        gauge,
        "have value " + want,
        want,
        MeterFormat.number(value));
    return this;
  }
}
