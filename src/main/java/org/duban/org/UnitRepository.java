package org.duban.org;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.duban.db.PgErrors;
import org.duban.db.Rows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All SQL of units (单位). */
public final class UnitRepository {
  private static final String COLUMNS = """
      id, parent_id, name, kind, code, first_responsible_name, first_responsible_phone,
      specific_responsible_name, specific_responsible_phone, created_at, updated_at, version""";
  private static final String LIST = "SELECT " + COLUMNS + " FROM unit ORDER BY parent_id NULLS FIRST, id";
  private static final String FIND = "SELECT " + COLUMNS + " FROM unit WHERE id = $1";
  private static final String LOCK = FIND + " FOR UPDATE";
  private static final String INSERT = """
      INSERT INTO unit (parent_id, name, kind, code, first_responsible_name, first_responsible_phone,
                        specific_responsible_name, specific_responsible_phone, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
      RETURNING \s""" + COLUMNS;
  private static final String UPDATE = """
      UPDATE unit SET parent_id = $2, name = $3, kind = $4, code = $5, first_responsible_name = $6,
             first_responsible_phone = $7, specific_responsible_name = $8, specific_responsible_phone = $9,
             updated_at = $10, version = version + 1
       WHERE id = $1
      RETURNING \s""" + COLUMNS;
  // true when `candidate` is `unit` itself or one of its descendants: making it the parent would close a loop.
  // UNION (not UNION ALL) stops at a repeated row, so even a damaged tree cannot make it run forever.
  private static final String IS_SELF_OR_DESCENDANT = """
      WITH RECURSIVE up AS (
        SELECT id, parent_id FROM unit WHERE id = $2
        UNION
        SELECT u.id, u.parent_id FROM unit u JOIN up ON u.id = up.parent_id)
      SELECT EXISTS (SELECT 1 FROM up WHERE id = $1) AS loops""";
  // Moves of units are serialised: two concurrent moves that are each safe alone could close a loop together.
  private static final String HAS_NUMBERED_ITEMS = "SELECT EXISTS (SELECT 1 FROM item_number_counter WHERE sponsor_unit_id = $1) AS used";
  private static final String LOCK_TREE = "SELECT pg_advisory_xact_lock(hashtext('duban.unit-tree'))";
  static final Map<String, String> CONSTRAINTS = Map.of(
      "unit_name_unique_under_parent", "/name",
      "unit_parent_id_fkey", "/parentId",
      "unit_not_own_parent", "/parentId",
      "unit_code_unique", "/code",
      "unit_code_not_fallback", "/code");

  private final Pool pool;

  public UnitRepository(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  public Future<List<Unit>> list() {
    return pool.query(LIST).execute().map(rows -> Rows.all(rows, UnitRepository::unit));
  }

  public Future<Optional<Unit>> find(long id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> Rows.first(rows).map(UnitRepository::unit));
  }

  Future<Optional<Unit>> lock(SqlClient tx, long id) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> Rows.first(rows).map(UnitRepository::unit));
  }

  public Future<Unit> insert(Unit unit, Instant now) {
    return pool.preparedQuery(INSERT).execute(Tuple.from(values(null, unit, now).subList(1, 10)))
        .map(rows -> unit(rows.iterator().next()))
        .recover(PgErrors.translate(CONSTRAINTS));
  }

  Future<Unit> update(SqlClient tx, Unit unit, Instant now) {
    return tx.preparedQuery(UPDATE).execute(Tuple.from(values(unit.id(), unit, now)))
        .map(rows -> unit(rows.iterator().next()))
        .recover(PgErrors.translate(CONSTRAINTS));
  }

  /** An office whose code already stands in item numbers keeps it: a new one could collide with the old numbers. */
  Future<Boolean> hasNumberedItems(SqlClient tx, long unit) {
    return tx.preparedQuery(HAS_NUMBERED_ITEMS).execute(Tuple.of(unit)).map(rows -> rows.iterator().next().getBoolean("used"));
  }

  Future<Void> lockTree(SqlClient tx) {
    return tx.query(LOCK_TREE).execute().mapEmpty();
  }

  Future<Boolean> isSelfOrDescendant(SqlClient tx, long unit, long candidate) {
    return tx.preparedQuery(IS_SELF_OR_DESCENDANT).execute(Tuple.of(unit, candidate))
        .map(rows -> rows.iterator().next().getBoolean("loops"));
  }

  /** id, then the columns both INSERT and UPDATE write, then the time of writing. */
  private static List<Object> values(Long id, Unit u, Instant now) {
    return Arrays.asList(id, u.parentId().orElse(null), u.name(), u.kind(), u.code().orElse(null),
        u.first().name(), u.first().phone(), u.specific().name(), u.specific().phone(), Rows.utc(now));
  }

  private static Unit unit(Row r) {
    return new Unit(r.getLong("id"), Optional.ofNullable(r.getLong("parent_id")), r.getString("name"), r.getString("kind"),
        Optional.ofNullable(r.getString("code")),
        new Unit.Responsible(r.getString("first_responsible_name"), r.getString("first_responsible_phone")),
        new Unit.Responsible(r.getString("specific_responsible_name"), r.getString("specific_responsible_phone")),
        Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"), r.getInteger("version"));
  }
}
