package org.duban.org;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.duban.auth.LeaderRank;
import org.duban.auth.Role;
import org.duban.db.PgErrors;
import org.duban.db.Rows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All SQL of people (人员). Password hashes go in and never come out of here. */
public final class PersonRepository {
  private static final String COLUMNS = "id, login, display_name, phone, role, unit_id, rank, active, created_at, updated_at, version";
  private static final String LIST = """
      SELECT %s FROM person
       WHERE ($1::bigint IS NULL OR unit_id = $1) AND ($2::text IS NULL OR role = $2)
       ORDER BY id""".formatted(COLUMNS);
  private static final String FIND = "SELECT " + COLUMNS + " FROM person WHERE id = $1";
  private static final String LOCK = FIND + " FOR UPDATE";
  private static final String INSERT = """
      INSERT INTO person (login, display_name, phone, role, unit_id, rank, password_hash, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
      RETURNING \s""" + COLUMNS;
  private static final String UPDATE = """
      UPDATE person SET display_name = $2, phone = $3, role = $4, unit_id = $5, rank = $6, active = $7,
             password_hash = COALESCE($8, password_hash), updated_at = $9, version = version + 1
       WHERE id = $1
      RETURNING \s""" + COLUMNS;
  private static final String END_SESSIONS = """
      UPDATE session SET ended_at = $2, end_reason = $3 WHERE person_id = $1 AND ended_at IS NULL""";
  static final Map<String, String> CONSTRAINTS = Map.of(
      "person_login_unique", "/login",
      "person_unit_id_fkey", "/unitId",
      "person_unit_for_unit_roles", "/unitId",
      "person_rank_only_for_leaders", "/rank");

  private final Pool pool;

  public PersonRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Person>> list(Optional<Long> unitId, Optional<Role> role) {
    return pool.preparedQuery(LIST).execute(Tuple.of(unitId.orElse(null), role.map(Role::wire).orElse(null)))
        .map(rows -> Rows.all(rows, PersonRepository::person));
  }

  public Future<Optional<Person>> find(long id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> Rows.first(rows).map(PersonRepository::person));
  }

  Future<Optional<Person>> lock(SqlClient tx, long id) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> Rows.first(rows).map(PersonRepository::person));
  }

  public Future<Person> insert(Person p, String passwordHash, Instant now) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {p.login(), p.displayName(), p.phone(), p.role().wire(), p.unitId().orElse(null),
            rankOf(p), passwordHash, Rows.utc(now)}))
        .map(rows -> person(rows.iterator().next()))
        .recover(PgErrors.translate(CONSTRAINTS));
  }

  /** A null hash keeps the current password. */
  Future<Person> update(SqlClient tx, Person p, String newPasswordHash, Instant now) {
    return tx.preparedQuery(UPDATE)
        .execute(Tuple.from(new Object[] {p.id(), p.displayName(), p.phone(), p.role().wire(), p.unitId().orElse(null),
            rankOf(p), p.active(), newPasswordHash, Rows.utc(now)}))
        .map(rows -> person(rows.iterator().next()))
        .recover(PgErrors.translate(CONSTRAINTS));
  }

  Future<Void> endSessions(SqlClient tx, long personId, Instant now, String reason) {
    return tx.preparedQuery(END_SESSIONS).execute(Tuple.of(personId, Rows.utc(now), reason)).mapEmpty();
  }

  private static String rankOf(Person p) {
    return p.rank().map(LeaderRank::wire).orElse(null);
  }

  private static Person person(Row r) {
    return new Person(r.getLong("id"), r.getString("login"), r.getString("display_name"), r.getString("phone"),
        Role.fromWire(r.getString("role")), Optional.ofNullable(r.getLong("unit_id")),
        Optional.ofNullable(r.getString("rank")).map(LeaderRank::fromWire), r.getBoolean("active"),
        Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"), r.getInteger("version"));
  }
}
