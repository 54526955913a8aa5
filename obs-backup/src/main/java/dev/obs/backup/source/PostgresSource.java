package dev.obs.backup.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL database backed up with {@code pg_dump --format=custom}, streamed from the process
 * to the store, and restored with {@code pg_restore}. Tables and rows are counted in the same
 * snapshot the dump reads, so a restore can be checked exactly. The password goes to the tools
 * through the environment ({@code PGPASSWORD}) or a pgpass file, never on the command line.
 *
 * <pre>{@code
 * BackupSource db = PostgresSource.builder("main")
 *     .host("127.0.0.1").database("app").user("app").passwordFromEnvironment("DB_PASSWORD")
 *     .build();
 * }</pre>
 */
public final class PostgresSource implements BackupSource {
  private final String name;
  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final @Nullable String password;
  private final @Nullable String passfile;
  private final Tool pgDump;
  private final Tool pgRestore;

  private PostgresSource(Builder b) {
    this.name = b.name;
    this.host = b.host;
    this.port = b.port;
    this.database = Objects.requireNonNull(b.database, "database");
    this.user = b.user;
    this.password = b.password;
    this.passfile = b.passfile;
    this.pgDump = new Tool("pg_dump", b.pgDump);
    this.pgRestore = new Tool("pg_restore", b.pgRestore);
  }

  /**
   * Starts a builder.
   *
   * @param name the source's name in its plan
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return "postgresql";
  }

  @Override
  public String extension() {
    return ".dump";
  }

  @Override
  public String defaultTarget() {
    return database;
  }

  @Override
  public SourceResult backup(OutputStream out) throws IOException, InterruptedException {
    String dumpVersion = pgDump.version();
    try (Connection c = connect(database)) {
      String serverVersion = serverVersion(c);
      if (Tool.major(dumpVersion) < Tool.major(serverVersion)) {
        throw new IOException(
            "pg_dump "
                + dumpVersion
                + " is older than the PostgreSQL server "
                + serverVersion
                + " and cannot dump it; install pg_dump "
                + Tool.major(serverVersion)
                + " or newer");
      }
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      String snapshot;
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
        rs.next();
        snapshot = rs.getString(1);
      }
      List<String> args = new ArrayList<>(connectionArgs(database));
      args.add("--format=custom");
      args.add("--snapshot=" + snapshot);
      // Rows are counted in the exported snapshot, which pg_dump reads too, so writes during the
      // backup cannot make the counts disagree with the dump; counting runs beside the dump so
      // it adds little to the wall time.
      FutureTask<Map<String, Long>> counting = new FutureTask<>(() -> count(c));
      Thread counter = new Thread(counting, "obs-backup-" + name + "-count");
      counter.setDaemon(true);
      Map<String, Long> counts;
      try (Tool.Running dump = pgDump.start(args, environment());
          InputStream stdout = dump.process().getInputStream()) {
        counter.start();
        try {
          stdout.transferTo(out);
        } catch (IOException e) {
          // The store failed: stop pg_dump rather than let it block on a full pipe.
          dump.process().destroyForcibly();
          throw e;
        }
        dump.awaitSuccess();
        counts = counted(counting);
      } finally {
        if (counter.isAlive()) {
          counter.join();
        }
        c.rollback();
      }
      Map<String, String> tools = new LinkedHashMap<>();
      tools.put("pg_dump", dumpVersion);
      tools.put("postgresql", serverVersion);
      return new SourceResult(counts, tools, List.of());
    } catch (SQLException e) {
      throw new IOException("PostgreSQL " + describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public SourceResult restore(InputStream in, RestoreTarget target)
      throws IOException, InterruptedException {
    String db = target.location();
    String restoreVersion = pgRestore.version();
    try {
      ensureDatabase(db, target.replace());
      List<String> args = new ArrayList<>(connectionArgs(db));
      args.add("--no-owner");
      args.add("--exit-on-error");
      if (target.replace()) {
        args.add("--clean");
        args.add("--if-exists");
      }
      try (Tool.Running restore = pgRestore.start(args, environment())) {
        try (OutputStream stdin = restore.process().getOutputStream()) {
          in.transferTo(stdin);
        } catch (IOException e) {
          // pg_restore stopped reading: its exit status and stderr say why.
          restore.awaitSuccess();
          throw e;
        }
        restore.awaitSuccess();
      }
      try (Connection c = connect(db)) {
        return new SourceResult(count(c), Map.of("pg_restore", restoreVersion), List.of());
      }
    } catch (SQLException e) {
      throw new IOException("PostgreSQL restore into '" + db + "': " + e.getMessage(), e);
    }
  }

  @Override
  public String scratchTarget(String suffix) {
    return "obs_drill_"
        + suffix.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void dropScratch(String location) throws IOException {
    try (Connection c = connect("postgres");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + quote(location) + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IOException(
          "cannot drop scratch database '" + location + "': " + e.getMessage(), e);
    }
  }

  private void ensureDatabase(String db, boolean replace) throws SQLException, IOException {
    boolean exists;
    try (Connection c = connect("postgres");
        var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        exists = rs.next();
      }
      if (!exists) {
        try (Statement st = c.createStatement()) {
          st.execute("CREATE DATABASE " + quote(db));
        }
        return;
      }
    }
    if (!replace) {
      try (Connection c = connect(db)) {
        long tables = count(c).getOrDefault("tables", 0L);
        if (tables > 0) {
          throw new IOException(
              "target database '"
                  + db
                  + "' is not empty ("
                  + tables
                  + " tables); restore into an empty database or allow replacing its contents");
        }
      }
    }
  }

  private static Map<String, Long> counted(FutureTask<Map<String, Long>> counting)
      throws IOException, InterruptedException {
    try {
      return counting.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IOException("counting rows failed: " + cause.getMessage(), cause);
    }
  }

  private static Map<String, Long> count(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT n.nspname, c.relname FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'p')"
                    + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                    + " AND n.nspname NOT LIKE 'pg\\_%'"
                    + " ORDER BY 1, 2")) {
      while (rs.next()) {
        tables.add(quote(rs.getString(1)) + "." + quote(rs.getString(2)));
      }
    }
    Map<String, Long> counts = new HashMap<>();
    counts.put("tables", (long) tables.size());
    try (Statement st = c.createStatement()) {
      for (String t : tables) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
          rs.next();
          counts.put("rows:" + t.replace("\"", ""), rs.getLong(1));
        }
      }
    }
    return counts;
  }

  private static String serverVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1).split(" ")[0];
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private Connection connect(String db) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    String url = "jdbc:postgresql://" + host + ":" + port + "/" + db;
    try {
      // The driver is the application's dependency, not obs-backup's: found by URL, it is named
      // here when missing rather than in DriverManager's "No suitable driver".
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new SQLException(
          "no PostgreSQL JDBC driver on the class path; add the dependency"
              + " org.postgresql:postgresql",
          e.getSQLState(),
          e);
    }
    return DriverManager.getConnection(url, props);
  }

  private List<String> connectionArgs(String db) {
    return List.of(
        "--host=" + host,
        "--port=" + port,
        "--username=" + user,
        "--no-password",
        "--dbname=" + db);
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    if (password != null) {
      env.put("PGPASSWORD", password);
    }
    if (passfile != null) {
      env.put("PGPASSFILE", passfile);
    }
    return env;
  }

  private String describe() {
    return user + "@" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "PostgresSource[" + name + ", " + describe() + "]";
  }

  /** Builds a {@link PostgresSource}. */
  public static final class Builder {
    private final String name;
    private String host = "127.0.0.1";
    private int port = 5432;
    private @Nullable String database;
    private String user = "postgres";
    private @Nullable String password;
    private @Nullable String passfile;
    private String pgDump = "pg_dump";
    private String pgRestore = "pg_restore";

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Sets the server's host. The default is {@code 127.0.0.1}.
     *
     * @param host the host
     * @return this builder
     */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /**
     * Sets the server's port. The default is 5432.
     *
     * @param port the port
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the database to back up; required.
     *
     * @param database the database name
     * @return this builder
     */
    public Builder database(String database) {
      this.database = database;
      return this;
    }

    /**
     * Sets the user. The default is {@code postgres}.
     *
     * @param user the user
     * @return this builder
     */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /**
     * Sets the password, handed to the tools through {@code PGPASSWORD}.
     *
     * @param password the password, or {@code null} for none
     * @return this builder
     */
    public Builder password(@Nullable String password) {
      this.password = password;
      return this;
    }

    /**
     * Reads the password from an environment variable now.
     *
     * @param variable the variable's name
     * @return this builder
     * @throws IllegalArgumentException when the variable is not set
     */
    public Builder passwordFromEnvironment(String variable) {
      String value = System.getenv(variable);
      if (value == null) {
        throw new IllegalArgumentException("environment variable " + variable + " is not set");
      }
      this.password = value;
      return this;
    }

    /**
     * Sets a pgpass file for the tools ({@code PGPASSFILE}).
     *
     * @param passfile the file's path
     * @return this builder
     */
    public Builder passfile(String passfile) {
      this.passfile = passfile;
      return this;
    }

    /**
     * Sets the {@code pg_dump} executable. The default is {@code pg_dump} on the PATH.
     *
     * @param executable the path or command name
     * @return this builder
     */
    public Builder pgDump(String executable) {
      this.pgDump = executable;
      return this;
    }

    /**
     * Sets the {@code pg_restore} executable. The default is {@code pg_restore} on the PATH.
     *
     * @param executable the path or command name
     * @return this builder
     */
    public Builder pgRestore(String executable) {
      this.pgRestore = executable;
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     * @throws IllegalStateException when no database is set
     */
    public PostgresSource build() {
      if (database == null || database.isBlank()) {
        throw new IllegalStateException("PostgresSource '" + name + "' needs a database");
      }
      return new PostgresSource(this);
    }
  }
}
