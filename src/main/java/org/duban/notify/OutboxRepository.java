package org.duban.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.duban.db.Rows;

import java.time.Instant;
import java.util.List;

/** All SQL of the outbox: leasing pending messages to a sender, and recording how sending went. */
final class OutboxRepository {
  // A lease, not a transaction held across the network: a sender that dies lets the lease run out and
  // another node sends again, with the same outbox id for the relay to recognise the repeat.
  private static final String LEASE = """
      UPDATE outbox o SET attempts = o.attempts + 1, next_attempt_at = $2
       WHERE o.id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $1
                       ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.planned_key, o.item_id, o.phone, o.body, o.rules, o.attempts""";
  // Both only for the lease that sent: a slower, older lease must not undo what a newer one recorded.
  // Once sent, a secret the SMS carried (a sign-in link's code, a one-time code) is blanked in the text
  // kept here: the outbox remembers what was said, not a key someone reading the database could use.
  private static final String SENT = """
      UPDATE outbox SET state = 'sent', sent_at = $2, last_error = NULL,
             body = CASE WHEN secret IS NULL THEN body ELSE replace(body, secret, '…') END, secret = NULL
       WHERE id = $1 AND state = 'pending' AND attempts = $3""";
  private static final String RETRY = """
      UPDATE outbox SET state = CASE WHEN attempts >= $4 THEN 'failed' ELSE 'pending' END, next_attempt_at = $2, last_error = $3
       WHERE id = $1 AND state = 'pending' AND attempts = $5""";

  // an operator's decision after the relay is mended: the given-up SMS start over, sent as soon as a sender leases them;
  // not a sign-in link's one-time code, which lasts minutes: hours later it would only mislead
  private static final String REQUEUE_FAILED = """
      UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = now() WHERE state = 'failed' AND purpose = 'reminder'""";

  // sendable at once by the wall clock the relay dispatcher runs on, like a reminder's
  private static final String SIGN_IN_CODE = """
      INSERT INTO outbox (planned_key, purpose, item_id, channel, phone, body, rules, secret, state, next_attempt_at, created_at)
      VALUES (NULL, 'sign-in-code', $1, 'sms', $2, $3, $4, $5, 'pending', now(), $6)""";

  private final Pool pool;

  OutboxRepository(Pool pool) {
    this.pool = pool;
  }

  record Message(long id, String plannedKey, long itemId, String phone, String body, List<String> rules, int attempts) {
  }

  static Future<Void> signInCode(SqlClient tx, long itemId, String phone, String body, List<String> rules, String secret, Instant now) {
    return tx.preparedQuery(SIGN_IN_CODE)
        .execute(Tuple.from(new Object[] {itemId, phone, body, rules.toArray(String[]::new), secret, Rows.utc(now)})).mapEmpty();
  }

  Future<Integer> requeueFailed() {
    return pool.query(REQUEUE_FAILED).execute().map(rows -> rows.rowCount());
  }

  Future<List<Message>> lease(Instant now, Instant leaseUntil, int limit) {
    return pool.preparedQuery(LEASE).execute(Tuple.of(Rows.utc(now), Rows.utc(leaseUntil), limit))
        .map(rows -> Rows.all(rows, OutboxRepository::message));
  }

  Future<Void> sent(Message m, Instant now) {
    return pool.preparedQuery(SENT).execute(Tuple.of(m.id(), Rows.utc(now), m.attempts())).mapEmpty();
  }

  Future<Void> retry(Message m, Instant next, String error, int maxAttempts) {
    return pool.preparedQuery(RETRY).execute(Tuple.of(m.id(), Rows.utc(next), error, maxAttempts, m.attempts())).mapEmpty();
  }

  private static Message message(Row r) {
    return new Message(r.getLong("id"), r.getString("planned_key"), r.getLong("item_id"), r.getString("phone"),
        r.getString("body"), List.of(r.getArrayOfStrings("rules")), r.getInteger("attempts"));
  }
}
