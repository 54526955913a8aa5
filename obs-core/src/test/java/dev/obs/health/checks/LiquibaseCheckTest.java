package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiquibaseCheckTest {
  /** Liquibase 4's DATABASECHANGELOG, column for column. */
  private static final String CREATE =
      "CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL,"
          + " FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP NOT NULL,"
          + " ORDEREXECUTED INT NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35),"
          + " DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255),"
          + " LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255),"
          + " DEPLOYMENT_ID VARCHAR(10))";

  private final H2 h2 = new H2();

  @AfterEach
  void shutDown() throws Exception {
    h2.close();
  }

  private void changeSet(String id, int order, String execType) throws SQLException {
    h2.execute(
        "INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED,"
            + " EXECTYPE, MD5SUM, DESCRIPTION, LIQUIBASE, DEPLOYMENT_ID) VALUES ('"
            + id
            + "', 'alice', 'db/changelog.xml', CURRENT_TIMESTAMP, "
            + order
            + ", '"
            + execType
            + "', '9:0f1e2d3c', 'createTable', '4.29.2', '1234567890')");
  }

  @Test
  void appliedChangeSetsAreUpWithCountAndLatestId() throws Exception {
    h2.execute(CREATE);
    changeSet("create-users", 1, "EXECUTED");
    changeSet("seed-users", 3, "MARK_RAN");
    changeSet("add-email", 2, "EXECUTED");

    HealthResult result = HealthChecks.liquibaseMigrations(h2.dataSource).check();

    assertThat(result.status()).isEqualTo(HealthStatus.UP);
    assertThat(result.details())
        .containsEntry("applied", 3)
        .containsEntry("latest_id", "seed-users");
  }

  @Test
  void failedChangeSetIsDownNamingIt() throws Exception {
    h2.execute(CREATE);
    changeSet("create-users", 1, "EXECUTED");
    changeSet("add-email", 2, "FAILED");

    HealthResult result = HealthChecks.liquibaseMigrations(h2.dataSource).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo("failed change sets in DATABASECHANGELOG: db/changelog.xml::add-email::alice");
    assertThat(result.details())
        .containsEntry("applied", 1)
        .containsEntry("latest_id", "create-users")
        .containsEntry("failed", List.of("db/changelog.xml::add-email::alice"));
  }

  @Test
  void missingChangeLogIsDown() throws Exception {
    HealthResult result = HealthChecks.liquibaseMigrations(h2.dataSource).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo(
            "migration history table DATABASECHANGELOG not found (migrations not applied yet?)");
  }

  @Test
  void fewerChangeSetsThanExpectedIsDownAsPending() throws Exception {
    h2.execute(CREATE);
    changeSet("create-users", 1, "EXECUTED");

    HealthResult result =
        HealthChecks.liquibaseMigrations(
                h2.dataSource, MigrationCheckOptions.builder().expectAppliedAtLeast(2).build())
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo("1 change set applied, expected at least 2 (pending migrations?)");
  }

  @Test
  void lowerCaseTableInAnotherSchemaIsFound() throws Exception {
    h2.execute(
        "CREATE SCHEMA app",
        "SET SCHEMA app",
        CREATE.replace("DATABASECHANGELOG", "\"databasechangelog\""));

    HealthResult result =
        HealthChecks.liquibaseMigrations(
                h2.dataSource, MigrationCheckOptions.builder().schema("app").build())
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.UP);
    assertThat(result.details()).containsEntry("applied", 0);
  }

  @Test
  void expectingAVersionIsRejectedForLiquibase() {
    MigrationCheckOptions options = MigrationCheckOptions.builder().expectAtLeast("3").build();

    assertThatThrownBy(() -> HealthChecks.liquibaseMigrations(h2.dataSource, options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expectAtLeast(version) applies to Flyway only: Liquibase change set ids are not"
                + " ordered; use expectAppliedAtLeast(count)");
  }
}
