package dev.obs.testkit;

import static dev.obs.testkit.ObsAssertions.assertThat;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.health.CheckOptions;
import dev.obs.health.HealthCheck;
import dev.obs.health.HealthRegistry;
import dev.obs.health.HealthReport;
import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import dev.obs.health.Uptime;
import dev.obs.health.checks.HealthChecks;
import dev.obs.health.checks.HttpCheckOptions;
import dev.obs.health.checks.MigrationCheckOptions;
import dev.obs.health.checks.RedisCheckOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The snippets of docs/health.md, so that they compile and, where they can run here, work. */
class HealthDocExamplesTest {
  private Obs obs;

  @BeforeEach
  void build() {
    obs =
        Obs.builder()
            .jvmMetrics(false)
            .config(
                ObsConfig.of(Map.of("obs.health.timeout", "200ms", "obs.health.cache-ttl", "0s")))
            .build();
  }

  @AfterEach
  void close() {
    obs.health().close();
    obs.close();
  }

  /** "Registering checks": compiled, not run, since it needs a database, Redis and a peer. */
  static void registerBuiltInChecks(Obs obs, DataSource dataSource) {
    HealthRegistry health = obs.health();

    health.register("db", HealthChecks.jdbc(dataSource));
    health.register(
        "cache",
        HealthChecks.redis(RedisCheckOptions.builder().host("cache.internal").build()),
        CheckOptions.builder().critical(false).build());
    health.register(
        "heap",
        HealthChecks.heap(0.9),
        CheckOptions.builder().groups(CheckOptions.LIVENESS).build());
  }

  /** "Built-in checks": compiled, not run. */
  static void everyBuiltInCheck(HealthRegistry health, DataSource dataSource) {
    health.register("db", HealthChecks.jdbc(dataSource, "SELECT 1", Duration.ofSeconds(1)));
    health.register(
        "cache",
        HealthChecks.redis(
            RedisCheckOptions.builder()
                .host("cache.internal")
                .password(System.getenv("REDIS_PASSWORD"))
                .database(1)
                .timeout(Duration.ofMillis(500))
                .build()));
    health.register(
        "payments",
        HealthChecks.http(
            HttpCheckOptions.builder()
                .url("http://payments.internal/api/health")
                .url("http://payments.internal/health")
                .expectedStatuses(200, 204)
                .timeout(Duration.ofSeconds(1))
                .build()));
    health.register("search", HealthChecks.http(URI.create("http://search.internal:9200/")));
    health.register("smtp", HealthChecks.tcp("mail.internal", 25));
    health.register("disk", HealthChecks.diskSpaceFreePercent(Path.of("/data"), 10));
    health.register("uploads", HealthChecks.diskSpace(Path.of("/uploads"), 2L << 30));
    health.register(
        "schema",
        HealthChecks.flywayMigrations(
            dataSource, MigrationCheckOptions.builder().expectAtLeast("12").build()));
    health.register("changelog", HealthChecks.liquibaseMigrations(dataSource));
  }

  /** "Draining": compiled, not run; closing obs is the whole shutdown path. */
  static void shutDown(Obs obs) {
    obs.close(); // readiness DOWN, wait obs.health.drain, stop health threads, close meters
  }

  @Test
  void aCustomCheckWithOptionsReportsDegradedThroughItsGroup() {
    Queue<String> queue = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 1_500; i++) {
      queue.add("job-" + i);
    }

    HealthCheck queueCheck =
        () -> {
          int depth = queue.size();
          HealthResult result = HealthResult.up().withDetail("depth", depth);
          return depth < 1_000
              ? result
              : result.withStatus(HealthStatus.DEGRADED).withMessage("depth " + depth + " > 1000");
        };
    obs.health()
        .register(
            "mail-queue",
            queueCheck,
            CheckOptions.builder()
                .groups(CheckOptions.READINESS, "queues")
                .critical(false)
                .timeout(Duration.ofMillis(500))
                .cacheTtl(Duration.ofSeconds(5))
                .flapDamping(3, 2)
                .build());

    HealthReport queues = obs.health().checkGroup("queues");

    Assertions.assertThat(queues.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(queues)
        .isDegraded()
        .check("mail-queue")
        .isDegraded()
        .hasMessage("depth 1500 > 1000")
        .hasDetail("depth", 1500);
  }

  @Test
  void aCheckThatThrowsIsDownWithTheExceptionAsMessage() {
    obs.health()
        .register(
            "ledger",
            () -> {
              throw new java.io.IOException("connection reset");
            });

    assertThat(obs.health())
        .isDown()
        .check("ledger")
        .isDown()
        .hasMessage("java.io.IOException: connection reset");
  }

  @Test
  void theTcpCheckIsUpAgainstAListeningPort() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = server.getLocalPort();

      assertThat(HealthChecks.tcp("127.0.0.1", port).check()).isUp().hasDetailKey("latency_ms");
    }
  }

  @Test
  void uptimeIsAvailableForARegisteredCheck() {
    obs.health().register("db", HealthResult::up);
    obs.health().checkAll();

    Uptime uptime = obs.health().uptime("db");

    Assertions.assertThat(uptime).isNotNull();
    Assertions.assertThat(obs.health().uptime("missing")).isNull();
  }

  @Test
  void drainingTurnsReadinessDown() {
    obs.health().register("db", HealthResult::up);

    obs.health().startDraining();

    assertThat(obs.health().checkGroup(CheckOptions.READINESS))
        .isDown()
        .check("shutdown")
        .hasMessage("draining before shutdown");
  }
}
