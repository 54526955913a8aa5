package dev.obs.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class H2StoreTest extends HistoryStoreContract {
  private final DataSource dataSource = Databases.h2();

  @Override
  HistoryStore store() {
    HistoryStore store = HistoryStore.jdbc(dataSource, "obs_hist");
    store.open();
    return store;
  }

  @Test
  void openingTwiceIsHarmlessAndRecordsTheLatestVersion() {
    JdbcStore store = (JdbcStore) store();
    store.open();
    assertThat(store.version()).isEqualTo(Schema.latest()).isEqualTo(2);
  }

  @Test
  void aDatabaseAtVersionOneIsUpgradedInPlace() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA obs_hist");
      st.execute(
          "CREATE TABLE obs_hist.obs_history_version"
              + " (version INT NOT NULL PRIMARY KEY, applied_at_ms BIGINT NOT NULL)");
      for (String ddl : Schema.MIGRATIONS.get(0)) {
        st.execute(ddl.replace("{s}", "obs_hist."));
      }
      st.execute("INSERT INTO obs_hist.obs_history_version VALUES (1, 0)");
      st.execute("INSERT INTO obs_hist.obs_check_minute VALUES (0, 'db', 'UP')");
    }
    JdbcStore store = (JdbcStore) store();
    assertThat(store.version()).isEqualTo(2);
    assertThat(store.checks(java.time.Instant.EPOCH, java.time.Instant.ofEpochSecond(60), null))
        .hasSize(1);
  }

  @Test
  void aDatabaseNewerThanThisCodeIsRefused() throws Exception {
    store();
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO obs_hist.obs_history_version VALUES (99, 0)");
    }
    HistoryStore store = HistoryStore.jdbc(dataSource, "obs_hist");
    assertThatThrownBy(store::open)
        .isInstanceOf(HistoryException.class)
        .hasMessage("obs history: creating or upgrading the tables failed")
        .cause()
        .hasMessage(
            "obs_hist.obs_history_version is at version 99, newer than this obs (2);"
                + " upgrade obs instead of writing to it");
  }

  @Test
  void aSchemaThatIsNotAnIdentifierIsRejected() {
    assertThatThrownBy(() -> HistoryStore.jdbc(dataSource, "x y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema must be a plain SQL identifier (letters, digits, '_'), got 'x y'");
  }
}
