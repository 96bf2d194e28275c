package org.duban.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.duban.auth.Passwords;
import org.duban.db.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A small demo organisation for a first look: a city with its supervision office, a sponsor office,
 * three departments and a county, and one person for each role. Written only into an empty database.
 */
public final class DemoData {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  /** Every demo account's password; README lists the logins. */
  public static final String PASSWORD = "duban-demo-2026";
  private static final Duration ORGANISATION_AGE = Duration.ofDays(30);

  private static final String ANY_UNIT = "SELECT EXISTS (SELECT 1 FROM unit) AS seeded";
  private static final String INSERT_UNIT = """
      INSERT INTO unit (parent_id, name, kind, code, first_responsible_name, first_responsible_phone,
                        specific_responsible_name, specific_responsible_phone, created_at, updated_at)
      VALUES ((SELECT id FROM unit WHERE name = $1), $2, $3, $9, $4, $5, $6, $7, $8, $8)""";
  private static final String INSERT_PERSON = """
      INSERT INTO person (login, display_name, phone, role, unit_id, password_hash, created_at, updated_at, rank)
      VALUES ($1, $2, $3, $4, (SELECT id FROM unit WHERE name = $5), $6, $7, $7, $8)""";

  private final Pool pool;
  private final Passwords passwords;
  private final Clock clock;

  public DemoData(Pool pool, Passwords passwords, Clock clock) {
    this.pool = pool;
    this.passwords = passwords;
    this.clock = clock;
  }

  /** Answers whether it wrote the organisation now (false when the database already had units). */
  public Future<Boolean> seedIfEmpty() {
    return pool.query(ANY_UNIT).execute()
        .map(rows -> rows.iterator().next().getBoolean("seeded"))
        .compose(seeded -> seeded ? Future.succeededFuture(false) : passwords.hash(PASSWORD).compose(this::seed).map(true));
  }

  private Future<Void> seed(String hash) {
    // the organisation predates the demo items, which reach more than a day into the past
    Instant now = clock.instant().minus(ORGANISATION_AGE);
    return pool.withTransaction(tx -> units(tx, now).compose(v -> people(tx, hash, now)))
        .onSuccess(v -> LOG.info("demo organisation written; every demo login uses the password in README"));
  }

  private static Future<Void> units(SqlClient tx, Instant now) {
    return tx.preparedQuery(INSERT_UNIT).executeBatch(List.of(
        unit(null, "示范市", "city", "王市长", "13800000001", "李秘书长", "13800000002", now, null),
        unit("示范市", "市政府督查室", "office", "赵主任", "13800000003", "钱科长", "13800000004", now, "DCS"),
        unit("示范市", "市政府办公室综合一科", "office", "孙科长", "13800000005", "周副科长", "13800000006", now, "ZH1"),
        unit("示范市", "市发展和改革委员会", "department", "吴主任", "13800000007", "郑主任", "13800000008", now, null),
        unit("示范市", "市住房和城乡建设局", "department", "冯局长", "13800000009", "陈主任", "13800000010", now, null),
        unit("示范市", "市交通运输局", "department", "褚局长", "13800000011", "卫主任", "13800000012", now, null),
        unit("示范市", "东城区人民政府", "county", "蒋区长", "13800000013", "沈主任", "13800000014", now, null)))
        .mapEmpty();
  }

  private static Future<Void> people(SqlClient tx, String hash, Instant now) {
    return tx.preparedQuery(INSERT_PERSON).executeBatch(List.of(
        person("admin", "13800000100", "系统管理员", "admin", null, hash, now, null),
        person("duchashi", "13800000004", "督查室 钱科长", "supervision", "市政府督查室", hash, now, null),
        person("keshi1", "13800000005", "综合一科 孙科长", "sponsor", "市政府办公室综合一科", hash, now, null),
        person("leader", "13800000001", "王市长", "leader", "示范市", hash, now, "mayor"),
        person("fumishu", "13800000002", "李副秘书长", "leader", "示范市", hash, now, "deputy_secretary_general"),
        person("fgw", "13800000008", "发改委联络员 郑主任", "liaison", "市发展和改革委员会", hash, now, null),
        person("zjj", "13800000010", "住建局联络员 陈主任", "liaison", "市住房和城乡建设局", hash, now, null)))
        .mapEmpty();
  }

  private static Tuple unit(String parent, String name, String kind, String first, String firstPhone,
                            String specific, String specificPhone, Instant now, String code) {
    return Tuple.from(new Object[] {parent, name, kind, first, firstPhone, specific, specificPhone, Rows.utc(now), code});
  }

  private static Tuple person(String login, String phone, String name, String role, String unit, String hash, Instant now,
                              String rank) {
    return Tuple.from(new Object[] {login, name, phone, role, unit, hash, Rows.utc(now), rank});
  }
}
