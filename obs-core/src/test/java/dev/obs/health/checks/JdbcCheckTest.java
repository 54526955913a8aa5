package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class JdbcCheckTest {

  private static PGSimpleDataSource postgres(int port) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {Services.POSTGRES_HOST});
    dataSource.setPortNumbers(new int[] {port});
    dataSource.setUser("postgres");
    dataSource.setDatabaseName("test");
    dataSource.setConnectTimeout(2);
    return dataSource;
  }

  @Test
  void postgresIsUpWithProductNameVersionAndLatency() throws Exception {
    Services.requirePostgres();

    HealthResult result = HealthChecks.jdbc(postgres(Services.POSTGRES_PORT)).check();

    assertThat(result.status()).isEqualTo(HealthStatus.UP);
    assertThat(result.details())
        .containsEntry("database", "PostgreSQL")
        .containsKeys("version", "latency_ms");
    assertThat((String) result.details().get("version")).matches("\\d+\\.\\d+.*");
    assertThat((double) result.details().get("latency_ms")).isNotNegative();
  }

  @Test
  void postgresValidationQueryIsUp() throws Exception {
    Services.requirePostgres();

    HealthResult result =
        HealthChecks.jdbc(postgres(Services.POSTGRES_PORT), "SELECT 1", Duration.ofMillis(500))
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.UP);
    assertThat(result.details()).containsEntry("database", "PostgreSQL");
  }

  @Test
  void failingValidationQueryIsDownWithTheDatabaseMessage() throws Exception {
    Services.requirePostgres();

    HealthResult result = HealthChecks.jdbc(postgres(Services.POSTGRES_PORT), "SELECT 1/0").check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo("validation query 'SELECT 1/0' failed: ERROR: division by zero");
  }

  @Test
  void closedPortIsDownWithTheDriverMessage() throws Exception {
    int port = Loopback.closedPort();

    HealthResult result = HealthChecks.jdbc(postgres(port)).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo(
            "cannot get a connection: Connection to 127.0.0.1:"
                + port
                + " refused. Check that the hostname and port are correct and that the postmaster"
                + " is accepting TCP/IP connections.");
  }

  @Test
  void anyDataSourceWorksWithoutADriverAtCompileTime() throws Exception {
    try (H2 h2 = new H2()) {
      HealthResult valid = HealthChecks.jdbc(h2.dataSource).check();
      HealthResult query = HealthChecks.jdbc(h2.dataSource, "SELECT 1").check();

      assertThat(valid.status()).isEqualTo(HealthStatus.UP);
      assertThat(valid.details()).containsEntry("database", "H2");
      assertThat(query.status()).isEqualTo(HealthStatus.UP);
    }
  }

  @Test
  void invalidArgumentsAreRejectedWithTheRule() {
    JdbcDataSource unused = new JdbcDataSource();

    assertThatThrownBy(() -> HealthChecks.jdbc(unused, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("validationQuery must not be blank, like SELECT 1");
    assertThatThrownBy(() -> HealthChecks.jdbc(unused, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be a positive duration like 2s, got PT-1S");
  }
}
