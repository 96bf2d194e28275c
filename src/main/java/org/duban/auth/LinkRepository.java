package org.duban.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.duban.db.Rows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** All SQL of sign-in links: minting them with their SMS, and spending them. */
final class LinkRepository {
  // The person a phone belongs to: the one active person of the unit with it, else the one active person
  // anywhere with it; two with one phone is nobody's. Never an administrator: an SMS alone does not open
  // the administration.
  private static final String MINT = """
      INSERT INTO sign_in_link (hash, item_id, phone, person_id, created_at, expires_at)
      SELECT w.hash, w.item_id, w.phone,
             coalesce((SELECT min(p.id) FROM person p WHERE p.active AND p.role <> 'admin' AND p.phone = w.phone
                        AND p.unit_id = w.unit_id HAVING count(*) = 1),
                      (SELECT min(p.id) FROM person p WHERE p.active AND p.role <> 'admin' AND p.phone = w.phone
                       HAVING count(*) = 1)),
             $5, $6
        FROM unnest($1::bytea[], $2::bigint[], $3::text[], $4::bigint[]) AS w (hash, item_id, phone, unit_id)""";
  // What makes a link able to sign its person in, now: unused, in date, and its person still active, still
  // not an administrator and still at the phone the SMS went to (a number given to someone else is not theirs).
  private static final String USABLE = """
      l.used_at IS NULL AND l.expires_at > $2
         AND p.id = l.person_id AND p.active AND p.role <> 'admin' AND p.phone = l.phone""";
  // One winner: of two opening one link at once, the second finds it used once the first commits.
  private static final String SPEND = """
      UPDATE sign_in_link l SET used_at = $2, end_reason = $3
        FROM person p
       WHERE l.hash = $1 AND %s
      RETURNING l.person_id, l.item_id, p.role""".formatted(USABLE);
  private static final String BURN = """
      UPDATE sign_in_link SET used_at = $2, end_reason = $3 WHERE hash = $1 AND used_at IS NULL""";
  private static final String FIND = """
      SELECT l.item_id, l.phone, l.otp_expires_at,
             (p.id IS NOT NULL AND l.used_at IS NULL AND l.expires_at > $2) AS usable
        FROM sign_in_link l
        LEFT JOIN person p ON p.id = l.person_id AND p.active AND p.role <> 'admin' AND p.phone = l.phone
       WHERE l.hash = $1""";
  // a new one-time code only when none is live, and at most $5 for one link
  private static final String ISSUE_OTP = """
      UPDATE sign_in_link l SET otp_hash = $3, otp_expires_at = $4, otp_attempts = 0, otp_sent = l.otp_sent + 1
        FROM person p
       WHERE l.hash = $1 AND %s
         AND (l.otp_expires_at IS NULL OR l.otp_expires_at <= $2) AND l.otp_sent < $5
      RETURNING l.item_id, l.phone""".formatted(USABLE);
  // an attempt is counted before the digits are compared, so parallel guesses cannot outrun the limit
  private static final String RESERVE_ATTEMPT = """
      UPDATE sign_in_link l SET otp_attempts = l.otp_attempts + 1
        FROM person p
       WHERE l.hash = $1 AND %s AND l.otp_expires_at > $2 AND l.otp_attempts < $3
      RETURNING l.otp_hash, l.otp_attempts""".formatted(USABLE);
  private static final String PURGE = "DELETE FROM sign_in_link WHERE expires_at < $1";

  private final Pool pool;

  LinkRepository(Pool pool) {
    this.pool = pool;
  }

  /** A link spent: whose it was and what it opens. */
  record Spent(long personId, long itemId, Role role) {
  }

  /** A link found by its code, usable or not. */
  record Found(long itemId, String phone, boolean usable, Optional<Instant> otpExpiresAt) {
  }

  /** A one-time code issued: the item and the phone it goes to. */
  record Issued(long itemId, String phone) {
  }

  /** A counted attempt at a one-time code: the digest to compare with, and how many attempts that makes. */
  record Attempt(byte[] otpHash, int attempts) {
  }

  static Future<Void> mint(SqlClient tx, List<byte[]> hashes, List<SignInLinks.Wanted> wanted, Instant now, Instant expires) {
    int n = wanted.size();
    Buffer[] keys = new Buffer[n];
    Long[] items = new Long[n];
    String[] phones = new String[n];
    Long[] units = new Long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = Buffer.buffer(hashes.get(i));
      items[i] = wanted.get(i).itemId();
      phones[i] = wanted.get(i).phone();
      units[i] = wanted.get(i).unitId().orElse(null);
    }
    return tx.preparedQuery(MINT).execute(Tuple.from(new Object[] {keys, items, phones, units, Rows.utc(now), Rows.utc(expires)}))
        .mapEmpty();
  }

  /** Marks the link used for {@code reason} if it can sign its person in now; empty when it cannot (or another open won). */
  Future<Optional<Spent>> spend(SqlClient tx, byte[] hash, Instant now, String reason) {
    return tx.preparedQuery(SPEND).execute(Tuple.of(Buffer.buffer(hash), Rows.utc(now), reason))
        .map(rows -> Rows.first(rows).map(r -> new Spent(r.getLong("person_id"), r.getLong("item_id"), Role.fromWire(r.getString("role")))));
  }

  /** Used up without signing anyone in: opened by another person, or too many wrong one-time codes. */
  Future<Void> burn(byte[] hash, Instant now, String reason) {
    return pool.preparedQuery(BURN).execute(Tuple.of(Buffer.buffer(hash), Rows.utc(now), reason)).mapEmpty();
  }

  Future<Optional<Found>> find(byte[] hash, Instant now) {
    return pool.preparedQuery(FIND).execute(Tuple.of(Buffer.buffer(hash), Rows.utc(now)))
        .map(rows -> Rows.first(rows).map(r -> new Found(r.getLong("item_id"), r.getString("phone"), r.getBoolean("usable"),
            Optional.ofNullable(Rows.instant(r, "otp_expires_at")))));
  }

  Future<Optional<Issued>> issueOtp(SqlClient tx, byte[] hash, byte[] otpHash, Instant now, Instant expires, int maxSent) {
    return tx.preparedQuery(ISSUE_OTP)
        .execute(Tuple.of(Buffer.buffer(hash), Rows.utc(now), Buffer.buffer(otpHash), Rows.utc(expires), maxSent))
        .map(rows -> Rows.first(rows).map(r -> new Issued(r.getLong("item_id"), r.getString("phone"))));
  }

  Future<Optional<Attempt>> reserveAttempt(byte[] hash, Instant now, int maxAttempts) {
    return pool.preparedQuery(RESERVE_ATTEMPT).execute(Tuple.of(Buffer.buffer(hash), Rows.utc(now), maxAttempts))
        .map(rows -> Rows.first(rows).map(r -> new Attempt(bytes(r), r.getInteger("otp_attempts"))));
  }

  /** Links expired before {@code before} are forgotten: an old code is then simply unknown. */
  Future<Integer> purge(Instant before) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(Rows.utc(before))).map(rows -> rows.rowCount());
  }

  private static byte[] bytes(Row r) {
    Buffer b = r.getBuffer("otp_hash");
    return b == null ? null : b.getBytes();
  }
}
