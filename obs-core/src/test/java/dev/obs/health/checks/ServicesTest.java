package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ServicesTest {

  @Test
  void unreachableServiceSkipsTheTestNamingIt() {
    int port = Loopback.closedPort();

    assertThatThrownBy(() -> Services.require("PostgreSQL", "127.0.0.1", port, false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage(
            "PostgreSQL is not reachable at 127.0.0.1:"
                + port
                + " (Connection refused); skipped (set OBS_REQUIRE_SERVICES=1 to fail instead)");
  }

  @Test
  void unreachableServiceFailsTheTestWhenServicesAreRequired() {
    int port = Loopback.closedPort();

    assertThatThrownBy(() -> Services.require("Redis", "127.0.0.1", port, true))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "Redis is not reachable at 127.0.0.1:"
                + port
                + " (Connection refused); OBS_REQUIRE_SERVICES=1 requires it");
  }
}
