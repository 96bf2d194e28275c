package org.duban.item;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.duban.db.Rows;
import org.duban.time.CalendarMark;
import org.duban.time.WorkCalendar;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All SQL that reads items for people: one item, lists and ledgers, timelines, reports. */
final class ItemQueries {
  private static final String ITEM = """
      SELECT i.*, s.name AS sponsor_name FROM item i JOIN unit s ON s.id = i.sponsor_unit_id WHERE i.id = $1""";
  private static final String UNITS = """
      SELECT iu.*, u.name FROM item_unit iu JOIN unit u ON u.id = iu.unit_id
       WHERE iu.item_id = $1 ORDER BY iu.role DESC, iu.unit_id""";
  // Urgency: the earliest deadline among units still owing a report on an active item; items owing
  // nothing sort last. $15 narrows to board "2" kinds (R35). $8, a liaison's unit, also narrows the
  // per-unit state a row is made of (next deadline, overdue, returns) to that unit's (PerUnitState).
  static final String LIST = """
      WITH scoped AS (
        SELECT i.id, i.number, i.title, i.board, i.kind, i.source, i.node, i.status, i.sponsor_unit_id,
               s.name AS sponsor_name, i.key_supervision, i.registered_at, i.closed_at, i.responsible_leader, i.grade,
               i.assigned_at, i.severity, i.explicit_deadline,
               lead.unit_id AS lead_unit_id, lu.name AS lead_unit_name,
               (SELECT min(o.deadline) FROM item_unit o
                 WHERE o.item_id = i.id AND i.status = 'active' AND o.status IN ('assigned', 'returned')
                   AND ($8::bigint IS NULL OR o.unit_id = $8)) AS next_deadline,
               (SELECT coalesce(sum(r.returns), 0) FROM item_unit r
                 WHERE r.item_id = i.id AND ($8::bigint IS NULL OR r.unit_id = $8)) AS returns
          FROM item i
          JOIN unit s ON s.id = i.sponsor_unit_id
          JOIN item_unit lead ON lead.item_id = i.id AND lead.role = 'lead'
          JOIN unit lu ON lu.id = lead.unit_id
         WHERE ($1::text IS NULL OR i.board = $1)
           AND ($2::text IS NULL OR i.status = $2 OR ($2 = 'open' AND i.status <> 'closed'))
           AND ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM item_unit f WHERE f.item_id = i.id AND f.unit_id = $3))
           AND ($4::bigint IS NULL OR i.sponsor_unit_id = $4)
           AND ($5::text IS NULL OR i.source = $5)
           AND ($6::text IS NULL OR i.node = $6)
           AND ($7::boolean IS NULL OR i.key_supervision = $7)
           AND ($8::bigint IS NULL OR EXISTS (SELECT 1 FROM item_unit v WHERE v.item_id = i.id AND v.unit_id = $8))
           AND ($9::bigint IS NULL OR i.sponsor_unit_id = $9)
           AND (NOT $15::boolean OR i.kind IN ('key_task', 'major_reform')))
      SELECT *, coalesce(next_deadline, 'infinity') AS urgency FROM scoped
       WHERE ($10::boolean IS NULL OR (coalesce(next_deadline < $11, false)) = $10)
         AND ($12::timestamptz IS NULL OR (coalesce(next_deadline, 'infinity'), id) > ($12, $13))
       ORDER BY coalesce(next_deadline, 'infinity'), id
       LIMIT $14""";
  private static final String EVENTS = """
      SELECT e.id, e.at, e.type, e.actor_id, p.display_name AS actor_name, e.actor_role, e.unit_id, u.name AS unit_name,
             e.rule, e.reason, e.data
        FROM item_event e LEFT JOIN person p ON p.id = e.actor_id LEFT JOIN unit u ON u.id = e.unit_id
       WHERE e.item_id = $1
       ORDER BY e.id""";
  // what a change notification names (ItemChanges): the events of a range, of the items it lists or, past a few
  // hundred, of any item; the primary key's range scan bounds it
  private static final String EVENTS_IN_RANGE = """
      SELECT e.item_id, e.id, e.at, e.type, e.actor_id, p.display_name AS actor_name, e.actor_role, e.unit_id, u.name AS unit_name,
             e.rule, e.reason, e.data
        FROM item_event e LEFT JOIN person p ON p.id = e.actor_id LEFT JOIN unit u ON u.id = e.unit_id
       WHERE e.id BETWEEN $1 AND $2 AND ($3::bigint[] IS NULL OR e.item_id = ANY($3))
       ORDER BY e.id""";

  private final Pool pool;

  ItemQueries(Pool pool) {
    this.pool = pool;
  }

  /** The filters of a list or a ledger, plus the caller's scope (a liaison's unit, a sponsor's office). */
  record Filter(String board, String status, Long unitId, Long sponsorUnitId, String source, String node,
                Boolean keySupervision, Boolean overdue, Long scopeUnitId, Long scopeSponsorUnitId, boolean boardTwoKinds) {
  }

  record Cursor(OffsetDateTime urgency, long id) {
  }

  /** One item; each deadline carries its R12 calendar mark under {@code calendar}. */
  Future<Optional<JsonObject>> item(long id, Instant now, WorkCalendar calendar) {
    return pool.preparedQuery(ITEM).execute(Tuple.of(id)).compose(rows -> Rows.first(rows)
        .map(row -> pool.preparedQuery(UNITS).execute(Tuple.of(id))
            .map(units -> Optional.of(itemJson(row, Rows.all(units, u -> u), now, calendar))))
        .orElseGet(() -> Future.succeededFuture(Optional.empty())));
  }

  Future<List<Row>> list(Filter f, Instant now, Optional<Cursor> after, int limit) {
    Object[] values = {f.board(), f.status(), f.unitId(), f.sponsorUnitId(), f.source(), f.node(), f.keySupervision(),
        f.scopeUnitId(), f.scopeSponsorUnitId(), f.overdue(), Rows.utc(now),
        after.map(Cursor::urgency).orElse(null), after.map(Cursor::id).orElse(null), limit, f.boardTwoKinds()};
    return pool.preparedQuery(LIST).execute(Tuple.from(values)).map(rows -> Rows.all(rows, r -> r));
  }

  /** Every event; what a reader may see of them is {@link PerUnitState}'s to decide. */
  Future<JsonArray> events(long itemId) {
    return pool.preparedQuery(EVENTS).execute(Tuple.of(itemId))
        .map(rows -> new JsonArray(Rows.all(rows, ItemQueries::eventJson)));
  }

  /** The events with ids from {@code first} to {@code last}, of the named items or of any; by item, in order. */
  Future<Map<Long, List<JsonObject>>> eventsInRange(long first, long last, Optional<List<Long>> items) {
    Long[] named = items.map(ids -> ids.toArray(Long[]::new)).orElse(null);
    return pool.preparedQuery(EVENTS_IN_RANGE).execute(Tuple.of(first, last, named)).map(rows -> {
      Map<Long, List<JsonObject>> byItem = new LinkedHashMap<>();
      rows.forEach(r -> byItem.computeIfAbsent(r.getLong("item_id"), id -> new ArrayList<>()).add(eventJson(r)));
      return byItem;
    });
  }

  /** A list row; {@code calendar} marks its next deadline (R12). */
  static JsonObject summaryJson(Row r, Instant now, WorkCalendar calendar) {
    Instant next = Rows.instant(r, "next_deadline");
    return new JsonObject()
        .put("id", r.getLong("id")).put("number", r.getString("number")).put("title", r.getString("title"))
        .put("board", r.getString("board")).put("kind", r.getString("kind")).put("source", r.getString("source"))
        .put("node", r.getString("node")).put("status", r.getString("status"))
        .put("sponsorUnitId", r.getLong("sponsor_unit_id")).put("sponsorName", r.getString("sponsor_name"))
        .put("leadUnitId", r.getLong("lead_unit_id")).put("leadUnitName", r.getString("lead_unit_name"))
        .put("responsibleLeader", r.getString("responsible_leader"))
        .put("nextDeadline", next == null ? null : next.toString())
        .put("overdue", next != null && now.isAfter(next))
        .put("calendar", (next == null ? CalendarMark.KNOWN : Deadlines.mark(calendar, next, plainEnd(r))).toJson())
        .put("keySupervision", r.getBoolean("key_supervision"))
        .put("returns", r.getLong("returns"))
        .put("registeredAt", Rows.instant(r, "registered_at").toString());
  }

  /** The item's mark is that of all its deadlines together: the explicit one and every unit's (R12). */
  private static JsonObject itemJson(Row r, List<Row> unitRows, Instant now, WorkCalendar calendar) {
    Optional<Instant> plainEnd = plainEnd(r);
    boolean active = "active".equals(r.getString("status"));
    Instant explicit = Rows.instant(r, "explicit_deadline");
    CalendarMark mark = explicit == null ? CalendarMark.KNOWN : CalendarMark.at(calendar, explicit);
    JsonArray units = new JsonArray();
    for (Row u : unitRows) {
      Instant deadline = Rows.instant(u, "deadline");
      CalendarMark unitMark = deadline == null ? CalendarMark.KNOWN : Deadlines.mark(calendar, deadline, plainEnd);
      mark = mark.plus(unitMark);
      units.add(unitJson(u, active, now, unitMark));
    }
    boolean overdue = units.stream().anyMatch(u -> ((JsonObject) u).getBoolean("overdue"));
    return new JsonObject()
        .put("id", r.getLong("id")).put("number", r.getString("number"))
        .put("board", r.getString("board")).put("kind", r.getString("kind")).put("source", r.getString("source"))
        .put("title", r.getString("title")).put("body", r.getString("body"))
        .put("sponsorUnitId", r.getLong("sponsor_unit_id")).put("sponsorName", r.getString("sponsor_name"))
        .put("responsibleLeader", r.getString("responsible_leader")).put("serviceObject", r.getString("service_object"))
        .put("node", r.getString("node")).put("deadline", text(Rows.instant(r, "explicit_deadline")))
        .put("severity", r.getString("severity")).put("problems", r.getJson("problems")).put("plan", r.getString("plan"))
        .put("status", r.getString("status")).put("grade", r.getString("grade"))
        .put("agreementFailures", r.getInteger("agreement_failures")).put("verification", r.getString("verification"))
        .put("keySupervision", r.getBoolean("key_supervision")).put("numberCancelled", r.getBoolean("number_cancelled"))
        .put("registeredAt", text(Rows.instant(r, "registered_at"))).put("assignedAt", text(Rows.instant(r, "assigned_at")))
        .put("closedAt", text(Rows.instant(r, "closed_at"))).put("overdue", overdue).put("calendar", mark.toJson())
        .put("version", r.getInteger("version")).put("units", units);
  }

  /** A unit owes a report only on an active item: after completion is asked for, nothing is overdue. */
  private static JsonObject unitJson(Row r, boolean itemActive, Instant now, CalendarMark mark) {
    Instant deadline = Rows.instant(r, "deadline");
    String status = r.getString("status");
    boolean owing = itemActive && ("assigned".equals(status) || "returned".equals(status));
    return new JsonObject()
        .put("unitId", r.getLong("unit_id")).put("name", r.getString("name")).put("role", r.getString("role"))
        .put("status", status).put("deadline", text(deadline)).put("returns", r.getInteger("returns"))
        .put("lastReportedAt", text(Rows.instant(r, "last_reported_at")))
        .put("overdue", owing && deadline != null && now.isAfter(deadline))
        .put("calendar", mark.toJson())
        .put("extension", r.getJson("extension"));
  }

  private static JsonObject eventJson(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id")).put("at", Rows.instant(r, "at").toString()).put("type", r.getString("type"))
        .put("actorId", r.getLong("actor_id")).put("actorName", r.getString("actor_name")).put("actorRole", r.getString("actor_role"))
        .put("unitId", r.getLong("unit_id")).put("unitName", r.getString("unit_name"))
        .put("rule", r.getString("rule")).put("reason", r.getString("reason")).put("data", r.getJson("data"));
  }

  /** The plain end of the item's node or limit, from an item or list row (R12 marks). */
  private static Optional<Instant> plainEnd(Row r) {
    return Deadlines.plainEnd(Optional.ofNullable(r.getString("node")).map(Node::fromWire), "rectification".equals(r.getString("kind")),
        Optional.ofNullable(r.getString("severity")), Optional.ofNullable(Rows.instant(r, "explicit_deadline")),
        Optional.ofNullable(Rows.instant(r, "assigned_at")));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
