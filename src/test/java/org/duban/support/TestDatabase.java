package org.duban.support;

import org.duban.config.Config;
import org.duban.config.ConfigSource;
import org.duban.config.DbTarget;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** A throwaway database on the real local PostgreSQL, one per test class, dropped afterwards. */
public final class TestDatabase implements AutoCloseable {
  private final DbTarget target;

  private TestDatabase(DbTarget target) {
    this.target = target;
  }

  public static TestDatabase fresh(String owner) {
    DbTarget base = Config.load(ConfigSource.of(System.getenv(), Map.of())).db();
    String name = "duban_t_" + owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "_"
        + UUID.randomUUID().toString().substring(0, 8);
    return new TestDatabase(base.withDatabase(name));
  }

  public DbTarget target() {
    return target;
  }

  /** Plain SQL for arranging a state the API cannot reach (a schema from the future, say). */
  public void execute(String sql) {
    try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password().orElse(null));
         var statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows of a query, each column by name: for asserting what the server stored. */
  public List<Map<String, Object>> rows(String sql) {
    try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password().orElse(null));
         var statement = c.createStatement(); var result = statement.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      while (result.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SQL run from the maintenance database, for acting on this one from outside. */
  public void executeAsAdmin(String sql) {
    try (Connection c = DriverManager.getConnection(target.withDatabase("postgres").jdbcUrl(), target.user(),
        target.password().orElse(null)); var statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    executeAsAdmin("DROP DATABASE IF EXISTS \"" + target.database() + "\" WITH (FORCE)");
  }
}
