package org.duban.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.time.CalendarService;
import org.duban.time.WorkCalendar;
import org.duban.time.Zones;

import java.time.Clock;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the work calendar (R12) has the years the rules are about to count in. The State Council
 * publishes a year's notice late in the year before; from 1 November (Shanghai, by the domain clock) a
 * missing next year is warned about, and the current year missing is warned about all year. A warning
 * is not an outage: everything still works, counted as plain Monday-to-Friday weeks and marked so, and
 * the answer stays 200 with status WARN until an administrator imports the notice.
 */
public final class CalendarHealth {
  /** Next year's notice is expected from this day on: it is usually published in November. */
  static final MonthDay NEXT_YEAR_EXPECTED = MonthDay.of(11, 1);

  private final CalendarService calendars;
  private final Clock domain;

  /** @param domain the domain clock, which deadlines are counted by */
  public CalendarHealth(CalendarService calendars, Clock domain) {
    this.calendars = calendars;
    this.domain = domain;
  }

  /** The gauge reads the loaded calendar and the clock: no database behind a scrape. */
  public void start(MeterRegistry registry) {
    Gauge.builder("duban.calendar.missing", this, h -> h.missing(Zones.today(h.domain), h.calendars.calendar()).size())
        .description("years the work calendar should know by now (this year, and next year from 1 November) but does not")
        .register(registry);
  }

  public JsonObject check() {
    LocalDate today = Zones.today(domain);
    WorkCalendar calendar = calendars.calendar();
    List<Integer> missing = missing(today, calendar);
    JsonArray years = new JsonArray();
    JsonArray problems = new JsonArray();
    for (int year : missing) {
      LocalDate since = expectedFrom(year);
      years.add(new JsonObject().put("year", year).put("expectedSince", since.toString()).put("importWith", "PUT /calendar/" + year));
      problems.add(problem(year, since));
    }
    return new JsonObject().put("status", missing.isEmpty() ? "UP" : "WARN")
        .put("checks", new JsonObject().put("today", today.toString())
            .put("knownYears", new JsonArray(calendar.years().stream().toList()))
            .put("expectedYears", new JsonArray(expected(today)))
            .put("missing", years).put("problems", problems));
  }

  /** This year always; next year from 1 November. */
  static List<Integer> expected(LocalDate today) {
    List<Integer> years = new ArrayList<>(List.of(today.getYear()));
    if (!MonthDay.from(today).isBefore(NEXT_YEAR_EXPECTED)) years.add(today.getYear() + 1);
    return years;
  }

  static List<Integer> missing(LocalDate today, WorkCalendar calendar) {
    return expected(today).stream().filter(y -> !calendar.covers(y)).toList();
  }

  static LocalDate expectedFrom(int year) {
    return NEXT_YEAR_EXPECTED.atYear(year - 1);
  }

  private static String problem(int year, LocalDate since) {
    return "The work calendar of " + year + " is not loaded (expected since " + since + "): deadlines and reminders in "
        + year + " are counted as plain Monday-to-Friday weeks, without its public holidays and make-up working days, and "
        + "are marked calendar.status \"missing\". Import the State Council's notice on " + year + "'s holidays with PUT /calendar/"
        + year + "; GET /calendar/" + year + "/pending lists the active items it will re-plan.";
  }
}
