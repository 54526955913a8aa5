package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.logging.LogContext;
import dev.obs.logging.LoggingOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogCaptureTest {
  private final Logger log = LoggerFactory.getLogger("app.checkout");

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void capturesEventsAsTheProductionEncoderWritesThem() {
    try (LogCapture logs =
            LogCapture.logger("app", LoggingOptions.builder().service("shop").build());
        LogContext.Scope user = LogContext.user("u-7")) {
      MDC.put("request_id", "r-1");
      log.error("payment failed for password=hunter2", new IllegalStateException("declined"));

      assertThat(logs.lines()).hasSize(1);
      assertThat(logs.lines().get(0)).startsWith("{").endsWith("}").doesNotContain("\n");
      assertThat(logs.events().get(0))
          .containsEntry("logger", "app.checkout")
          .containsEntry("service", "shop")
          .containsEntry("user_id", "u-7")
          .containsEntry("message", "payment failed for password=****");
      assertThat(logs)
          .hasEventWith("request_id", "r-1")
          .withLevel("error")
          .withMessageContaining("payment failed")
          .withField("stack_trace")
          .doesNotContain("hunter2");
      assertThat(logs).doesNotContain("hunter2");
    }
  }

  @Test
  void closingDetachesAndClearForgets() {
    LogCapture logs = LogCapture.logger("app");
    log.info("one");
    logs.clear();
    log.info("two");
    logs.close();
    log.info("three");

    assertThat(logs).hasEventCount(1).hasEventWith("message", "two");
  }

  @Test
  void numbersMatchByValueOrText() {
    try (LogCapture logs = LogCapture.logger("app")) {
      log.atInfo().addKeyValue("status", 200).addKeyValue("duration_ms", 1.5).log("done");

      assertThat(logs).hasEventWith("status", 200).with("status", "200").with("duration_ms", 1.50);
      assertThat(logs).hasEventWith("status", 200L).hasCount(1);
    }
  }

  @Test
  void failureListsTheEventsThatMatchedSoFar() {
    try (LogCapture logs = LogCapture.logger("app")) {
      MDC.put("request_id", "r-1");
      log.info("first");
      log.warn("second");
      MDC.put("request_id", "r-2");
      log.error("other request");

      assertThatThrownBy(
              () -> assertThat(logs).hasEventWith("request_id", "r-1").withLevel("ERROR"))
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              "Expecting a log event of logger 'app' with request_id=\"r-1\" and level=\"ERROR\","
                  + " but the 2 with request_id=\"r-1\" were:%n"
                  + "  INFO app.checkout: first {request_id=r-1}%n"
                  + "  WARN app.checkout: second {request_id=r-1}",
              new Object[0]);
    }
  }

  @Test
  void failureListsAllCapturedEventsWhenNoneHasTheField() {
    try (LogCapture logs = LogCapture.logger("app")) {
      log.info("line\none");

      assertThatThrownBy(() -> assertThat(logs).hasEventWith("request_id", "r-9"))
          .hasMessage(
              "Expecting a log event of logger 'app' with request_id=\"r-9\", but none of the 1"
                  + " captured has it:%n  INFO app.checkout: line\\none",
              new Object[0]);
      assertThatThrownBy(() -> assertThat(logs).hasEventCount(2))
          .hasMessage(
              "Expecting 2 log events of logger 'app', but 1 were captured:%n"
                  + "  INFO app.checkout: line\\none",
              new Object[0]);
    }
  }

  @Test
  void doesNotContainFailsWithTheLinesThatContainTheText() {
    try (LogCapture logs = LogCapture.logger("app")) {
      log.info("card 4242");

      assertThatThrownBy(() -> assertThat(logs).doesNotContain("4242"))
          .hasMessage(
              "Expecting no log line of logger 'app' to contain \"4242\", but these do:%n"
                  + "  INFO app.checkout: card 4242",
              new Object[0]);
    }
  }

  @Test
  void allEventsHaveAndHasNoEventWith() {
    try (LogCapture logs = LogCapture.logger("app")) {
      MDC.put("request_id", "r-1");
      log.info("a");
      log.info("b");
      MDC.remove("request_id");
      log.info("c");

      assertThat(logs).hasNoEventWith("request_id", "r-2");
      assertThatThrownBy(() -> assertThat(logs).allEventsHave("request_id", "r-1"))
          .hasMessage(
              "Expecting every log event of logger 'app' to have request_id=\"r-1\", but these"
                  + " do not:%n  INFO app.checkout: c",
              new Object[0]);
      assertThatThrownBy(() -> assertThat(logs).hasNoEventWith("request_id", "r-1"))
          .hasMessageStartingWith(
              "Expecting no log event of logger 'app' with request_id=\"r-1\", but found:");
    }
  }
}
