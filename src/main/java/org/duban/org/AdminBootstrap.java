package org.duban.org;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.duban.auth.Passwords;
import org.duban.db.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * The first administrator of a new installation: without one nobody could add people. Created only
 * while no administrator exists, from the password the operator configured.
 */
public final class AdminBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
  private static final String ANY_ADMIN = "SELECT EXISTS (SELECT 1 FROM person WHERE role = 'admin') AS present";
  private static final String INSERT_ADMIN = """
      INSERT INTO person (login, display_name, role, password_hash, created_at, updated_at)
      VALUES ('admin', '系统管理员', 'admin', $1, $2, $2)
      ON CONFLICT DO NOTHING""";

  private AdminBootstrap() {
  }

  public static Future<Void> ensure(Pool pool, Passwords passwords, Clock clock, Optional<String> password) {
    return pool.query(ANY_ADMIN).execute().map(rows -> rows.iterator().next().getBoolean("present")).compose(present -> {
      if (present) return Future.succeededFuture();
      if (password.isEmpty()) {
        LOG.warn("no administrator exists: set DUBAN_ADMIN_BOOTSTRAP_PASSWORD once to create the login 'admin'");
        return Future.succeededFuture();
      }
      return passwords.hash(password.get())
          .compose(hash -> pool.preparedQuery(INSERT_ADMIN).execute(Tuple.of(hash, Rows.utc(clock.instant()))))
          .onSuccess(v -> LOG.info("created the first administrator, login 'admin'"))
          .mapEmpty();
    });
  }
}
