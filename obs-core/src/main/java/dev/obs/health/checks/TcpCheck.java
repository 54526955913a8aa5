package dev.obs.health.checks;

import dev.obs.health.HealthCheck;
import dev.obs.health.HealthResult;
import java.net.Socket;
import java.time.Duration;

/** Opens and closes a TCP connection. */
final class TcpCheck implements HealthCheck {
  private final String host;
  private final int port;
  private final Duration timeout;

  TcpCheck(String host, int port, Duration timeout) {
    this.host = Units.host(host);
    this.port = Units.port(port);
    this.timeout = Units.positive("timeout", timeout);
  }

  @Override
  public HealthResult check() {
    long start = System.nanoTime();
    Socket socket;
    try {
      socket = Endpoint.connect(host + ":" + port, host, port, timeout, false);
    } catch (CheckFailure e) {
      return HealthResult.down(e.getMessage());
    }
    double latency = Units.millisSince(start);
    Endpoint.closeQuietly(socket);
    return HealthResult.up().withDetail("latency_ms", latency);
  }
}
