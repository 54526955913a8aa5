package dev.obs.backup.source;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresSourceTest {
  @Test
  void withoutTheDriverTheErrorNamesTheDependencyToAdd() throws SQLException {
    // Tests run one at a time in this JVM, so the drivers can be taken away and put back.
    List<Driver> removed = new ArrayList<>();
    for (Driver driver : Collections.list(DriverManager.getDrivers())) {
      if (driver.acceptsURL("jdbc:postgresql://127.0.0.1/app")) {
        DriverManager.deregisterDriver(driver);
        removed.add(driver);
      }
    }
    try {
      PostgresSource source = PostgresSource.builder("main").database("app").build();

      assertThatThrownBy(() -> source.dropScratch("obs_drill_x"))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "cannot drop scratch database 'obs_drill_x': no PostgreSQL JDBC driver on the class"
                  + " path; add the dependency org.postgresql:postgresql");
    } finally {
      for (Driver driver : removed) {
        DriverManager.registerDriver(driver);
      }
    }
  }
}
