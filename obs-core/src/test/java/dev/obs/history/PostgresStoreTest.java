package dev.obs.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresStoreTest extends HistoryStoreContract {
  private final List<String> schemas = new ArrayList<>();
  private DataSource dataSource;

  @Override
  HistoryStore store() {
    dataSource = Databases.postgres();
    String schema = Databases.schemaName();
    schemas.add(schema);
    HistoryStore store = HistoryStore.jdbc(dataSource, schema);
    store.open();
    return store;
  }

  @AfterEach
  void dropSchemas() throws Exception {
    for (String schema : schemas) {
      Databases.dropSchema(dataSource, schema);
    }
  }

  @Test
  void openingTwiceKeepsTheVersionAndTheRows() {
    JdbcStore store = (JdbcStore) store();
    store.write(List.of(row(T0, "/a", 1, 0, 0)), List.of());
    JdbcStore again = (JdbcStore) HistoryStore.jdbc(dataSource, schemas.get(0));
    again.open();
    assertThat(again.version()).isEqualTo(Schema.latest());
    assertThat(again.routes(T0, T0.plusSeconds(60), "/a")).hasSize(1);
  }
}
