package com.example.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;

import dev.obs.testkit.ObsExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ObsExtension.class)
class RecordingTest {
  @Test
  void countsAnOrder(MeterRegistry registry) {
    registry.counter("orders.placed").increment();

    assertThat(registry).counter("orders.placed").hasCount(1);
  }
}
