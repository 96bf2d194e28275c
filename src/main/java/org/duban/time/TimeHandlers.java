package org.duban.time;

import io.vertx.core.Future;
import org.duban.auth.SessionGuard;
import org.duban.http.Api;
import org.duban.fault.Refusal;
import org.duban.http.Reply;
import org.duban.http.Requests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The contract's clock and calendar operations. */
public final class TimeHandlers {
  private TimeHandlers() {
  }

  public static void mount(Api api, ClockService clock, CalendarService calendar) {
    api.on("getClock", rc -> Future.succeededFuture(Reply.ok(clock.describe())));
    api.on("setClock", rc -> Future.succeededFuture(Reply.ok(clock.set(instant(Requests.body(rc).getString("now"))))));
    api.on("advanceClock", rc -> Future.succeededFuture(Reply.ok(clock.advance(duration(Requests.body(rc).getString("by"))))));

    api.on("listCalendarYears", rc -> Future.succeededFuture(Reply.ok(calendar.years())));
    api.on("getCalendarYear", rc -> Future.succeededFuture(Reply.ok(calendar.year((int) Requests.pathLong(rc, "year")))));
    api.on("importCalendarYear", rc -> calendar.importYear((int) Requests.pathLong(rc, "year"), Requests.body(rc),
        SessionGuard.principal(rc).personId()).map(Reply::ok));
    api.on("listCalendarDays", rc -> Future.succeededFuture(Reply.ok(calendar.days(
        date(Requests.query(rc, "from").orElseThrow().getString(), "from"),
        date(Requests.query(rc, "to").orElseThrow().getString(), "to")))));
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw Refusal.invalid("/now", "must be an ISO-8601 instant such as 2026-03-02T01:00:00Z");
    }
  }

  private static Duration duration(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw Refusal.invalid("/by", "must be an ISO-8601 duration such as PT5H or P1DT2H");
    }
  }

  private static LocalDate date(String text, String field) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw Refusal.invalid(field, "must be a date such as 2026-10-08");
    }
  }
}
