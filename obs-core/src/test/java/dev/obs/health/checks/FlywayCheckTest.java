package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlywayCheckTest {
  private final H2 h2 = new H2();

  @AfterEach
  void shutDown() throws Exception {
    h2.close();
  }

  private Flyway flyway(String location) {
    return Flyway.configure().dataSource(h2.dataSource).locations(location).load();
  }

  @Test
  void appliedMigrationsAreUpWithCountAndLatestVersion() throws Exception {
    flyway("classpath:db/migration-ok").migrate();

    HealthResult result = HealthChecks.flywayMigrations(h2.dataSource).check();

    assertThat(result.status()).isEqualTo(HealthStatus.UP);
    assertThat(result.message()).isNull();
    assertThat(result.details()).containsEntry("applied", 3).containsEntry("latest_version", "3");
  }

  @Test
  void failedMigrationIsDownListingItsVersion() throws Exception {
    assertThatThrownBy(() -> flyway("classpath:db/migration-broken").migrate())
        .isInstanceOf(FlywayException.class);

    HealthResult result = HealthChecks.flywayMigrations(h2.dataSource).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo(
            "failed migrations in flyway_schema_history: 2 (broken); fix them and run flyway"
                + " repair");
    assertThat(result.details())
        .containsEntry("applied", 1)
        .containsEntry("latest_version", "1")
        .containsEntry("failed", List.of("2 (broken)"));
  }

  @Test
  void missingHistoryTableIsDown() throws Exception {
    HealthResult result = HealthChecks.flywayMigrations(h2.dataSource).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo(
            "migration history table flyway_schema_history not found (migrations not applied"
                + " yet?)");
  }

  @Test
  void latestVersionBelowTheExpectedOneIsDownAsPending() throws Exception {
    flyway("classpath:db/migration-ok").migrate();

    HealthResult result =
        HealthChecks.flywayMigrations(
                h2.dataSource, MigrationCheckOptions.builder().expectAtLeast("3.1").build())
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo("latest applied migration is 3, expected at least 3.1 (pending migrations?)");
    assertThat(result.details()).containsEntry("latest_version", "3");
  }

  @Test
  void expectationsThatAreMetAreUp() throws Exception {
    flyway("classpath:db/migration-ok").migrate();

    HealthResult result =
        HealthChecks.flywayMigrations(
                h2.dataSource,
                MigrationCheckOptions.builder()
                    .expectAtLeast("2_9")
                    .expectAppliedAtLeast(3)
                    .build())
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void fewerAppliedMigrationsThanExpectedIsDownAsPending() throws Exception {
    flyway("classpath:db/migration-ok").migrate();

    HealthResult result =
        HealthChecks.flywayMigrations(
                h2.dataSource, MigrationCheckOptions.builder().expectAppliedAtLeast(5).build())
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo("3 migrations applied, expected at least 5 (pending migrations?)");
  }

  @Test
  void historyInAnotherSchemaAndTableIsFoundWhenConfigured() throws Exception {
    Flyway.configure()
        .dataSource(h2.dataSource)
        .locations("classpath:db/migration-ok")
        .schemas("billing")
        .table("schema_history")
        .load()
        .migrate();

    HealthResult configured =
        HealthChecks.flywayMigrations(
                h2.dataSource,
                MigrationCheckOptions.builder().schema("billing").table("schema_history").build())
            .check();
    HealthResult defaults = HealthChecks.flywayMigrations(h2.dataSource).check();

    assertThat(configured.status()).isEqualTo(HealthStatus.UP);
    assertThat(configured.details()).containsEntry("applied", 3);
    assertThat(defaults.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(defaults.message())
        .isEqualTo(
            "migration history table flyway_schema_history not found (migrations not applied"
                + " yet?)");
  }

  @Test
  void missingTableInAConfiguredSchemaNamesTheSchema() throws Exception {
    HealthResult result =
        HealthChecks.flywayMigrations(
                h2.dataSource, MigrationCheckOptions.builder().schema("billing").build())
            .check();

    assertThat(result.message())
        .isEqualTo(
            "migration history table billing.flyway_schema_history not found (migrations not"
                + " applied yet?)");
  }

  @Test
  void unreachableDatabaseIsDownNamingTheCause() throws Exception {
    org.h2.jdbcx.JdbcDataSource missing = new org.h2.jdbcx.JdbcDataSource();
    missing.setURL("jdbc:h2:mem:never;IFEXISTS=TRUE");

    HealthResult result = HealthChecks.flywayMigrations(missing).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .startsWith("cannot get a connection: Database \"mem:never\" not found");
  }

  @Test
  void invalidOptionsAreRejectedWithTheRule() {
    assertThatThrownBy(() -> MigrationCheckOptions.builder().expectAtLeast("v3").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expectAtLeast must be a Flyway version like 3 or 2.1, got 'v3'");
    assertThatThrownBy(() -> MigrationCheckOptions.builder().expectAppliedAtLeast(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expectAppliedAtLeast must be 0 or more, got -1");
    assertThatThrownBy(
            () -> MigrationCheckOptions.builder().timeout(java.time.Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be a positive duration like 2s, got PT0S");
  }
}
