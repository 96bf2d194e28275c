package org.duban.remind;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.duban.db.Rows;
import org.duban.time.Zones;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Locale;

/** All SQL of planned messages: the durable schedule the timer wheel fires from. */
final class PlanRepository {
  // only what the new plan lacks: a message it keeps stays as it is when held to the end of the quiet hours (R21)
  private static final String DELETE_UNFIRED = """
      DELETE FROM planned_message WHERE item_id = $1 AND state = 'planned' AND NOT (key = ANY($2))""";
  // a key that has fired (or was skipped) stays so: re-planning never sends it again; a waiting one takes the new
  // plan's times and version, unless a late claim held it to the end of the quiet hours, where it stays
  private static final String INSERT = """
      INSERT INTO planned_message (key, item_id, unit_id, recipient, kinds, rules, policy_version, due_at, send_at, state, planned_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'planned', $10)
      ON CONFLICT (key) DO UPDATE SET unit_id = EXCLUDED.unit_id, rules = EXCLUDED.rules, policy_version = EXCLUDED.policy_version,
                                      due_at = EXCLUDED.due_at,
                                      send_at = EXCLUDED.send_at, planned_at = EXCLUDED.planned_at
       WHERE planned_message.state = 'planned' AND planned_message.held_from IS NULL""";
  private static final String UNFIRED = """
      SELECT key, unit_id, kinds, send_at, held_from FROM planned_message WHERE item_id = $1 AND state = 'planned'""";
  private static final String OF_ITEM = """
      SELECT key, unit_id, recipient, kinds, rules, policy_version, due_at, send_at, state, fired_at, late, note, held_from
        FROM planned_message WHERE item_id = $1 AND send_at < $2 ORDER BY send_at, key""";
  // the first waiting message after $2 per item and unit (a null unit, the whole item's, is a group of its own);
  // what has come due and waits to be claimed is no longer "next"
  private static final String NEXT = """
      SELECT DISTINCT ON (item_id, unit_id) item_id, unit_id, recipient, kinds, rules, due_at, send_at, key
        FROM planned_message WHERE item_id = ANY($1) AND state = 'planned' AND send_at > $2
       ORDER BY item_id, unit_id, send_at, key""";
  private static final String RECORD_CHANGE = "INSERT INTO plan_change (item_id, at, removed, added) VALUES ($1, $2, $3, $4)";
  // $3, a liaison's unit, narrows each change to that unit's messages and drops the changes left with none
  // before the limit, so that neither another unit's messages nor the moments it acted show (PerUnitState)
  private static final String WAITING_BETWEEN = """
      SELECT DISTINCT item_id FROM planned_message
       WHERE state = 'planned' AND ((due_at >= $1 AND due_at < $2) OR (send_at >= $1 AND send_at < $2))""";
  private static final String CHANGES = """
      SELECT at, removed, added FROM (
        SELECT c.id, c.at,
               coalesce((SELECT jsonb_agg(m) FROM jsonb_array_elements(c.removed) m
                          WHERE $3::bigint IS NULL OR (m ->> 'unitId')::bigint = $3), '[]'::jsonb) AS removed,
               coalesce((SELECT jsonb_agg(m) FROM jsonb_array_elements(c.added) m
                          WHERE $3::bigint IS NULL OR (m ->> 'unitId')::bigint = $3), '[]'::jsonb) AS added
          FROM plan_change c WHERE c.item_id = $1) narrowed
       WHERE $3::bigint IS NULL OR removed <> '[]'::jsonb OR added <> '[]'::jsonb
       ORDER BY id DESC LIMIT $2""";

  /** The unfired messages as the API shows them in a change: key, unit, kinds and when. */
  Future<Map<String, JsonObject>> unfired(SqlClient tx, long itemId) {
    return tx.preparedQuery(UNFIRED).execute(Tuple.of(itemId)).map(rows -> {
      Map<String, JsonObject> byKey = new LinkedHashMap<>();
      rows.forEach(r -> {
        JsonObject message = change(r.getString("key"), r.getLong("unit_id"), List.of(r.getArrayOfStrings("kinds")), Rows.instant(r, "send_at"));
        Instant heldFrom = Rows.instant(r, "held_from");
        byKey.put(r.getString("key"), heldFrom == null ? message : message.put("heldFrom", heldFrom.toString()));
      });
      return byKey;
    });
  }

  static JsonObject change(String key, Long unitId, List<String> kinds, Instant sendAt) {
    return new JsonObject().put("key", key).put("unitId", unitId).put("kinds", new JsonArray(kinds)).put("sendAt", sendAt.toString());
  }

  Future<Void> recordChange(SqlClient tx, long itemId, Instant now, JsonArray removed, JsonArray added) {
    return tx.preparedQuery(RECORD_CHANGE).execute(Tuple.of(itemId, Rows.utc(now), removed, added)).mapEmpty();
  }

  /** The items with a waiting message due or to be sent in {@code [from, to)}. */
  Future<List<Long>> itemsWaitingBetween(SqlClient client, Instant from, Instant to) {
    return client.preparedQuery(WAITING_BETWEEN).execute(Tuple.of(Rows.utc(from), Rows.utc(to)))
        .map(rows -> Rows.all(rows, r -> r.getLong("item_id")));
  }

  /** @param onlyUnit a liaison's unit, whose messages alone they see; empty for everyone else */
  Future<JsonArray> changes(SqlClient client, long itemId, Optional<Long> onlyUnit, int limit) {
    return client.preparedQuery(CHANGES).execute(Tuple.of(itemId, limit, onlyUnit.orElse(null))).map(rows -> new JsonArray(Rows.all(rows, r -> new JsonObject()
        .put("at", Rows.instant(r, "at").toString()).put("removed", r.getJson("removed")).put("added", r.getJson("added")))));
  }

  /** The item's messages up to {@code until}, fired or not, as the schedule holds them, in sending order. */
  Future<List<JsonObject>> ofItem(SqlClient client, long itemId, Instant until) {
    return client.preparedQuery(OF_ITEM).execute(Tuple.of(itemId, Rows.utc(until))).map(rows -> Rows.all(rows, r -> {
      Instant sendAt = Rows.instant(r, "send_at");
      Instant firedAt = Rows.instant(r, "fired_at");
      Instant heldFrom = Rows.instant(r, "held_from");
      return new JsonObject()
          .put("dueAt", Rows.instant(r, "due_at").toString())
          .put("sendAt", sendAt.toString())
          .put("localSendAt", sendAt.atZone(Zones.SHANGHAI).toOffsetDateTime().toString())
          .put("unitId", r.getLong("unit_id"))
          .put("recipient", r.getString("recipient"))
          .put("kinds", new JsonArray(List.of(r.getArrayOfStrings("kinds"))))
          .put("rules", new JsonArray(List.of(r.getArrayOfStrings("rules"))))
          .put("policyVersion", r.getInteger("policy_version"))
          .put("key", r.getString("key"))
          .put("state", r.getString("state"))
          .put("firedAt", firedAt == null ? null : firedAt.toString())
          .put("late", r.getBoolean("late"))
          .put("heldFrom", heldFrom == null ? null : heldFrom.toString())
          .put("note", r.getString("note"));
    }));
  }

  /** Each item's next waiting message per unit after {@code after}, in one query ({@link NextReminders}). */
  Future<Map<Long, List<Upcoming>>> next(SqlClient client, Collection<Long> itemIds, Instant after) {
    return client.preparedQuery(NEXT).execute(Tuple.of(itemIds.toArray(Long[]::new), Rows.utc(after))).map(rows -> {
      Map<Long, List<Upcoming>> byItem = new HashMap<>();
      rows.forEach(r -> byItem.computeIfAbsent(r.getLong("item_id"), id -> new ArrayList<>()).add(new Upcoming(r.getLong("item_id"),
          r.getLong("unit_id"), r.getString("recipient"), List.of(r.getArrayOfStrings("kinds")), List.of(r.getArrayOfStrings("rules")),
          Rows.instant(r, "due_at"), Rows.instant(r, "send_at"), r.getString("key"))));
      return byItem;
    });
  }

  /** The item's waiting messages the new plan does not keep. */
  Future<Void> deleteUnfiredExcept(SqlClient tx, long itemId, List<Planned> kept) {
    return tx.preparedQuery(DELETE_UNFIRED).execute(Tuple.of(itemId, (Object) kept.stream().map(Planned::key).toArray(String[]::new)))
        .mapEmpty();
  }

  Future<Void> insert(SqlClient tx, List<Planned> planned, Instant now) {
    if (planned.isEmpty()) return Future.succeededFuture();
    List<Tuple> batch = planned.stream().map(p -> Tuple.from(new Object[] {p.key(), p.itemId(), p.unitId().orElse(null),
        p.recipient().name().toLowerCase(Locale.ROOT), p.kinds().toArray(String[]::new), p.rules().toArray(String[]::new),
        p.policyVersion(), Rows.utc(p.dueAt()), Rows.utc(p.sendAt()), Rows.utc(now)})).toList();
    return tx.preparedQuery(INSERT).executeBatch(batch).mapEmpty();
  }
}
