package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

@ExtendWith(ObsExtension.class)
class LogCaptureInjectionTest {
  private LogCapture fromBeforeEach;

  @BeforeEach
  void remember(LogCapture logs) {
    fromBeforeEach = logs;
  }

  @Test
  void theInjectedCaptureIsOnePerTestAndSeesEveryLogger(LogCapture logs) {
    LoggerFactory.getLogger("app.orders").info("order placed");

    assertThat(logs).isSameAs(fromBeforeEach);
    assertThat(logs).hasEventWith("logger", "app.orders").withMessage("order placed");
  }

  @Test
  void aLevelThresholdFailsListingTheEventsAtOrAboveIt(LogCapture logs) {
    LoggerFactory.getLogger("app.orders").info("order placed");
    LoggerFactory.getLogger("app.orders").warn("stock low");

    assertThat(logs).hasNoEventsAtOrAbove(Level.ERROR);
    assertThatThrownBy(() -> assertThat(logs).hasNoEventsAtOrAbove(Level.WARN))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith(
            "Expecting no log event of all loggers at WARN or above, but found 1:")
        .hasMessageContaining("stock low")
        .hasMessageNotContaining("order placed");
  }
}
