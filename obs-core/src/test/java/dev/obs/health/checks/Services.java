package dev.obs.health.checks;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's policy for tests that need a real service: skip with a message naming it when it
 * cannot be reached, unless {@code OBS_REQUIRE_SERVICES=1} (set by CI), which makes it a failure.
 */
final class Services {
  static final String POSTGRES_HOST = "127.0.0.1";
  static final int POSTGRES_PORT = 5432;
  static final String REDIS_HOST = "127.0.0.1";
  static final int REDIS_PORT = 6379;

  private Services() {}

  static void requirePostgres() {
    require("PostgreSQL", POSTGRES_HOST, POSTGRES_PORT);
  }

  static void requireRedis() {
    require("Redis", REDIS_HOST, REDIS_PORT);
  }

  /** Returns the {@code redis-server} executable found on the PATH. */
  static Path requireRedisServer() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, "redis-server");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    unavailable("the redis-server binary is not on the PATH", required());
    throw new AssertionError("unreachable");
  }

  private static void require(String service, String host, int port) {
    require(service, host, port, required());
  }

  /** Skips, or fails when {@code required}, unless {@code host:port} accepts a connection. */
  static void require(String service, String host, int port, boolean required) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
    } catch (IOException e) {
      unavailable(
          service + " is not reachable at " + host + ":" + port + " (" + e.getMessage() + ")",
          required);
    }
  }

  private static boolean required() {
    return "1".equals(System.getenv("OBS_REQUIRE_SERVICES"));
  }

  private static void unavailable(String why, boolean required) {
    if (required) {
      fail(why + "; OBS_REQUIRE_SERVICES=1 requires it");
    }
    Assumptions.abort(why + "; skipped (set OBS_REQUIRE_SERVICES=1 to fail instead)");
  }
}
