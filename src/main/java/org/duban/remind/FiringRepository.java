package org.duban.remind;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.duban.db.Rows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All SQL of firing: finding what falls due, claiming it, and writing what goes out. What a message does
 * to its item (R16, R18) is not written here: the item package does it, as a system command.
 */
final class FiringRepository {
  private static final String DUE = """
      SELECT key, item_id, send_at FROM planned_message WHERE state = 'planned' AND send_at < $1 ORDER BY send_at LIMIT $2""";
  // Items first, in id order, as every item command locks its item before touching its plan: the engine
  // and a command then take their locks in the same order and can never deadlock.
  // Only items with something still to claim, and none another transaction holds: their keys wait for
  // the next scan rather than stall the batch behind a command or another node's claim.
  private static final String LOCK_ITEMS = """
      SELECT id FROM item
       WHERE id IN (SELECT item_id FROM planned_message WHERE key = ANY($1) AND state = 'planned' AND send_at <= $2)
       ORDER BY id FOR UPDATE SKIP LOCKED""";
  // Only one node's claim of a key succeeds: the row lock and the state check decide it. A row not yet
  // due (a timer that ran early, a clock moved back) is left for a later scan: nothing fires early.
  // Every due message of a locked item is claimed, not only the keys whose timers have run: the wheel
  // hands keys over one by one, and an item's backlog split over two batches would reach a person as
  // two SMS where R15's merge promises one. A batch stays bounded all the same, the earliest messages first.
  private static final String CLAIM = """
      UPDATE planned_message SET state = 'fired', fired_at = $1, fired_by = $2,
             late = $1 > coalesce(held_from, send_at) + interval '2 seconds'
       WHERE key IN (SELECT key FROM planned_message
                      WHERE item_id = ANY($3) AND state = 'planned' AND send_at <= $1
                      ORDER BY send_at, item_id, key LIMIT $4)
      RETURNING key, item_id, unit_id, recipient, kinds, rules, policy_version, due_at, send_at, held_from""";
  private static final String ITEMS = """
      SELECT i.id, i.number, i.title, i.sponsor_unit_id, s.specific_responsible_phone AS sponsor_phone
        FROM item i JOIN unit s ON s.id = i.sponsor_unit_id WHERE i.id = ANY($1)""";
  private static final String UNIT_PHONES = """
      SELECT iu.item_id, iu.unit_id, iu.deadline, u.first_responsible_phone, u.specific_responsible_phone
        FROM item_unit iu JOIN unit u ON u.id = iu.unit_id WHERE iu.item_id = ANY($1)""";
  private static final String SUPERVISION_PHONES = """
      SELECT DISTINCT phone FROM person WHERE role = 'supervision' AND active AND phone IS NOT NULL ORDER BY phone""";
  // R21 after a late claim: back in the schedule, to go when the quiet hours end; where it was first due is kept
  private static final String HOLD = """
      UPDATE planned_message SET state = 'planned', send_at = $2, held_from = coalesce(held_from, send_at),
             fired_at = NULL, fired_by = NULL, late = NULL
       WHERE key = $1""";
  private static final String SKIP = "UPDATE planned_message SET state = 'skipped', note = $2 WHERE key = $1";
  private static final String NOTE = "UPDATE planned_message SET note = $2 WHERE key = $1";
  // created at the domain's time, sendable at once by the wall clock the relay dispatcher runs on
  private static final String OUTBOX = """
      INSERT INTO outbox (planned_key, item_id, channel, phone, body, rules, secret, state, next_attempt_at, created_at)
      SELECT m.key, m.item_id, 'sms', m.phone, m.body, string_to_array(m.rules, ','), m.secret, 'pending', now(), $7
        FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])
             AS m (key, item_id, phone, body, rules, secret)
      ON CONFLICT (planned_key, phone) DO NOTHING""";

  private final Pool pool;

  FiringRepository(Pool pool) {
    this.pool = pool;
  }

  record Due(String key, long itemId, Instant sendAt) {
  }

  /** @param plannedAt when it was to go: its send time, or where a late claim in the quiet hours first found it due */
  record Claimed(String key, long itemId, Long unitId, String recipient, List<String> kinds, List<String> rules,
                 int policyVersion, Instant dueAt, Instant sendAt, Instant plannedAt) {
    Claimed withKinds(List<String> kinds, List<String> rules) {
      return new Claimed(key, itemId, unitId, recipient, kinds, rules, policyVersion, dueAt, sendAt, plannedAt);
    }
  }

  /** What the message text and its recipients need, read in the claiming transaction. */
  record Context(Map<Long, Row> items, Map<Long, Map<Long, Row>> units, List<String> supervisionPhones) {
  }

  Future<List<Due>> due(Instant before, int limit) {
    return pool.preparedQuery(DUE).execute(Tuple.of(Rows.utc(before), limit))
        .map(rows -> Rows.all(rows, r -> new Due(r.getString("key"), r.getLong("item_id"), Rows.instant(r, "send_at"))));
  }

  Future<List<Claimed>> claim(SqlClient tx, List<String> keys, Instant now, String node) {
    String[] wanted = keys.toArray(String[]::new);
    return tx.preparedQuery(LOCK_ITEMS).execute(Tuple.of(wanted, Rows.utc(now)))
        .map(locked -> Rows.all(locked, r -> r.getLong("id")).toArray(Long[]::new))
        .compose(items -> tx.preparedQuery(CLAIM).execute(Tuple.of(Rows.utc(now), node, items, ReminderEngine.CLAIM_BATCH)))
        .map(rows -> Rows.all(rows, r -> new Claimed(r.getString("key"), r.getLong("item_id"), r.getLong("unit_id"),
            r.getString("recipient"), List.of(r.getArrayOfStrings("kinds")), List.of(r.getArrayOfStrings("rules")),
            r.getInteger("policy_version"), Rows.instant(r, "due_at"), Rows.instant(r, "send_at"),
            Optional.ofNullable(Rows.instant(r, "held_from")).orElse(Rows.instant(r, "send_at")))));
  }

  Future<Context> context(SqlClient tx, List<Long> itemIds) {
    Long[] ids = itemIds.toArray(Long[]::new);
    Future<Map<Long, Row>> items = tx.preparedQuery(ITEMS).execute(Tuple.of((Object) ids)).map(rows -> {
      Map<Long, Row> byId = new HashMap<>();
      rows.forEach(r -> byId.put(r.getLong("id"), r));
      return byId;
    });
    return items.compose(byId -> tx.preparedQuery(UNIT_PHONES).execute(Tuple.of((Object) ids)).map(rows -> {
      Map<Long, Map<Long, Row>> units = new HashMap<>();
      rows.forEach(r -> units.computeIfAbsent(r.getLong("item_id"), i -> new HashMap<>()).put(r.getLong("unit_id"), r));
      return units;
    }).compose(units -> tx.query(SUPERVISION_PHONES).execute()
        .map(rows -> new Context(byId, units, Rows.all(rows, r -> r.getString("phone"))))));
  }

  /** R21: the messages a late claim found in the quiet hours go back into the schedule, to go when they end. */
  Future<Void> hold(SqlClient tx, Map<String, Instant> until) {
    return batch(tx, HOLD, until.entrySet().stream().map(e -> Tuple.of(e.getKey(), Rows.utc(e.getValue()))).toList());
  }

  /** Claimed, and rightly not sent: the note says why. */
  Future<Void> skip(SqlClient tx, Map<String, String> why) {
    return batch(tx, SKIP, why.entrySet().stream().map(e -> Tuple.of(e.getKey(), e.getValue())).toList());
  }

  /** Fired within another message of the batch: the note names it. */
  Future<Void> carried(SqlClient tx, List<LateFiring.Send> sent) {
    List<Tuple> notes = new ArrayList<>();
    sent.forEach(s -> s.carried().forEach(key -> notes.add(Tuple.of(key, "sent with " + s.message().key()))));
    return batch(tx, NOTE, notes);
  }

  private static Future<Void> batch(SqlClient tx, String sql, List<Tuple> rows) {
    return rows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(sql).executeBatch(rows).mapEmpty();
  }

  /** One statement for the whole batch: a set-based insert, not one round of parsing and checks per SMS. */
  Future<Void> outbox(SqlClient tx, List<Outgoing> messages, Instant now) {
    if (messages.isEmpty()) return Future.succeededFuture();
    int n = messages.size();
    String[] keys = new String[n];
    Long[] items = new Long[n];
    String[] phones = new String[n];
    String[] bodies = new String[n];
    String[] rules = new String[n];
    String[] secrets = new String[n];
    for (int i = 0; i < n; i++) {
      Outgoing m = messages.get(i);
      keys[i] = m.plannedKey();
      items[i] = m.itemId();
      phones[i] = m.phone();
      bodies[i] = m.body();
      // rule IDs are R and digits: a comma never occurs in one
      rules[i] = String.join(",", m.rules());
      secrets[i] = m.secret().orElse(null);
    }
    return tx.preparedQuery(OUTBOX).execute(Tuple.from(new Object[] {keys, items, phones, bodies, rules, secrets, Rows.utc(now)}))
        .mapEmpty();
  }

  /** @param secret what of the body opens something (a sign-in link's code): the outbox blanks it once sent */
  record Outgoing(String plannedKey, long itemId, String phone, String body, List<String> rules, Optional<String> secret) {
  }
}
