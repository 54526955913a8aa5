package com.example.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;

import dev.obs.testkit.LogCapture;
import dev.obs.testkit.ObsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

@ExtendWith(ObsExtension.class)
class CheckoutLogsTest {
  private static final Logger log = LoggerFactory.getLogger("app.checkout");

  @Test
  void aSlowPaymentIsAWarningAndNothingWorse(LogCapture logs) {
    log.info("checkout started");
    log.warn("payment took {} ms", 1200);

    assertThat(logs).hasEventWith("logger", "app.checkout").withLevel("WARN");
    assertThat(logs).hasNoEventsAtOrAbove(Level.ERROR);
  }
}
