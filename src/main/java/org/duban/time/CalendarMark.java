package org.duban.time;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Whether a computed date can be trusted to the calendar (R12): the years without a State Council
 * notice that it falls in or was computed across. Without a notice a year is counted as plain Monday
 * to Friday weeks, which is a guess, not data: whatever depends on it must say so until the notice is
 * imported.
 *
 * <p>Pure and immutable. The API shape is one everywhere: {@code {"status": "known", "missingYears": []}}
 * or {@code {"status": "missing", "missingYears": [2027]}}.
 */
public record CalendarMark(SortedSet<Integer> missingYears) {
  public static final CalendarMark KNOWN = new CalendarMark(new TreeSet<>());

  public CalendarMark {
    missingYears = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(missingYears, "missingYears")));
  }

  /**
   * R12: a computation that looked at the days from {@code from} to {@code to} (both inclusive, either
   * order) depends on every year in between; those the calendar does not cover are marked.
   */
  public static CalendarMark across(WorkCalendar calendar, LocalDate from, LocalDate to) {
    LocalDate first = from.isAfter(to) ? to : from;
    LocalDate last = from.isAfter(to) ? from : to;
    SortedSet<Integer> missing = new TreeSet<>();
    for (int year = first.getYear(); year <= last.getYear(); year++) {
      if (!calendar.covers(year)) missing.add(year);
    }
    return new CalendarMark(missing);
  }

  /** R12: a moment that falls in a year without a notice, by its Shanghai date (R11). */
  public static CalendarMark at(WorkCalendar calendar, Instant instant) {
    LocalDate day = Zones.localDate(instant);
    return across(calendar, day, day);
  }

  public boolean known() {
    return missingYears.isEmpty();
  }

  public boolean dependsOn(int year) {
    return missingYears.contains(year);
  }

  public CalendarMark plus(CalendarMark other) {
    if (other.known()) return this;
    if (known()) return other;
    SortedSet<Integer> union = new TreeSet<>(missingYears);
    union.addAll(other.missingYears);
    return new CalendarMark(union);
  }

  public JsonObject toJson() {
    return new JsonObject().put("status", known() ? "known" : "missing").put("missingYears", new JsonArray(missingYears.stream().toList()));
  }
}
