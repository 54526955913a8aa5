package dev.obs.spring;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's policy for tests that need a real service: skip with a message naming it when it
 * cannot be reached, unless {@code OBS_REQUIRE_SERVICES=1} (set by CI), which makes it a failure.
 */
final class Services {
  static final String REDIS_HOST = "127.0.0.1";
  static final int REDIS_PORT = 6379;

  private Services() {}

  static void requireRedis() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(REDIS_HOST, REDIS_PORT), 500);
    } catch (IOException e) {
      String why =
          "Redis is not reachable at "
              + REDIS_HOST
              + ":"
              + REDIS_PORT
              + " ("
              + e.getMessage()
              + ")";
      if ("1".equals(System.getenv("OBS_REQUIRE_SERVICES"))) {
        fail(why + "; OBS_REQUIRE_SERVICES=1 requires it");
      }
      Assumptions.abort(why + "; skipped (set OBS_REQUIRE_SERVICES=1 to fail instead)");
    }
  }
}
