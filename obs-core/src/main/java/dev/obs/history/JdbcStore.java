package dev.obs.history;

import dev.obs.health.HealthStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * History in PostgreSQL or H2. Times are stored as epoch milliseconds in {@code BIGINT} columns so
 * the same SQL works on both and no time zone is involved. Each write is one transaction.
 */
final class JdbcStore implements HistoryStore {
  private static final String ROUTE_COLUMNS =
      "minute_ms, route, requests, errors, sum_seconds, p50_seconds, p95_seconds, p99_seconds,"
          + " buckets";

  private final DataSource dataSource;
  private final Schema schema;

  JdbcStore(DataSource dataSource, @Nullable String schema) {
    this.dataSource = dataSource;
    this.schema = new Schema(schema);
  }

  @Override
  public void open() {
    try (Connection c = dataSource.getConnection()) {
      try {
        schema.migrate(c);
      } catch (SQLException first) {
        // Another instance may have migrated at the same moment: one more try sees its result.
        schema.migrate(c);
      }
    } catch (SQLException e) {
      throw new HistoryException("obs history: creating or upgrading the tables failed", e);
    }
  }

  /** The schema version in the database, for tests and diagnostics. */
  int version() {
    try (Connection c = dataSource.getConnection()) {
      return schema.current(c);
    } catch (SQLException e) {
      throw new HistoryException("obs history: reading the schema version failed", e);
    }
  }

  private String t(String name) {
    return schema.table(name);
  }

  @Override
  public void write(List<RouteMinute> routes, List<CheckMinute> checks) {
    if (routes.isEmpty() && checks.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        writeRoutes(c, routes);
        writeChecks(c, checks);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new HistoryException(
          "obs history: writing "
              + routes.size()
              + " route and "
              + checks.size()
              + " check rows"
              + " failed",
          e);
    }
  }

  private void writeRoutes(Connection c, List<RouteMinute> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    // Rows already stored for the same minute and route (written before a restart) are merged.
    Map<String, RouteMinute> merged = new LinkedHashMap<>();
    for (RouteMinute r : rows) {
      merged.merge(r.minute().toEpochMilli() + "|" + r.route(), r, RouteMinute::plus);
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (RouteMinute r : rows) {
      min = Math.min(min, r.minute().toEpochMilli());
      max = Math.max(max, r.minute().toEpochMilli());
    }
    List<RouteMinute> existing = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + ROUTE_COLUMNS
                + " FROM "
                + t("obs_route_minute")
                + " WHERE minute_ms >= ? AND minute_ms <= ?")) {
      ps.setLong(1, min);
      ps.setLong(2, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          existing.add(route(rs));
        }
      }
    }
    List<RouteMinute> replaced = new ArrayList<>();
    for (RouteMinute old : existing) {
      String key = old.minute().toEpochMilli() + "|" + old.route();
      RouteMinute fresh = merged.get(key);
      if (fresh != null) {
        merged.put(key, old.plus(fresh));
        replaced.add(old);
      }
    }
    if (!replaced.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM " + t("obs_route_minute") + " WHERE minute_ms = ? AND route = ?")) {
        for (RouteMinute old : replaced) {
          ps.setLong(1, old.minute().toEpochMilli());
          ps.setString(2, old.route());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + t("obs_route_minute")
                + " ("
                + ROUTE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (RouteMinute r : merged.values()) {
        ps.setLong(1, r.minute().toEpochMilli());
        ps.setString(2, r.route());
        ps.setLong(3, r.requests());
        ps.setLong(4, r.errors());
        ps.setDouble(5, r.sumSeconds());
        setQuantile(ps, 6, r.p50());
        setQuantile(ps, 7, r.p95());
        setQuantile(ps, 8, r.p99());
        ps.setString(9, r.histogram().encode());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void setQuantile(PreparedStatement ps, int index, double value)
      throws SQLException {
    if (Double.isNaN(value)) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  private void writeChecks(Connection c, List<CheckMinute> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement delete =
            c.prepareStatement(
                "DELETE FROM "
                    + t("obs_check_minute")
                    + " WHERE minute_ms = ? AND check_name = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO "
                    + t("obs_check_minute")
                    + " (minute_ms, check_name, status) VALUES (?, ?, ?)")) {
      for (CheckMinute r : rows) {
        delete.setLong(1, r.minute().toEpochMilli());
        delete.setString(2, r.check());
        delete.addBatch();
        insert.setLong(1, r.minute().toEpochMilli());
        insert.setString(2, r.check());
        insert.setString(3, r.status().name());
        insert.addBatch();
      }
      delete.executeBatch();
      insert.executeBatch();
    }
  }

  private static RouteMinute route(ResultSet rs) throws SQLException {
    return new RouteMinute(
        Instant.ofEpochMilli(rs.getLong(1)),
        rs.getString(2),
        rs.getLong(3),
        rs.getLong(4),
        rs.getDouble(5),
        quantile(rs, 6),
        quantile(rs, 7),
        quantile(rs, 8),
        LatencyHistogram.parse(rs.getString(9)));
  }

  private static double quantile(ResultSet rs, int index) throws SQLException {
    double v = rs.getDouble(index);
    return rs.wasNull() ? Double.NaN : v;
  }

  @Override
  public List<RouteMinute> routes(Instant from, Instant to, @Nullable String route) {
    String sql =
        "SELECT "
            + ROUTE_COLUMNS
            + " FROM "
            + t("obs_route_minute")
            + " WHERE minute_ms >= ? AND minute_ms < ?"
            + (route == null ? "" : " AND route = ?")
            + " ORDER BY minute_ms, route";
    return query(
        "reading route rows",
        sql,
        ps -> {
          ps.setLong(1, from.toEpochMilli());
          ps.setLong(2, to.toEpochMilli());
          if (route != null) {
            ps.setString(3, route);
          }
        },
        JdbcStore::route);
  }

  @Override
  public List<RouteTotals> routeTotals(Instant from, Instant to) {
    String sql =
        "SELECT route, SUM(requests), SUM(errors), SUM(sum_seconds) FROM "
            + t("obs_route_minute")
            + " WHERE minute_ms >= ? AND minute_ms < ? AND route <> ? GROUP BY route ORDER BY route";
    return query(
        "summing route rows",
        sql,
        ps -> {
          ps.setLong(1, from.toEpochMilli());
          ps.setLong(2, to.toEpochMilli());
          ps.setString(3, RouteMinute.ALL_ROUTES);
        },
        rs -> new RouteTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
  }

  @Override
  public List<CheckMinute> checks(Instant from, Instant to, @Nullable String check) {
    String sql =
        "SELECT minute_ms, check_name, status FROM "
            + t("obs_check_minute")
            + " WHERE minute_ms >= ? AND minute_ms < ?"
            + (check == null ? "" : " AND check_name = ?")
            + " ORDER BY minute_ms, check_name";
    return query(
        "reading check rows",
        sql,
        ps -> {
          ps.setLong(1, from.toEpochMilli());
          ps.setLong(2, to.toEpochMilli());
          if (check != null) {
            ps.setString(3, check);
          }
        },
        rs ->
            new CheckMinute(
                Instant.ofEpochMilli(rs.getLong(1)),
                rs.getString(2),
                HealthStatus.valueOf(rs.getString(3))));
  }

  @Override
  public List<DailyUptime> dailyUptime(Instant from, Instant to) {
    // Integer division by the milliseconds of a day gives the UTC epoch day on both databases.
    String sql =
        "SELECT check_name, minute_ms / 86400000 AS epoch_day, status, COUNT(*) FROM "
            + t("obs_check_minute")
            + " WHERE minute_ms >= ? AND minute_ms < ?"
            + " GROUP BY check_name, minute_ms / 86400000, status"
            + " ORDER BY check_name, epoch_day";
    record Cell(String check, long day, String status, int count) {}
    List<Cell> cells =
        query(
            "counting check rows per day",
            sql,
            ps -> {
              ps.setLong(1, from.toEpochMilli());
              ps.setLong(2, to.toEpochMilli());
            },
            rs -> new Cell(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4)));
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (Cell cell : cells) {
      int[] c = counts.computeIfAbsent(cell.check() + "\u0000" + cell.day(), k -> new int[3]);
      c[HealthStatus.valueOf(cell.status()).ordinal()] += cell.count();
    }
    List<DailyUptime> out = new ArrayList<>();
    counts.forEach(
        (key, c) -> {
          int sep = key.indexOf('\u0000');
          out.add(
              new DailyUptime(
                  key.substring(0, sep),
                  LocalDate.ofEpochDay(Long.parseLong(key.substring(sep + 1))),
                  c[HealthStatus.UP.ordinal()],
                  c[HealthStatus.DEGRADED.ordinal()],
                  c[HealthStatus.DOWN.ordinal()]));
        });
    return out;
  }

  @Override
  public void save(Incident incident) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        deleteIncident(c, incident.id());
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + t("obs_incident")
                    + " (id, title, state, started_at_ms, resolved_at_ms, alert_fingerprint)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, incident.id());
          ps.setString(2, incident.title());
          ps.setString(3, incident.state().name());
          ps.setLong(4, incident.startedAt().toEpochMilli());
          if (incident.resolvedAt() == null) {
            ps.setNull(5, Types.BIGINT);
          } else {
            ps.setLong(5, incident.resolvedAt().toEpochMilli());
          }
          ps.setString(6, incident.alertFingerprint());
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + t("obs_incident_update")
                    + " (incident_id, seq, at_ms, state, message) VALUES (?, ?, ?, ?, ?)")) {
          int seq = 0;
          for (IncidentUpdate u : incident.updates()) {
            ps.setString(1, incident.id());
            ps.setInt(2, seq++);
            ps.setLong(3, u.at().toEpochMilli());
            ps.setString(4, u.state().name());
            ps.setString(5, u.message());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new HistoryException("obs history: saving incident " + incident.id() + " failed", e);
    }
  }

  private void deleteIncident(Connection c, String id) throws SQLException {
    for (String sql :
        List.of(
            "DELETE FROM " + t("obs_incident_update") + " WHERE incident_id = ?",
            "DELETE FROM " + t("obs_incident") + " WHERE id = ?")) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
    }
  }

  @Override
  public @Nullable Incident incident(String id) {
    List<Incident> found = loadIncidents(" WHERE id = ?", ps -> ps.setString(1, id));
    return found.isEmpty() ? null : found.get(0);
  }

  @Override
  public List<Incident> incidents(Instant resolvedSince) {
    return loadIncidents(
        " WHERE resolved_at_ms IS NULL OR resolved_at_ms >= ?",
        ps -> ps.setLong(1, resolvedSince.toEpochMilli()));
  }

  private List<Incident> loadIncidents(String where, Binder binder) {
    record Head(
        String id,
        String title,
        String state,
        long started,
        @Nullable Long resolved,
        @Nullable String fingerprint) {}
    List<Head> heads =
        query(
            "reading incidents",
            "SELECT id, title, state, started_at_ms, resolved_at_ms, alert_fingerprint FROM "
                + t("obs_incident")
                + where
                + " ORDER BY started_at_ms DESC, id",
            binder,
            rs -> {
              long resolved = rs.getLong(5);
              Long r = rs.wasNull() ? null : resolved;
              return new Head(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  r,
                  rs.getString(6));
            });
    if (heads.isEmpty()) {
      return List.of();
    }
    Map<String, List<IncidentUpdate>> updates = new HashMap<>();
    for (Head h : heads) {
      updates.put(h.id(), new ArrayList<>());
    }
    record Row(String id, IncidentUpdate update) {}
    List<Row> rows =
        query(
            "reading incident updates",
            "SELECT u.incident_id, u.at_ms, u.state, u.message FROM "
                + t("obs_incident_update")
                + " u JOIN "
                + t("obs_incident")
                + " i ON i.id = u.incident_id"
                + where.replace("resolved_at_ms", "i.resolved_at_ms").replace(" id =", " i.id =")
                + " ORDER BY u.incident_id, u.seq",
            binder,
            rs ->
                new Row(
                    rs.getString(1),
                    new IncidentUpdate(
                        Instant.ofEpochMilli(rs.getLong(2)),
                        IncidentState.valueOf(rs.getString(3)),
                        rs.getString(4))));
    for (Row r : rows) {
      List<IncidentUpdate> list = updates.get(r.id());
      if (list != null) {
        list.add(r.update());
      }
    }
    List<Incident> out = new ArrayList<>();
    for (Head h : heads) {
      List<IncidentUpdate> list = updates.get(h.id());
      if (list.isEmpty()) {
        continue;
      }
      out.add(
          new Incident(
              h.id(),
              h.title(),
              IncidentState.valueOf(h.state()),
              Instant.ofEpochMilli(h.started()),
              h.resolved() == null ? null : Instant.ofEpochMilli(h.resolved()),
              list,
              h.fingerprint()));
    }
    return out;
  }

  @Override
  public long purge(Instant before) {
    long cut = before.toEpochMilli();
    long deleted = 0;
    try (Connection c = dataSource.getConnection()) {
      for (String sql :
          List.of(
              "DELETE FROM " + t("obs_route_minute") + " WHERE minute_ms < ?",
              "DELETE FROM " + t("obs_check_minute") + " WHERE minute_ms < ?",
              "DELETE FROM "
                  + t("obs_incident_update")
                  + " WHERE incident_id IN (SELECT id FROM "
                  + t("obs_incident")
                  + " WHERE resolved_at_ms < ?)",
              "DELETE FROM " + t("obs_incident") + " WHERE resolved_at_ms < ?")) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setLong(1, cut);
          int n = ps.executeUpdate();
          if (!sql.contains("obs_incident_update")) {
            deleted += n;
          }
        }
      }
    } catch (SQLException e) {
      throw new HistoryException("obs history: purging rows before " + before + " failed", e);
    }
    return deleted;
  }

  @Override
  public void close() {}

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String what, String sql, Binder binder, Reader<T> reader) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(reader.read(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new HistoryException("obs history: " + what + " failed", e);
    }
  }
}
