package dev.obs.health.checks;

import dev.obs.health.HealthCheck;
import dev.obs.health.HealthResult;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Speaks RESP over one short-lived socket: optional {@code AUTH} and {@code SELECT}, {@code PING},
 * then {@code INFO server} and {@code INFO memory} for the details.
 */
final class RedisCheck implements HealthCheck {
  private final RedisCheckOptions options;
  private final String where;

  RedisCheck(RedisCheckOptions options) {
    this.options = options;
    this.where = "Redis at " + options.host() + ":" + options.port();
  }

  @Override
  public HealthResult check() {
    long start = System.nanoTime();
    try (Socket socket =
        Endpoint.connect(where, options.host(), options.port(), options.timeout(), options.tls())) {
      Resp resp = new Resp(socket.getInputStream(), socket.getOutputStream());
      String password = options.password();
      if (password != null) {
        String username = options.username();
        expectOk(
            resp,
            "AUTH",
            username == null
                ? new String[] {"AUTH", password}
                : new String[] {"AUTH", username, password});
      }
      if (options.database() != 0) {
        String select = "SELECT " + options.database();
        expectOk(resp, select, "SELECT", String.valueOf(options.database()));
      }
      Object pong = call(resp, "PING", "PING");
      if (!"PONG".equals(pong)) {
        throw new CheckFailure(where + " answered PING with " + describe(pong) + ", expected PONG");
      }
      double latency = Units.millisSince(start);
      Map<String, String> server = info(resp, "server");
      Map<String, String> memory = info(resp, "memory");
      return HealthResult.up().withDetails(details(server, memory, latency));
    } catch (CheckFailure e) {
      return HealthResult.down(e.getMessage());
    } catch (IOException e) {
      // only closing the socket gets here; the answers were already read
      return HealthResult.down(where + ": " + e.getMessage());
    }
  }

  private Map<String, Object> details(
      Map<String, String> server, Map<String, String> memory, double latency) {
    Map<String, Object> details = new LinkedHashMap<>();
    String version = server.get("redis_version");
    if (version != null) {
      details.put("redis_version", version);
    }
    if (options.database() != 0) {
      details.put("database", options.database());
    }
    Long used = number(memory.get("used_memory"));
    Long max = number(memory.get("maxmemory"));
    if (used != null) {
      details.put("used_memory_bytes", used);
    }
    if (max != null) {
      details.put("maxmemory_bytes", max);
      if (used != null && max > 0) {
        details.put("memory_used_ratio", Units.ratio((double) used / max));
      }
    }
    details.put("latency_ms", latency);
    return details;
  }

  private Map<String, String> info(Resp resp, String section) throws CheckFailure {
    Object reply = send(resp, "INFO " + section, "INFO", section);
    if (reply instanceof Resp.Error) {
      // an ACL user may be denied INFO (NOPERM); PING already proved the server answers
      return Map.of();
    }
    if (!(reply instanceof String)) {
      throw new CheckFailure(
          where + " answered INFO " + section + " with " + describe(reply) + ", expected text");
    }
    Map<String, String> values = new HashMap<>();
    for (String line : ((String) reply).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        values.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return values;
  }

  private void expectOk(Resp resp, String label, String... command) throws CheckFailure {
    Object reply = call(resp, label, command);
    if (!"OK".equals(reply)) {
      throw new CheckFailure(where + " answered " + label + " with " + describe(reply));
    }
  }

  /** Sends a command; an error reply, a timeout or a broken connection become a CheckFailure. */
  private @Nullable Object call(Resp resp, String label, String... command) throws CheckFailure {
    Object reply = send(resp, label, command);
    if (reply instanceof Resp.Error) {
      throw new CheckFailure(where + " rejected " + label + ": " + ((Resp.Error) reply).text());
    }
    return reply;
  }

  /** Sends a command; a timeout or a broken connection become a CheckFailure. */
  private @Nullable Object send(Resp resp, String label, String... command) throws CheckFailure {
    try {
      return resp.call(command);
    } catch (SocketTimeoutException e) {
      throw new CheckFailure(
          where + " did not answer " + label + " within " + Units.millis(options.timeout()));
    } catch (IOException e) {
      throw new CheckFailure(where + " failed during " + label + ": " + e.getMessage());
    }
  }

  private static String describe(@Nullable Object reply) {
    return reply == null ? "nil" : "'" + reply + "'";
  }

  private static @Nullable Long number(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
