package org.duban.item;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.duban.db.PgErrors;
import org.duban.db.Rows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All SQL that writes items: numbering, the lifecycle state, and the event log. */
final class ItemRepository {
  private static final String NEXT_NUMBER = """
      INSERT INTO item_number_counter (sponsor_unit_id, year, last) VALUES ($1, $2, 1)
      ON CONFLICT (sponsor_unit_id, year) DO UPDATE SET last = item_number_counter.last + 1
      RETURNING last, (SELECT COALESCE(code, 'U' || id) FROM unit WHERE id = $1) AS prefix""";
  private static final String INSERT_ITEM = """
      INSERT INTO item (number, board, kind, source, title, body, sponsor_unit_id, responsible_leader, service_object,
                        node, explicit_deadline, severity, problems, plan, status, registered_by, registered_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
      RETURNING id""";
  private static final String INSERT_UNIT = """
      INSERT INTO item_unit (item_id, unit_id, role, status) VALUES ($1, $2, $3, $4)""";
  private static final String ITEM_STATE = """
      SELECT id, number, status, board, kind, source, sponsor_unit_id, service_object, node, explicit_deadline, severity, grade,
             agreement_failures, verification, key_supervision, number_cancelled, assigned_at, closed_at, version
        FROM item WHERE id = $1""";
  private static final String LOCK_ITEM = ITEM_STATE + " FOR UPDATE";
  private static final String UNITS = """
      SELECT unit_id, role, status, deadline, returns, last_reported_at, extension
        FROM item_unit WHERE item_id = $1 ORDER BY role DESC, unit_id""";
  private static final String UPDATE_ITEM = """
      UPDATE item SET status = $2, board = $3, grade = $4, agreement_failures = $5, verification = $6,
             key_supervision = $7, number_cancelled = $8, assigned_at = $9, closed_at = $10, updated_at = $11,
             version = version + 1
       WHERE id = $1""";
  private static final String UPDATE_UNIT = """
      UPDATE item_unit SET status = $3, deadline = $4, returns = $5, last_reported_at = $6, extension = $7
       WHERE item_id = $1 AND unit_id = $2""";
  private static final String APPEND_EVENT = """
      INSERT INTO item_event (item_id, at, type, actor_id, actor_role, unit_id, rule, reason, data)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      RETURNING id""";
  /** R32, R37: a granted extension or a failed re-check gives every unit of the item a date of its own. */
  private static final String DEADLINES_SET_OTHERWISE = """
      SELECT EXISTS (SELECT 1 FROM item_event WHERE item_id = $1 AND type IN ('extension_granted', 'reopened')) AS set""";
  private static final String ACTIVE_IDS = "SELECT id FROM item WHERE status = 'active' ORDER BY id";
  private static final String ACTIVE_DUE_BETWEEN = """
      SELECT DISTINCT u.item_id FROM item_unit u JOIN item i ON i.id = u.item_id
       WHERE i.status = 'active' AND u.deadline >= $1 AND u.deadline < $2""";
  private static final String ACTIVE_TITLES = """
      SELECT id, title FROM item WHERE id = ANY($1) AND status = 'active' ORDER BY number, id""";
  private static final String KNOWN_UNITS = "SELECT id FROM unit WHERE id = ANY($1)";
  static final Map<String, String> CONSTRAINTS = Map.of(
      "item_unit_unit_id_fkey", "/leadUnitId",
      "item_sponsor_unit_id_fkey", "/sponsorUnitId");

  Future<String> nextNumber(SqlClient tx, long sponsorUnitId, int year) {
    return tx.preparedQuery(NEXT_NUMBER).execute(Tuple.of(sponsorUnitId, year)).map(rows -> {
      Row row = rows.iterator().next();
      return "%s-%d-%04d".formatted(row.getString("prefix"), year, row.getInteger("last"));
    });
  }

  Future<List<Long>> activeIds(SqlClient client) {
    return client.query(ACTIVE_IDS).execute().map(rows -> Rows.all(rows, r -> r.getLong("id")));
  }

  /** The active items with a unit's deadline in {@code [from, to)}. */
  Future<List<Long>> activeDueBetween(SqlClient client, Instant from, Instant to) {
    return client.preparedQuery(ACTIVE_DUE_BETWEEN).execute(Tuple.of(Rows.utc(from), Rows.utc(to)))
        .map(rows -> Rows.all(rows, r -> r.getLong("item_id")));
  }

  /** The titles of those of {@code ids} still active, in number order. */
  Future<Map<Long, String>> activeTitles(SqlClient client, List<Long> ids) {
    return client.preparedQuery(ACTIVE_TITLES).execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
      Map<Long, String> titles = new LinkedHashMap<>();
      rows.forEach(r -> titles.put(r.getLong("id"), r.getString("title")));
      return titles;
    });
  }

  /**
   * Whether the item's deadlines were ever set by something other than its node (or its rectification's
   * limit): an extension granted (R32) moves every unit due before the new date to it, a failed re-check
   * (R37) gives every unit a new date; either way no unit's deadline is the node's any more.
   */
  Future<Boolean> deadlinesSetOtherwise(SqlClient tx, long itemId) {
    return tx.preparedQuery(DEADLINES_SET_OTHERWISE).execute(Tuple.of(itemId)).map(rows -> rows.iterator().next().getBoolean("set"));
  }

  Future<List<Long>> knownUnits(SqlClient tx, List<Long> ids) {
    return tx.preparedQuery(KNOWN_UNITS).execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> Rows.all(rows, r -> r.getLong("id")));
  }

  Future<Long> insert(SqlClient tx, Item draft, Registration r, String number, long registeredBy, Instant now) {
    Object[] values = {number, Vocabulary.wire(draft.board()), Vocabulary.wire(draft.kind()), r.source(), r.title(), r.body(),
        draft.sponsorUnitId(), r.responsibleLeader(), r.serviceObject().orElse(null), r.node().map(Node::wire).orElse(null),
        Rows.utc(r.deadline().orElse(null)), r.severity().orElse(null),
        r.problems().isEmpty() ? null : new JsonArray(List.copyOf(r.problems())), r.plan().orElse(null),
        Vocabulary.wire(draft.status()), registeredBy, Rows.utc(now)};
    return tx.preparedQuery(INSERT_ITEM).execute(Tuple.from(values))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(id -> insertUnits(tx, id, draft).map(id))
        .recover(PgErrors.translate(CONSTRAINTS));
  }

  private Future<Void> insertUnits(SqlClient tx, long itemId, Item draft) {
    List<Tuple> batch = draft.units().values().stream()
        .map(u -> Tuple.of(itemId, u.unitId(), u.lead() ? "lead" : "cooperating", Vocabulary.wire(u.status()))).toList();
    return tx.preparedQuery(INSERT_UNIT).executeBatch(batch).mapEmpty();
  }

  /** The item's state, locked for the rest of the transaction. */
  Future<Optional<Item>> lock(SqlClient tx, long id) {
    return state(tx, id, LOCK_ITEM);
  }

  /** The item's state as it stands, for reading only. */
  Future<Optional<Item>> read(SqlClient client, long id) {
    return state(client, id, ITEM_STATE);
  }

  private Future<Optional<Item>> state(SqlClient client, long id, String sql) {
    return client.preparedQuery(sql).execute(Tuple.of(id)).compose(rows -> Rows.first(rows)
        .map(row -> client.preparedQuery(UNITS).execute(Tuple.of(id)).map(units -> Optional.of(item(row, Rows.all(units, ItemRepository::unit)))))
        .orElseGet(() -> Future.succeededFuture(Optional.empty())));
  }

  /** Writes what the lifecycle changed: the item row, and each unit row that differs. */
  Future<Void> save(SqlClient tx, Item before, Item after, Instant now) {
    Object[] values = {after.id(), Vocabulary.wire(after.status()), Vocabulary.wire(after.board()),
        after.grade().map(Vocabulary::wire).orElse(null), after.agreementFailures(), after.verification().orElse(null),
        after.keySupervision(), after.numberCancelled(), Rows.utc(after.assignedAt().orElse(null)),
        Rows.utc(after.closedAt().orElse(null)), Rows.utc(now)};
    List<Tuple> changedUnits = after.units().values().stream()
        .filter(u -> !u.equals(before.units().get(u.unitId())))
        .map(u -> Tuple.from(new Object[] {after.id(), u.unitId(), Vocabulary.wire(u.status()), Rows.utc(u.deadline().orElse(null)),
            u.returns(), Rows.utc(u.lastReportedAt().orElse(null)), u.extension().map(ItemRepository::extensionJson).orElse(null)}))
        .toList();
    Future<Void> item = tx.preparedQuery(UPDATE_ITEM).execute(Tuple.from(values)).mapEmpty();
    return changedUnits.isEmpty() ? item : item.compose(v -> tx.preparedQuery(UPDATE_UNIT).executeBatch(changedUnits).mapEmpty());
  }

  /** Appends the events, and notes them in what the transaction will publish as it ends. */
  Future<Void> append(SqlClient tx, ItemChanges changes, long itemId, List<Event> events, Actor actor, Instant now) {
    List<Tuple> batch = new ArrayList<>();
    for (Event e : events) {
      batch.add(Tuple.from(new Object[] {itemId, Rows.utc(now), e.type(), actor.person().orElse(null), actor.wireRole(),
          e.unitId().orElse(null), e.rule().orElse(null), e.reason().orElse(null), e.data()}));
    }
    if (batch.isEmpty()) return Future.succeededFuture();
    return tx.preparedQuery(APPEND_EVENT).executeBatch(batch).map(first -> {
      // a batch answers one row set per tuple, chained
      List<Long> ids = new ArrayList<>();
      for (RowSet<Row> rows = first; rows != null; rows = rows.next()) rows.forEach(r -> ids.add(r.getLong("id")));
      changes.appended(itemId, ids);
      return null;
    });
  }

  private static Item item(Row r, List<ItemUnit> units) {
    Map<Long, ItemUnit> byUnit = new LinkedHashMap<>();
    units.forEach(u -> byUnit.put(u.unitId(), u));
    return new Item(r.getLong("id"), r.getString("number"), Vocabulary.parse(Status.class, r.getString("status")),
        Vocabulary.parse(Board.class, r.getString("board")), Vocabulary.parse(Kind.class, r.getString("kind")),
        r.getString("source"), r.getLong("sponsor_unit_id"), Optional.ofNullable(r.getString("service_object")),
        Optional.ofNullable(r.getString("node")).map(Node::fromWire), Optional.ofNullable(Rows.instant(r, "explicit_deadline")),
        Optional.ofNullable(r.getString("severity")), Optional.ofNullable(r.getString("grade")).map(g -> Vocabulary.parse(Grade.class, g)),
        r.getInteger("agreement_failures"), Optional.ofNullable(r.getString("verification")), r.getBoolean("key_supervision"),
        r.getBoolean("number_cancelled"), Optional.ofNullable(Rows.instant(r, "assigned_at")),
        Optional.ofNullable(Rows.instant(r, "closed_at")), byUnit, r.getInteger("version"));
  }

  private static ItemUnit unit(Row r) {
    return new ItemUnit(r.getLong("unit_id"), "lead".equals(r.getString("role")),
        Vocabulary.parse(UnitStatus.class, r.getString("status")), Optional.ofNullable(Rows.instant(r, "deadline")),
        r.getInteger("returns"), Optional.ofNullable(Rows.instant(r, "last_reported_at")),
        Optional.ofNullable((JsonObject) r.getJson("extension")).map(ItemRepository::extension));
  }

  static JsonObject extensionJson(Extension e) {
    return new JsonObject().put("requestedAt", e.requestedAt().toString()).put("newDeadline", e.newDeadline().toString())
        .put("plan", e.plan()).put("state", Vocabulary.wire(e.state()))
        .put("milestones", new JsonArray(e.milestones().stream()
            .map(m -> new JsonObject().put("date", m.date().toString()).put("description", m.description())).toList()));
  }

  private static Extension extension(JsonObject json) {
    List<Extension.Milestone> milestones = json.getJsonArray("milestones", new JsonArray()).stream()
        .map(m -> (JsonObject) m)
        .map(m -> new Extension.Milestone(LocalDate.parse(m.getString("date")), m.getString("description"))).toList();
    return new Extension(Instant.parse(json.getString("requestedAt")), Instant.parse(json.getString("newDeadline")),
        json.getString("plan"), milestones, Vocabulary.parse(Extension.State.class, json.getString("state")));
  }
}
