package org.duban.item;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.duban.auth.Principal;
import org.duban.db.Rows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All SQL of read marks ({@code item_read}, the item package's table): how far each person has read each item's
 * timeline, moved forward only, and how many events they have not read yet.
 */
final class ReadMarks {
  private static final String EVENT = "SELECT id, type, unit_id FROM item_event WHERE id = $1 AND item_id = $2";
  // the outer SELECT does not see the CTE's write: when the mark did not move (an older event, or another
  // device of the person's that got further first), it answers the mark kept
  private static final String MOVE = """
      WITH moved AS (
        INSERT INTO item_read (person_id, item_id, last_event_id, read_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (person_id, item_id) DO UPDATE SET last_event_id = EXCLUDED.last_event_id, read_at = EXCLUDED.read_at
         WHERE item_read.last_event_id < EXCLUDED.last_event_id
        RETURNING last_event_id)
      SELECT coalesce((SELECT last_event_id FROM moved),
                      (SELECT last_event_id FROM item_read WHERE person_id = $1 AND item_id = $2)) AS mark""";
  /**
   * One count per reading, in the order given: the events after the reader's mark that they did not make and may
   * see. The condition on the unit is {@link PerUnitState#showsEvent} in SQL: a reading's unit is null for the
   * sponsor side (every unit's events), else the liaison's own; $4 is {@link PerUnitState#UNIT_EVENTS}. A scalar
   * subquery per reading keeps one plan whatever the number of readings (a page of 200, a live change for 1,000
   * sockets) or the size of {@code item_read}: a probe of its primary key, then a range scan of the index on
   * {@code item_event (item_id, id)} from the mark on (a join let the planner hash all of {@code item_read} for
   * many readings; see docs/performance.md).
   */
  private static final String UNREAD = """
      SELECT r.n,
             (SELECT count(*) FROM item_event e
               WHERE e.item_id = r.item_id
                 AND e.id > coalesce((SELECT m.last_event_id FROM item_read m
                                       WHERE m.person_id = r.person_id AND m.item_id = r.item_id), 0)
                 AND e.actor_id IS DISTINCT FROM r.person_id
                 AND (r.unit_id IS NULL OR e.unit_id IS NULL OR e.type <> ALL($4::text[]) OR e.unit_id = r.unit_id)) AS unread
        FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) WITH ORDINALITY AS r(item_id, person_id, unit_id, n)
       ORDER BY r.n""";
  private static final String[] UNIT_EVENTS = PerUnitState.UNIT_EVENTS.toArray(String[]::new);
  /** Each reading's mark, in the order given: a probe of the primary key each, as in {@link #UNREAD}. */
  private static final String MARKS = """
      SELECT r.n, (SELECT m.last_event_id FROM item_read m WHERE m.person_id = r.person_id AND m.item_id = r.item_id) AS mark
        FROM unnest($1::bigint[], $2::bigint[]) WITH ORDINALITY AS r(item_id, person_id, n)
       ORDER BY r.n""";
  /** The few items' events after the lowest mark among their readers: what {@link #unreadOfMany} counts. */
  private static final String EVENTS_AFTER = "SELECT item_id, id, actor_id, unit_id, type FROM item_event WHERE item_id = ANY($1::bigint[]) AND id > $2";

  /** One person reading one item: whose events count against whose mark. */
  record Reading(long itemId, Principal who) {
  }

  private final Pool pool;

  ReadMarks(Pool pool) {
    this.pool = pool;
  }

  /** The event of this item with that id, with what {@link PerUnitState#showsEvent} decides on; empty when it is another's. */
  Future<Optional<JsonObject>> event(long itemId, long eventId) {
    return pool.preparedQuery(EVENT).execute(Tuple.of(eventId, itemId)).map(rows -> Rows.first(rows)
        .map(r -> new JsonObject().put("id", r.getLong("id")).put("type", r.getString("type")).put("unitId", r.getLong("unit_id"))));
  }

  /** Moves the person's mark on the item to the event, if that is forward; answers the mark as it now stands. */
  Future<Long> move(long personId, long itemId, long eventId, Instant now) {
    return pool.preparedQuery(MOVE).execute(Tuple.of(personId, itemId, eventId, Rows.utc(now)))
        .map(rows -> rows.iterator().next().getLong("mark"));
  }

  /**
   * The unread counts of many readers of a few items (one live change for every socket that sees it): their marks,
   * then the items' events after the lowest of them, counted here by {@link PerUnitState#showsEvent} itself. With
   * 10,000 readers of one item, {@link #UNREAD} would scan that item's events 10,000 times; this reads them once.
   */
  Future<List<Integer>> unreadOfMany(List<Reading> readings) {
    if (readings.isEmpty()) return Future.succeededFuture(List.of());
    Long[] items = new Long[readings.size()];
    Long[] people = new Long[readings.size()];
    for (int i = 0; i < readings.size(); i++) {
      items[i] = readings.get(i).itemId();
      people[i] = readings.get(i).who().personId();
    }
    return pool.preparedQuery(MARKS).execute(Tuple.tuple().addValue(items).addValue(people)).compose(rows -> {
      List<Long> marks = new ArrayList<>(readings.size());
      rows.forEach(r -> marks.add(r.getLong("mark") == null ? 0L : r.getLong("mark")));
      long lowest = marks.stream().mapToLong(Long::longValue).min().orElse(0L);
      Long[] distinct = Arrays.stream(items).distinct().toArray(Long[]::new);
      return pool.preparedQuery(EVENTS_AFTER).execute(Tuple.of(distinct, lowest)).map(events -> count(readings, marks, events));
    });
  }

  private static List<Integer> count(List<Reading> readings, List<Long> marks, RowSet<Row> rows) {
    Map<Long, List<JsonObject>> byItem = new HashMap<>();
    rows.forEach(r -> byItem.computeIfAbsent(r.getLong("item_id"), k -> new ArrayList<>()).add(new JsonObject()
        .put("id", r.getLong("id")).put("actorId", r.getLong("actor_id")).put("unitId", r.getLong("unit_id")).put("type", r.getString("type"))));
    List<Integer> counts = new ArrayList<>(readings.size());
    for (int i = 0; i < readings.size(); i++) {
      Reading reading = readings.get(i);
      long mark = marks.get(i);
      Long person = reading.who().personId();
      int n = 0;
      for (JsonObject e : byItem.getOrDefault(reading.itemId(), List.of())) {
        if (e.getLong("id") > mark && !person.equals(e.getLong("actorId")) && PerUnitState.showsEvent(reading.who(), e)) n++;
      }
      counts.add(n);
    }
    return counts;
  }

  /** The unread count of each reading, in one query however many there are. */
  Future<List<Integer>> unread(List<Reading> readings) {
    if (readings.isEmpty()) return Future.succeededFuture(List.of());
    Long[] items = new Long[readings.size()];
    Long[] people = new Long[readings.size()];
    Long[] units = new Long[readings.size()];
    for (int i = 0; i < readings.size(); i++) {
      Reading r = readings.get(i);
      items[i] = r.itemId();
      people[i] = r.who().personId();
      units[i] = PerUnitState.onlyUnit(r.who()).orElse(null);
    }
    return pool.preparedQuery(UNREAD).execute(Tuple.of(items, people, units, UNIT_EVENTS)).map(rows -> {
      List<Integer> counts = new ArrayList<>(readings.size());
      rows.forEach(r -> counts.add(r.getLong("unread").intValue()));
      return counts;
    });
  }
}
