package dev.obs.testkit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Assertions on the one {@link Counter} with a name and the tags given so far. Obtain it from
 * {@link MeterRegistryAssert#counter(String)}.
 *
 * <pre>{@code
 * assertThat(registry).counter("obs.http.server.errors").withTag("status", "503").hasCount(1);
 * }</pre>
 */
public final class CounterAssert extends AbstractMeterAssert<CounterAssert, Counter> {

  CounterAssert(MeterRegistry registry, String name) {
    super(registry, name, MeterKind.COUNTER, CounterAssert.class);
  }

  /**
   * Verifies the counter's cumulative count, exactly.
   *
   * @param expected the expected count
   * @return this assert
   * @throws AssertionError when the count differs or no single counter matches
   */
  public CounterAssert hasCount(double expected) {
    Counter counter = meter();
    double count = counter.count();
    String want = MeterFormat.number(expected);
    check(
        Double.compare(count, expected) == 0,
        counter,
        "have count " + want,
        want,
        MeterFormat.number(count));
    return this;
  }

  /**
   * Starts a delta assertion: the counter must grow by exactly this much while a block runs.
   *
   * <pre>{@code
   * assertThat(registry).counter("orders.placed").increasesBy(3).during(() -> shop.placeOrders(3));
   * }</pre>
   *
   * @param expected the expected growth
   * @return the delta assertion; call {@link MeterDelta#during} with the block
   */
  public MeterDelta increasesBy(double expected) {
    isNotNull();
    return new MeterDelta(
        info,
        selectionText(),
        () -> {
          Counter c = meterOrNull();
          return c == null ? 0 : c.count();
        },
        expected);
  }
}
