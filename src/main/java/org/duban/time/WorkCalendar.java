package org.duban.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which days are working days under the PRC work calendar (R12): a public holiday is off, a
 * make-up day (调休) is worked, otherwise Monday to Friday are worked. A year with no calendar
 * data falls back to plain Monday to Friday. Dates are Shanghai dates (R11); convert instants
 * with {@link Zones#SHANGHAI} before asking.
 *
 * <p>Immutable and thread-safe; a new year is added by building a new instance with {@link
 * #with(CalendarYear)}.
 */
public final class WorkCalendar {
  private final Map<Integer, CalendarYear> years;
  // bit (dayOfYear - 1) set = working day; also for a year reached only by a holiday's tail
  private final Map<Integer, BitSet> working;
  private final Map<LocalDate, String> holidayNames;

  private WorkCalendar(Map<Integer, CalendarYear> years) {
    this.years = Collections.unmodifiableMap(years);
    this.holidayNames = namesOf(years.values());
    this.working = workingDaysOf(years.values(), holidayNames);
  }

  /**
   * A calendar of the given years.
   *
   * @throws IllegalArgumentException if two entries are for the same year
   */
  public static WorkCalendar of(Collection<CalendarYear> years) {
    Map<Integer, CalendarYear> byYear = new TreeMap<>();
    for (CalendarYear y : years) {
      if (byYear.put(y.year(), y) != null) {
        throw new IllegalArgumentException("calendar year " + y.year() + " given twice");
      }
    }
    return new WorkCalendar(byYear);
  }

  /** A copy with {@code year} added, replacing any data this calendar had for that year. */
  public WorkCalendar with(CalendarYear year) {
    Map<Integer, CalendarYear> byYear = new TreeMap<>(years);
    byYear.put(year.year(), year);
    return new WorkCalendar(byYear);
  }

  /** Whether there is published data for {@code year}; if not, Monday to Friday are worked. */
  public boolean covers(int year) {
    return years.containsKey(year);
  }

  /** The covered years, ascending. */
  public Set<Integer> years() {
    return Collections.unmodifiableSet(new TreeSet<>(years.keySet()));
  }

  /**
   * The data for {@code year}, e.g. to show or export it.
   *
   * @throws NoSuchElementException if the year is not {@linkplain #covers covered}
   */
  public CalendarYear year(int year) {
    CalendarYear data = years.get(year);
    if (data == null) {
      throw new NoSuchElementException("no calendar data for " + year);
    }
    return data;
  }

  /** R12: holiday off, make-up day worked, else Monday to Friday. */
  public boolean isWorkingDay(LocalDate date) {
    BitSet days = working.get(date.getYear());
    return days == null ? isWeekday(date) : days.get(date.getDayOfYear() - 1);
  }

  /** The name of the public holiday {@code date} falls in, if any (R12). */
  public Optional<String> holidayName(LocalDate date) {
    return Optional.ofNullable(holidayNames.get(Objects.requireNonNull(date, "date")));
  }

  /**
   * The {@code n}-th working day strictly after {@code from} (R12: "30 working days after a
   * meeting"); {@code from} itself when {@code n} is 0.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public LocalDate plusWorkingDays(LocalDate from, int n) {
    Objects.requireNonNull(from, "from");
    if (n < 0) {
      throw new IllegalArgumentException("working days to add must not be negative: " + n);
    }
    LocalDate d = from;
    for (int left = n; left > 0; ) {
      d = d.plusDays(1);
      if (isWorkingDay(d)) {
        left--;
      }
    }
    return d;
  }

  /** {@code date} if it is a working day, else the first working day after it (R12). */
  public LocalDate nextWorkingDay(LocalDate date) {
    return isWorkingDay(date) ? date : plusWorkingDays(date, 1);
  }

  /**
   * The last working day of {@code month} (R12), which may be a make-up Saturday.
   *
   * @throws IllegalStateException if the whole month is off, which no real calendar has
   */
  public LocalDate lastWorkingDayOfMonth(YearMonth month) {
    for (LocalDate d = month.atEndOfMonth(); d.getMonth() == month.getMonth(); d = d.minusDays(1)) {
      if (isWorkingDay(d)) {
        return d;
      }
    }
    throw new IllegalStateException(month + " has no working day");
  }

  /**
   * The last working day of quarter {@code quarter} (1 to 4) of {@code year} (R12).
   *
   * @throws IllegalArgumentException if {@code quarter} is not 1 to 4
   */
  public LocalDate lastWorkingDayOfQuarter(int year, int quarter) {
    if (quarter < 1 || quarter > 4) {
      throw new IllegalArgumentException("quarter must be 1 to 4, not " + quarter);
    }
    return lastWorkingDayOfMonth(YearMonth.of(year, quarter * 3));
  }

  /**
   * How many working days lie after {@code fromExclusive} up to and including {@code
   * toInclusive}; the inverse of {@link #plusWorkingDays}, so 0 for the same day.
   *
   * @throws IllegalArgumentException if {@code toInclusive} is before {@code fromExclusive}
   */
  public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
    if (toInclusive.isBefore(fromExclusive)) {
      throw new IllegalArgumentException(toInclusive + " is before " + fromExclusive);
    }
    int count = 0;
    for (LocalDate d = fromExclusive.plusDays(1); !d.isAfter(toInclusive); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return count;
  }

  private static boolean isWeekday(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
  }

  // a later year's data never overwrites a name an earlier year's holiday tail already gave
  private static Map<LocalDate, String> namesOf(Collection<CalendarYear> years) {
    Map<LocalDate, String> names = new HashMap<>();
    for (CalendarYear y : years) {
      for (CalendarYear.Holiday h : y.holidays()) {
        h.from().datesUntil(h.to().plusDays(1)).forEach(d -> names.putIfAbsent(d, h.name()));
      }
    }
    return Collections.unmodifiableMap(names);
  }

  // holidays are cleared last so that they win over a make-up day from a neighbouring year
  private static Map<Integer, BitSet> workingDaysOf(
      Collection<CalendarYear> years, Map<LocalDate, String> holidays) {
    Map<Integer, BitSet> working = new HashMap<>();
    years.forEach(y -> working.put(y.year(), weekdays(y.year())));
    holidays.keySet().forEach(d -> working.computeIfAbsent(d.getYear(), WorkCalendar::weekdays));
    years.forEach(y -> y.makeUpWorkdays().forEach(m -> set(working, m.date(), true)));
    holidays.keySet().forEach(d -> set(working, d, false));
    return Collections.unmodifiableMap(working);
  }

  private static BitSet weekdays(int year) {
    LocalDate first = LocalDate.ofYearDay(year, 1);
    BitSet bits = new BitSet(first.lengthOfYear());
    for (int i = 0; i < first.lengthOfYear(); i++) {
      bits.set(i, isWeekday(first.plusDays(i)));
    }
    return bits;
  }

  private static void set(Map<Integer, BitSet> working, LocalDate date, boolean value) {
    working.get(date.getYear()).set(date.getDayOfYear() - 1, value);
  }
}
