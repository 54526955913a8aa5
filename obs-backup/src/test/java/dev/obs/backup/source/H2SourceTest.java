package dev.obs.backup.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2SourceTest {
  @TempDir Path dir;

  @Test
  void backsUpWithH2sOwnStatementAndRestoresAnOpenableDatabase() throws Exception {
    String url = "jdbc:h2:" + dir.resolve("db/app");
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
      st.execute("INSERT INTO items SELECT X, 'item ' || X FROM SYSTEM_RANGE(1, 500)");
    }
    H2Source source = H2Source.of("app", url, "sa", "");
    ByteArrayOutputStream zip = new ByteArrayOutputStream();

    SourceResult backed = source.backup(zip);

    assertThat(backed.counts()).containsEntry("entries", 1L);
    assertThat(backed.tools()).containsKey("h2");
    Path out = dir.resolve("restored");
    SourceResult restored =
        source.restore(
            new ByteArrayInputStream(zip.toByteArray()), new RestoreTarget(out.toString(), false));
    assertThat(restored.counts()).isEqualTo(backed.counts());
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:" + out.resolve("app") + ";IFEXISTS=TRUE", "sa", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM items")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(500);
    }
  }
}
