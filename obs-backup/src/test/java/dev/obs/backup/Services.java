package dev.obs.backup;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need PostgreSQL and its client tools skip with a message naming what is missing,
 * unless {@code OBS_REQUIRE_SERVICES=1}, which makes that a failure.
 */
final class Services {
  static final String POSTGRES_HOST = "127.0.0.1";
  static final int POSTGRES_PORT = 5432;

  private Services() {}

  static void requirePostgresAndTools() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(POSTGRES_HOST, POSTGRES_PORT), 500);
    } catch (IOException e) {
      unavailable(
          "PostgreSQL is not reachable at "
              + POSTGRES_HOST
              + ":"
              + POSTGRES_PORT
              + " ("
              + e.getMessage()
              + ")");
    }
    for (String tool : new String[] {"pg_dump", "pg_restore"}) {
      if (!onPath(tool)) {
        unavailable("the " + tool + " binary is not on the PATH");
      }
    }
  }

  static boolean onPath(String binary) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, binary))) {
          return true;
        }
      }
    }
    return false;
  }

  static void unavailable(String why) {
    if ("1".equals(System.getenv("OBS_REQUIRE_SERVICES"))) {
      fail(why + "; OBS_REQUIRE_SERVICES=1 requires it");
    }
    Assumptions.abort(why + "; skipped (set OBS_REQUIRE_SERVICES=1 to fail instead)");
  }
}
