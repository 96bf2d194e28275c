package org.duban.time;

import org.duban.fault.DocumentFormatException;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.duban.db.Notifications;
import org.duban.fault.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.duban.fault.FieldError;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * The PRC work calendar (R12) the rules count working days with. The database is the truth; each
 * server keeps an immutable copy, reloaded when any node imports a year (a notification sent as the
 * import commits) and every minute besides, for a notification missed while disconnected.
 */
public final class CalendarService {
  private static final Logger LOG = LoggerFactory.getLogger(CalendarService.class);
  static final int MAX_RANGE_DAYS = 366;
  private final CalendarRepository repository;
  private final Clock clock;
  private volatile IntFunction<Future<Void>> afterImport = year -> Future.succeededFuture();
  private final AtomicReference<WorkCalendar> current = new AtomicReference<>(WorkCalendar.of(List.of()));
  private final AtomicLong reloads = new AtomicLong();
  private long applied; // guarded by current

  public CalendarService(Pool pool, Clock clock) {
    this.repository = new CalendarRepository(pool);
    this.clock = clock;
  }

  /**
   * What depends on the calendar redoes its work after an import of a year (deadlines given from a node,
   * R10, R12; the reminder plans, R19). It runs once, on the node that imported, after the import
   * committed and this node reloaded; the other nodes hear the notification and only reload, as they
   * share the same database and the work is done there.
   */
  public void afterImport(IntFunction<Future<?>> work) {
    this.afterImport = year -> work.apply(year).mapEmpty();
  }

  /** Stores the shipped years that are missing, then loads every year, and keeps reloading. */
  public Future<Void> start(Vertx vertx, Notifications notifications) {
    notifications.on(CalendarRepository.CHANGED, () -> reload()
        .onFailure(e -> LOG.warn("could not reload the calendar after an import elsewhere: {}", e.getMessage())));
    return repository.insertIfMissing(CalendarData.shipped(), clock.instant())
        .compose(v -> reload())
        .onSuccess(v -> vertx.setPeriodic(60_000, id -> reload()));
  }

  public WorkCalendar calendar() {
    return current.get();
  }

  /**
   * Reads every year again. Reloads can overlap (the minute's, a notification's, an import's): the one
   * started last wins, so a read begun before an import committed cannot put the old calendar back.
   */
  public Future<Void> reload() {
    long started = reloads.incrementAndGet();
    return repository.all().map(years -> {
      WorkCalendar loaded = WorkCalendar.of(years);
      synchronized (current) {
        if (started > applied) {
          applied = started;
          current.set(loaded);
        }
      }
      return null;
    });
  }

  public JsonObject years() {
    return new JsonObject().put("years", new JsonArray(calendar().years().stream().sorted().toList()));
  }

  public Future<JsonObject> importYear(int year, JsonObject notice, long byPerson) {
    CalendarYear parsed = parse(notice);
    if (parsed.year() != year) throw Refusal.invalid("/year", "must be " + year + ", the year in the path");
    return repository.upsert(parsed, clock.instant(), byPerson).compose(v -> reload())
        .compose(v -> afterImport.apply(year)).map(v -> parsed.toJson());
  }

  public JsonObject year(int year) {
    if (!calendar().covers(year)) throw Refusal.notFound("the calendar of " + year);
    return calendar().year(year).toJson();
  }

  /** Each day of a range with whether it is a working day and which holiday it belongs to. */
  public JsonObject days(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) throw Refusal.invalid("to", "must not be before from");
    if (ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) throw Refusal.invalid("to", "the range may span at most " + MAX_RANGE_DAYS + " days");
    WorkCalendar cal = calendar();
    JsonArray days = new JsonArray();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(new JsonObject().put("date", d.toString()).put("working", cal.isWorkingDay(d))
          .put("holiday", cal.holidayName(d).orElse(null)).put("known", cal.covers(d.getYear())));
    }
    return new JsonObject().put("items", days);
  }

  private static CalendarYear parse(JsonObject notice) {
    try {
      return CalendarYear.fromJson(notice);
    } catch (DocumentFormatException e) {
      throw Refusal.invalid(e.errors());
    }
  }
}
