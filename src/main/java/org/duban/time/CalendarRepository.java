package org.duban.time;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.duban.db.Rows;

import java.time.Instant;
import java.util.List;

/** All SQL of the work calendar: one row per year, holding the notice as JSON. */
final class CalendarRepository {
  private static final String ALL = "SELECT notice FROM calendar_year ORDER BY year";
  private static final String INSERT_IF_MISSING = """
      INSERT INTO calendar_year (year, source, notice, imported_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (year) DO NOTHING""";
  /** The channel on which every node hears that the calendar changed. */
  static final String CHANGED = "duban_calendar";
  // one statement: the other nodes are told exactly when, and only if, the year is stored
  private static final String UPSERT = """
      WITH stored AS (
        INSERT INTO calendar_year (year, source, notice, imported_at, imported_by) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, notice = EXCLUDED.notice,
                                         imported_at = EXCLUDED.imported_at, imported_by = EXCLUDED.imported_by
        RETURNING year)
      SELECT pg_notify('%s', year::text) FROM stored""".formatted(CHANGED);

  private final Pool pool;

  CalendarRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<CalendarYear>> all() {
    return pool.query(ALL).execute().map(rows -> Rows.all(rows, r -> CalendarYear.fromJson((JsonObject) r.getJson("notice"))));
  }

  /** Shipped years fill gaps only: an administrator's import of the same year is never overwritten. */
  Future<Void> insertIfMissing(List<CalendarYear> years, Instant now) {
    List<Tuple> batch = years.stream().map(y -> Tuple.of(y.year(), y.source(), y.toJson(), Rows.utc(now))).toList();
    return pool.preparedQuery(INSERT_IF_MISSING).executeBatch(batch).mapEmpty();
  }

  Future<Void> upsert(CalendarYear year, Instant now, long importedBy) {
    return pool.preparedQuery(UPSERT).execute(Tuple.of(year.year(), year.source(), year.toJson(), Rows.utc(now), importedBy)).mapEmpty();
  }
}
