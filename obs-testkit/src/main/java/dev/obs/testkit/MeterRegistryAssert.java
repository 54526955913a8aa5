package dev.obs.testkit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the meters in a {@link MeterRegistry}. Obtain it from {@link
 * ObsAssertions#assertThat(MeterRegistry)}; select a meter with {@link #timer(String)}, {@link
 * #counter(String)} or {@link #gauge(String)}, narrow it with {@code withTag}, then assert its
 * values.
 *
 * <pre>{@code
 * assertThat(registry).hasMeter("http.server.requests").doesNotHaveMeter("jvm.memory.used");
 * assertThat(registry).timer("http.server.requests").withTag("uri", "/hello").hasCount(1);
 * }</pre>
 */
public final class MeterRegistryAssert extends AbstractAssert<MeterRegistryAssert, MeterRegistry> {

  MeterRegistryAssert(MeterRegistry registry) {
    super(registry, MeterRegistryAssert.class);
  }

  /**
   * Selects timers by name; narrow with {@link TimerAssert#withTag(String, String)}.
   *
   * @param name the meter name, such as {@code http.server.requests}
   * @return an assert on the timer
   */
  public TimerAssert timer(String name) {
    isNotNull();
    return new TimerAssert(actual, name);
  }

  /**
   * Selects counters by name; narrow with {@link CounterAssert#withTag(String, String)}.
   *
   * @param name the meter name, such as {@code obs.http.server.errors}
   * @return an assert on the counter
   */
  public CounterAssert counter(String name) {
    isNotNull();
    return new CounterAssert(actual, name);
  }

  /**
   * Selects gauges by name; narrow with {@link GaugeAssert#withTag(String, String)}.
   *
   * @param name the meter name
   * @return an assert on the gauge
   */
  public GaugeAssert gauge(String name) {
    isNotNull();
    return new GaugeAssert(actual, name);
  }

  /**
   * Verifies that at least one meter of any type has the name.
   *
   * @param name the meter name
   * @return this assert
   * @throws AssertionError when no meter has the name; the message lists the registered names
   */
  public MeterRegistryAssert hasMeter(String name) {
    isNotNull();
    if (actual.find(name).meters().isEmpty()) {
      throw Failures.failed(
          info,
          "%s",
          "Expected a meter named '"
              + name
              + "' but found none"
              + MeterNames.suggestions(actual, name));
    }
    return this;
  }

  /**
   * Verifies that no meter of any type has the name.
   *
   * @param name the meter name
   * @return this assert
   * @throws AssertionError when a meter has the name; the message lists them with their tags
   */
  public MeterRegistryAssert doesNotHaveMeter(String name) {
    isNotNull();
    List<Meter> found = List.copyOf(actual.find(name).meters());
    if (!found.isEmpty()) {
      throw Failures.failed(
          info,
          "%s",
          "Expected no meter named '"
              + name
              + "' but found "
              + found.size()
              + ": "
              + MeterFormat.typedTagLists(found));
    }
    return this;
  }
}
