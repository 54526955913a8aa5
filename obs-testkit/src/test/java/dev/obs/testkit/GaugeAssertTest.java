package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ObsExtension.class)
class GaugeAssertTest {

  private static AtomicInteger queued(MeterRegistry registry, String queue, int initial) {
    AtomicInteger value = new AtomicInteger(initial);
    Gauge.builder("jobs.queued", value, AtomicInteger::get)
        .tag("queue", queue)
        .strongReference(true)
        .register(registry);
    return value;
  }

  @Test
  void readsTheGaugeWhenTheAssertionRuns(MeterRegistry registry) {
    AtomicInteger mail = queued(registry, "mail", 3);
    queued(registry, "sms", 7);

    assertThat(registry).gauge("jobs.queued").withTag("queue", "mail").exists().hasValue(3);
    mail.set(5);
    assertThat(registry).gauge("jobs.queued").withTag("queue", "mail").hasValue(5);
  }

  @Test
  void wrongValueFailsWithExpectedActualAndMeterId(MeterRegistry registry) {
    queued(registry, "mail", 3);

    assertThatThrownBy(() -> assertThat(registry).gauge("jobs.queued").hasValue(4))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected gauge jobs.queued{queue=mail} to have value 4 but was 3");
  }

  @Test
  void valueCloseToPassesWithinTheToleranceAndFailsOutsideIt(MeterRegistry registry) {
    Gauge.builder("cpu.load", () -> 0.52).register(registry);

    assertThat(registry).gauge("cpu.load").hasValueCloseTo(0.5, 0.05);
    assertThatThrownBy(() -> assertThat(registry).gauge("cpu.load").hasValueCloseTo(0.5, 0.01))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected gauge cpu.load to have value 0.5 ± 0.01 but was 0.52");
  }

  @Test
  void negativeToleranceIsABadArgument(MeterRegistry registry) {
    assertThatThrownBy(() -> assertThat(registry).gauge("cpu.load").hasValueCloseTo(0.5, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tolerance must be zero or more, got -1.0");
  }

  @Test
  void severalMatchingGaugesFailListingThem(MeterRegistry registry) {
    queued(registry, "mail", 3);
    queued(registry, "sms", 7);

    assertThatThrownBy(() -> assertThat(registry).gauge("jobs.queued").hasValue(3))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected one gauge named 'jobs.queued' but found 2: [queue=mail], [queue=sms]. Add"
                + " withTag(key, value) for a tag that tells them apart: queue");
  }
}
