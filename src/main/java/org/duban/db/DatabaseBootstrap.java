package org.duban.db;

import org.duban.config.DbTarget;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;

/**
 * Readies the database before any verticle starts: creates it if missing, refuses a schema newer than
 * this build knows, then applies the versioned SQL under {@code db/migration}. Runs on the start-up
 * thread (JDBC, blocking) because nothing else may touch the database until it is done.
 */
public final class DatabaseBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);

  private DatabaseBootstrap() {
  }

  public static void prepare(DbTarget target) {
    createIfMissing(target);
    migrate(target);
  }

  static void createIfMissing(DbTarget target) {
    try (Connection admin = connect(target.withDatabase("postgres"));
         PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, target.database());
      if (exists.executeQuery().next()) return;
      try (var create = admin.createStatement()) {
        create.execute("CREATE DATABASE " + quoteIdentifier(target.database()));
      }
      LOG.info("created database {}", target.database());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach PostgreSQL at " + target + ": " + e.getMessage(), e);
    }
  }

  static void migrate(DbTarget target) {
    Flyway flyway = Flyway.configure()
        .dataSource(target.jdbcUrl(), target.user(), target.password().orElse(null))
        .locations("classpath:db/migration")
        .load();
    refuseNewerSchema(flyway);
    int applied = flyway.migrate().migrationsExecuted;
    LOG.info("schema ready at version {} ({} migrations applied now)", flyway.info().current().getVersion(), applied);
  }

  private static void refuseNewerSchema(Flyway flyway) {
    MigrationInfo[] future = Arrays.stream(flyway.info().all())
        .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
        .toArray(MigrationInfo[]::new);
    if (future.length > 0) {
      throw new SchemaTooNewException(future[future.length - 1].getVersion().toString(), latestKnown(flyway));
    }
  }

  private static String latestKnown(Flyway flyway) {
    return Arrays.stream(flyway.info().all())
        .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED)
        .reduce((a, b) -> b).map(m -> m.getVersion().toString()).orElse("none");
  }

  private static Connection connect(DbTarget target) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", target.user());
    target.password().ifPresent(p -> props.setProperty("password", p));
    props.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(target.jdbcUrl(), props);
  }

  /** Database names cannot be bound as parameters, so the one name we ever create is quoted here. */
  static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
