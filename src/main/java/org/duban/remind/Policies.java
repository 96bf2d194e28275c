package org.duban.remind;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.duban.db.Rows;

import java.time.Instant;

/**
 * The reminder policy versions kept in the database; the one in force plans every message, and each
 * planned message records the version that planned it. The shipped version is stored on first start.
 */
public final class Policies {
  private static final String STORE_SHIPPED = """
      INSERT INTO reminder_policy (version, document, in_force, created_at)
      VALUES ($1, $2, NOT EXISTS (SELECT 1 FROM reminder_policy WHERE in_force), $3)
      ON CONFLICT (version) DO NOTHING""";
  private static final String IN_FORCE = "SELECT document FROM reminder_policy WHERE in_force";

  private Policies() {
  }

  public static Future<ReminderPolicy> inForce(Pool pool, Instant now) {
    ReminderPolicy shipped = ReminderPolicy.shipped();
    return pool.preparedQuery(STORE_SHIPPED).execute(Tuple.of(shipped.version(), shipped.toJson(), Rows.utc(now)))
        .compose(v -> pool.query(IN_FORCE).execute())
        .map(rows -> ReminderPolicy.fromJson((JsonObject) rows.iterator().next().getJson("document")));
  }
}
