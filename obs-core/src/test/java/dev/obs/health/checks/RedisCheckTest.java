package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

class RedisCheckTest {

  private static RedisCheckOptions.Builder redisAt(int port) {
    return RedisCheckOptions.builder().host("127.0.0.1").port(port);
  }

  @Test
  void redisIsUpWithMemoryVersionAndLatency() throws Exception {
    Services.requireRedis();

    HealthResult result = HealthChecks.redis(redisAt(Services.REDIS_PORT).build()).check();

    assertThat(result.status()).isEqualTo(HealthStatus.UP);
    assertThat(result.message()).isNull();
    assertThat(result.details())
        .containsKeys("redis_version", "used_memory_bytes", "maxmemory_bytes", "latency_ms");
    assertThat((long) result.details().get("used_memory_bytes")).isPositive();
    assertThat((long) result.details().get("maxmemory_bytes")).isNotNegative();
    assertThat((String) result.details().get("redis_version")).matches("\\d+\\.\\d+.*");
    if ((long) result.details().get("maxmemory_bytes") > 0) {
      assertThat(result.details()).containsKey("memory_used_ratio");
    }
  }

  @Test
  void closedPortIsDownSayingTheConnectionWasRefused() throws Exception {
    int port = Loopback.closedPort();

    HealthResult result = HealthChecks.redis(redisAt(port).build()).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo("cannot connect to Redis at 127.0.0.1:" + port + ": Connection refused");
  }

  @Test
  void peerThatNeverAnswersIsDownAfterTheCheckTimeout() throws Exception {
    try (Loopback.HangingServer hanging = new Loopback.HangingServer()) {
      HealthResult result =
          HealthChecks.redis(redisAt(hanging.port()).timeout(Duration.ofMillis(300)).build())
              .check();

      assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(result.message())
          .isEqualTo("Redis at 127.0.0.1:" + hanging.port() + " did not answer PING within 300 ms");
    }
  }

  @Test
  void optionsAreValidatedWhenBuilt() {
    assertThatThrownBy(() -> RedisCheckOptions.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("host is required; call host(\"redis.example\")");
    assertThatThrownBy(() -> redisAt(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 1 and 65535, got 0");
    assertThatThrownBy(() -> redisAt(6379).database(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database must be 0 or more, got -1");
    assertThatThrownBy(() -> redisAt(6379).username("app").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("username 'app' needs a password; AUTH takes both");
  }

  @Test
  void passwordNeverAppearsInToString() {
    RedisCheckOptions options = redisAt(6379).password("secret").build();

    assertThat(options.toString()).doesNotContain("secret").contains("password=****");
  }

  /** A redis-server of our own that requires a password, on a free loopback port. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithPassword {
    private Process server;
    private Path log;
    private int port;

    @BeforeAll
    void startRedisServer() throws Exception {
      Path binary = Services.requireRedisServer();
      port = Loopback.closedPort();
      log = Files.createTempFile("redis-server-", ".log");
      server =
          new ProcessBuilder(
                  binary.toString(),
                  "--port",
                  String.valueOf(port),
                  "--bind",
                  "127.0.0.1",
                  "--requirepass",
                  "secret",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  log.getParent().toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!accepts(port)) {
        // waitFor doubles as the pause between attempts and notices a server that exited
        if (server.waitFor(20, TimeUnit.MILLISECONDS) || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "redis-server did not start listening on 127.0.0.1:"
                  + port
                  + " within 10 s; its log:\n"
                  + Files.readString(log));
        }
      }
    }

    @AfterAll
    void stopRedisServer() throws Exception {
      if (server != null) {
        server.destroy();
        if (!server.waitFor(5, TimeUnit.SECONDS)) {
          server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
      if (log != null) {
        Files.deleteIfExists(log);
      }
    }

    private boolean accepts(int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    @Test
    void rightPasswordIsUp() throws Exception {
      HealthResult result = HealthChecks.redis(redisAt(port).password("secret").build()).check();

      assertThat(result.status()).isEqualTo(HealthStatus.UP);
      assertThat(result.details()).containsKeys("used_memory_bytes", "redis_version");
    }

    @Test
    void aclUserWithPasswordIsUp() throws Exception {
      HealthResult result =
          HealthChecks.redis(redisAt(port).username("default").password("secret").build()).check();

      assertThat(result.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void wrongPasswordIsDownWithTheServerMessage() throws Exception {
      HealthResult result = HealthChecks.redis(redisAt(port).password("wrong").build()).check();

      assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(result.message())
          .isEqualTo(
              "Redis at 127.0.0.1:"
                  + port
                  + " rejected AUTH: WRONGPASS invalid username-password pair or user is"
                  + " disabled.");
    }

    @Test
    void noPasswordIsDownWithNoauth() throws Exception {
      HealthResult result = HealthChecks.redis(redisAt(port).build()).check();

      assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(result.message())
          .isEqualTo(
              "Redis at 127.0.0.1:" + port + " rejected PING: NOAUTH Authentication required.");
    }

    @Test
    void selectedDatabaseIsReported() throws Exception {
      HealthResult result =
          HealthChecks.redis(redisAt(port).password("secret").database(1).build()).check();

      assertThat(result.status()).isEqualTo(HealthStatus.UP);
      assertThat(result.details()).containsEntry("database", 1);
    }

    @Test
    void databaseOutOfRangeIsDownWithTheServerMessage() throws Exception {
      HealthResult result =
          HealthChecks.redis(redisAt(port).password("secret").database(99).build()).check();

      assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(result.message())
          .isEqualTo(
              "Redis at 127.0.0.1:" + port + " rejected SELECT 99: ERR DB index is out of range");
    }
  }
}
