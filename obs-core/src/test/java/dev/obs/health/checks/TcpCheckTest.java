package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpCheckTest {

  @Test
  void listeningPortIsUpWithLatency() throws Exception {
    try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      HealthResult result = HealthChecks.tcp("127.0.0.1", open.getLocalPort()).check();

      assertThat(result.status()).isEqualTo(HealthStatus.UP);
      assertThat(result.details()).containsOnlyKeys("latency_ms");
    }
  }

  @Test
  void closedPortIsDownSayingTheConnectionWasRefused() throws Exception {
    int port = Loopback.closedPort();

    HealthResult result = HealthChecks.tcp("127.0.0.1", port, Duration.ofMillis(300)).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo("cannot connect to 127.0.0.1:" + port + ": Connection refused");
  }

  @Test
  void unknownHostIsDownNamingIt() throws Exception {
    HealthResult result = HealthChecks.tcp("no-such-host.invalid", 5432).check();

    assertThat(result.message())
        .isEqualTo(
            "cannot connect to no-such-host.invalid:5432: unknown host no-such-host.invalid");
  }

  @Test
  void invalidArgumentsAreRejectedWithTheRule() {
    assertThatThrownBy(() -> HealthChecks.tcp("db", 70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 1 and 65535, got 70000");
    assertThatThrownBy(() -> HealthChecks.tcp(" ", 5432))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host must not be blank");
  }
}
