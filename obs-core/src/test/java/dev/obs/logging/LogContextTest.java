package dev.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {
  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void scopesSetTheContextAndRestoreThePreviousValue() {
    try (LogContext.Scope outer = LogContext.user("u-1")) {
      try (LogContext.Scope inner = LogContext.user("u-2");
          LogContext.Scope org = LogContext.org("o-1");
          LogContext.Scope session = LogContext.session("s-1")) {
        assertThat(MDC.get("user_id")).isEqualTo("u-2");
        assertThat(MDC.get("org_id")).isEqualTo("o-1");
        assertThat(MDC.get("session_id")).isEqualTo("s-1");
      }
      assertThat(MDC.get("user_id")).isEqualTo("u-1");
      assertThat(MDC.get("org_id")).isNull();
      assertThat(MDC.get("session_id")).isNull();
    }
    assertThat(MDC.get("user_id")).isNull();
  }

  @Test
  void closingAScopeTwiceRestoresOnlyOnce() {
    LogContext.Scope first = LogContext.user("u-1");
    first.close();
    LogContext.Scope second = LogContext.user("u-2");
    first.close();

    assertThat(MDC.get("user_id")).isEqualTo("u-2");
    second.close();
  }

  @Test
  void clearRemovesUserOrgAndSessionButNotTheRequestId() {
    MDC.put(LogFields.REQUEST_ID, "r-1");
    LogContext.user("u-1");
    LogContext.org("o-1");
    LogContext.session("s-1");

    LogContext.clear();

    assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request_id", "r-1"));
  }

  @Test
  void contextDoesNotLeakIntoTheNextRequestOnAPooledThread() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Captured logs = Captured.logger("leak.test", LoggingOptions.defaults())) {
      Future<?> first =
          pool.submit(
              () -> {
                try (LogContext.Scope user = LogContext.user("u-1");
                    LogContext.Scope org = LogContext.org("o-1")) {
                  logs.slf4j().info("first request");
                  throw new IllegalStateException("handler failed");
                }
              });
      assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IllegalStateException.class);
      pool.submit(() -> logs.slf4j().info("second request")).get(10, TimeUnit.SECONDS);

      assertThat(Captured.parse(logs.output.get(0)))
          .containsEntry("user_id", "u-1")
          .containsEntry("org_id", "o-1");
      assertThat(Captured.parse(logs.output.get(1))).doesNotContainKeys("user_id", "org_id");
    } finally {
      pool.shutdownNow();
    }
  }
}
