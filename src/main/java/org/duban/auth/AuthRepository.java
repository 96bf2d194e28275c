package org.duban.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.duban.db.Rows;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** All SQL of logging in, refreshing and ending sessions. */
final class AuthRepository {
  private static final String FIND_CREDENTIALS = """
      SELECT id, role, unit_id, password_hash, active FROM person WHERE lower(login) = lower($1)""";
  // One attempt, counted before the password is checked; none is counted (no row comes back) while
  // the name is locked. A lock that has run out starts the count afresh.
  private static final String RESERVE_ATTEMPT = """
      INSERT INTO login_throttle AS t (login_key, failures, locked_until, updated_at)
      VALUES (lower($1), 1, CASE WHEN $2 <= 1 THEN $3::timestamptz END, $4)
      ON CONFLICT (login_key) DO UPDATE
         SET failures = CASE WHEN t.locked_until IS NULL THEN t.failures + 1 ELSE 1 END,
             locked_until = CASE WHEN (CASE WHEN t.locked_until IS NULL THEN t.failures + 1 ELSE 1 END) >= $2 THEN $3 END,
             updated_at = $4
       WHERE t.locked_until IS NULL OR t.locked_until <= $4
      RETURNING failures""";
  private static final String LOCKED_UNTIL = "SELECT locked_until FROM login_throttle WHERE login_key = lower($1)";
  private static final String CLEAR_ATTEMPTS = "DELETE FROM login_throttle WHERE login_key = lower($1)";
  private static final String OPEN_SESSION = """
      INSERT INTO session (id, person_id, refresh_hash, created_at, refreshed_at, expires_at)
      VALUES ($1, $2, $3, $4, $4, $5)""";
  private static final String ROTATE_REFRESH = """
      UPDATE session s SET previous_refresh_hash = s.refresh_hash, refresh_hash = $2, refreshed_at = $3, expires_at = $4
        FROM person p
       WHERE s.refresh_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $3
         AND p.id = s.person_id AND p.active
      RETURNING s.id, s.person_id, p.role""";
  private static final String END_ON_REUSE = """
      UPDATE session SET ended_at = $2, end_reason = 'refresh token used twice'
       WHERE previous_refresh_hash = $1 AND ended_at IS NULL RETURNING id""";
  private static final String END_SESSION = """
      UPDATE session SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL""";
  private static final String ACTIVE_PRINCIPAL = """
      SELECT p.id, p.role, p.unit_id, p.rank
        FROM session s JOIN person p ON p.id = s.person_id
       WHERE s.id = $1 AND s.ended_at IS NULL AND s.expires_at > $2 AND p.active""";

  private static final String ACTIVE_PRINCIPALS = """
      SELECT s.id AS session_id, p.id, p.role, p.unit_id, p.rank
        FROM session s JOIN person p ON p.id = s.person_id
       WHERE s.id = ANY($1) AND s.ended_at IS NULL AND s.expires_at > $2 AND p.active""";

  private final Pool pool;

  AuthRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  record Credentials(long personId, Role role, Optional<Long> unitId, String passwordHash, boolean active) {
  }

  record Rotated(UUID sessionId, long personId, Role role) {
  }

  Future<Optional<Credentials>> credentials(String login) {
    return pool.preparedQuery(FIND_CREDENTIALS).execute(Tuple.of(login)).map(rows -> Rows.first(rows).map(AuthRepository::credentials));
  }

  /** False while the login name is locked; otherwise the attempt is counted and may lock it. */
  Future<Boolean> reserveAttempt(String login, int maxFailures, Instant lockUntil, Instant now) {
    return pool.preparedQuery(RESERVE_ATTEMPT).execute(Tuple.of(login, maxFailures, Rows.utc(lockUntil), Rows.utc(now)))
        .map(rows -> rows.size() > 0);
  }

  Future<Optional<Instant>> lockedUntil(String login) {
    return pool.preparedQuery(LOCKED_UNTIL).execute(Tuple.of(login))
        .map(rows -> Rows.first(rows).map(r -> Rows.instant(r, "locked_until")));
  }

  Future<Void> clearAttempts(String login) {
    return pool.preparedQuery(CLEAR_ATTEMPTS).execute(Tuple.of(login)).mapEmpty();
  }

  /** A refresh token presented after it was rotated has leaked: its session ends. */
  Future<Boolean> endOnReuse(byte[] oldHash, Instant now) {
    return pool.preparedQuery(END_ON_REUSE).execute(Tuple.of(buffer(oldHash), Rows.utc(now))).map(rows -> rows.size() > 0);
  }

  /** In the caller's transaction when the session comes with another write (a sign-in link spent). */
  Future<Void> openSession(SqlClient client, UUID id, long personId, byte[] refreshHash, Instant now, Instant expires) {
    return client.preparedQuery(OPEN_SESSION)
        .execute(Tuple.of(id, personId, buffer(refreshHash), Rows.utc(now), Rows.utc(expires)))
        .mapEmpty();
  }

  Future<Optional<Rotated>> rotate(byte[] oldHash, byte[] newHash, Instant now, Instant expires) {
    return pool.preparedQuery(ROTATE_REFRESH)
        .execute(Tuple.of(buffer(oldHash), buffer(newHash), Rows.utc(now), Rows.utc(expires)))
        .map(rows -> Rows.first(rows).map(r -> new Rotated(r.getUUID("id"), r.getLong("person_id"), Role.fromWire(r.getString("role")))));
  }

  Future<Void> endSession(UUID id, Instant now, String reason) {
    return pool.preparedQuery(END_SESSION).execute(Tuple.of(id, Rows.utc(now), reason)).mapEmpty();
  }

  Future<Optional<Principal>> activePrincipal(UUID sessionId, Instant now) {
    return pool.preparedQuery(ACTIVE_PRINCIPAL).execute(Tuple.of(sessionId, Rows.utc(now)))
        .map(rows -> Rows.first(rows).map(r -> new Principal(r.getLong("id"), sessionId,
            Role.fromWire(r.getString("role")), Optional.ofNullable(r.getLong("unit_id")),
            Optional.ofNullable(r.getString("rank")).map(LeaderRank::fromWire))));
  }

  /** Of {@code sessionIds}, those still open with their person active, in one query. */
  Future<java.util.Map<UUID, Principal>> activePrincipals(java.util.Collection<UUID> sessionIds, Instant now) {
    return pool.preparedQuery(ACTIVE_PRINCIPALS).execute(Tuple.of(sessionIds.toArray(UUID[]::new), Rows.utc(now)))
        .map(rows -> {
          java.util.Map<UUID, Principal> found = new java.util.HashMap<>();
          for (Row r : rows) {
            UUID sid = r.getUUID("session_id");
            found.put(sid, new Principal(r.getLong("id"), sid, Role.fromWire(r.getString("role")),
                Optional.ofNullable(r.getLong("unit_id")), Optional.ofNullable(r.getString("rank")).map(LeaderRank::fromWire)));
          }
          return found;
        });
  }

  private static Credentials credentials(Row r) {
    return new Credentials(r.getLong("id"), Role.fromWire(r.getString("role")), Optional.ofNullable(r.getLong("unit_id")),
        r.getString("password_hash"), r.getBoolean("active"));
  }

  private static Buffer buffer(byte[] bytes) {
    return Buffer.buffer(bytes);
  }
}
