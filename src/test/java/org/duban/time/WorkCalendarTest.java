package org.duban.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkCalendarTest {
  private static final WorkCalendar CAL = WorkCalendar.of(CalendarData.shipped());

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void makeUpSaturdayIsAWorkingDay_R12() {
    assertThat(CAL.isWorkingDay(d("2026-02-14"))).isTrue();
    assertThat(CAL.isWorkingDay(d("2026-10-10"))).isTrue();
    assertThat(CAL.holidayName(d("2026-02-14"))).isEmpty();
  }

  @Test
  void springFestivalMondayIsNotAWorkingDay_R12() {
    assertThat(CAL.isWorkingDay(d("2026-02-16"))).isFalse();
    assertThat(CAL.holidayName(d("2026-02-16"))).contains("春节");
  }

  @Test
  void firstThursdayAfterNationalDayIsAWorkingDay_R12() {
    assertThat(CAL.isWorkingDay(d("2026-10-07"))).isFalse();
    assertThat(CAL.isWorkingDay(d("2026-10-08"))).isTrue();
  }

  @Test
  void ordinaryWeekendIsOffAndOrdinaryWeekdayIsWorked_R12() {
    assertThat(CAL.isWorkingDay(d("2026-03-07"))).isFalse();
    assertThat(CAL.isWorkingDay(d("2026-03-09"))).isTrue();
  }

  @Test
  void weekendInsideAHolidayCarriesTheHolidayName_R12() {
    assertThat(CAL.holidayName(d("2026-01-03"))).contains("元旦");
    assertThat(CAL.holidayName(d("2025-10-05"))).contains("国庆节、中秋节");
  }

  @Test
  void uncoveredYearFallsBackToMondayToFriday_R12() {
    assertThat(CAL.covers(2024)).isFalse();
    // 2024-10-01 was a real holiday, but without data for 2024 it is just a Tuesday
    assertThat(CAL.isWorkingDay(d("2024-10-01"))).isTrue();
    assertThat(CAL.isWorkingDay(d("2024-10-05"))).isFalse();
    assertThat(CAL.holidayName(d("2024-10-01"))).isEmpty();
  }

  @Test
  void shippedCalendarCovers2025And2026_R12() {
    assertThat(CAL.years()).containsExactly(2025, 2026);
    assertThat(CAL.covers(2026)).isTrue();
  }

  @ParameterizedTest(name = "{0} + {1} working days = {2}")
  @CsvSource({
    "2026-02-13, 1, 2026-02-14",
    "2026-02-13, 2, 2026-02-24",
    "2026-02-12, 3, 2026-02-24",
    "2026-02-24, 4, 2026-02-28",
    "2026-09-30, 1, 2026-10-08",
    "2026-09-30, 3, 2026-10-10",
    "2026-09-30, 4, 2026-10-12",
    "2025-01-24, 3, 2025-02-05",
  })
  void plusWorkingDaysSkipsHolidaysAndCountsMakeUpDays_R12(String from, int n, String expected) {
    assertThat(CAL.plusWorkingDays(d(from), n)).isEqualTo(d(expected));
  }

  @Test
  void thirtyWorkingDaysAfterLateSeptemberMeetingCrossesMidAutumnAndNationalDay_R12() {
    assertThat(CAL.plusWorkingDays(d("2026-09-24"), 30)).isEqualTo(d("2026-11-12"));
    assertThat(CAL.plusWorkingDays(d("2026-09-28"), 30)).isEqualTo(d("2026-11-13"));
  }

  @Test
  void plusZeroWorkingDaysIsTheSameDayEvenOnAHoliday_R12() {
    assertThat(CAL.plusWorkingDays(d("2026-10-01"), 0)).isEqualTo(d("2026-10-01"));
  }

  @Test
  void plusNegativeWorkingDaysIsRejected_R12() {
    assertThatThrownBy(() -> CAL.plusWorkingDays(d("2026-10-01"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nextWorkingDayIsTheDayItselfOrTheFirstAfterTheHoliday_R12() {
    assertThat(CAL.nextWorkingDay(d("2026-02-14"))).isEqualTo(d("2026-02-14"));
    assertThat(CAL.nextWorkingDay(d("2026-02-15"))).isEqualTo(d("2026-02-24"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2025-01, 2025-01-27", // 31st is inside the Spring Festival break
    "2025-05, 2025-05-30", // 31st is a Saturday starting the Dragon Boat break
    "2026-01, 2026-01-30", // 31st is a plain Saturday
    "2026-02, 2026-02-28", // 28th is a make-up Saturday
    "2026-05, 2026-05-29", // 31st is a Sunday
    "2026-10, 2026-10-30", // 31st is a Saturday
    "2028-02, 2028-02-29", // uncovered leap year: the 29th is a Tuesday
    "2032-02, 2032-02-27", // uncovered leap year: the 29th is a Sunday
  })
  void lastWorkingDayOfMonthStepsBackOverHolidaysAndWeekends_R12(String month, String expected) {
    assertThat(CAL.lastWorkingDayOfMonth(YearMonth.parse(month))).isEqualTo(d(expected));
  }

  @ParameterizedTest(name = "{0} Q{1} -> {2}")
  @CsvSource({
    "2025, 1, 2025-03-31", "2025, 2, 2025-06-30", "2025, 3, 2025-09-30", "2025, 4, 2025-12-31",
    "2026, 1, 2026-03-31", "2026, 2, 2026-06-30", "2026, 3, 2026-09-30", "2026, 4, 2026-12-31",
  })
  void lastWorkingDayOfQuarterInShippedYears_R12(int year, int quarter, String expected) {
    assertThat(CAL.lastWorkingDayOfQuarter(year, quarter)).isEqualTo(d(expected));
  }

  @Test
  void lastWorkingDayOfQuarterStepsBackWhenTheQuarterEndsInAHoliday_R12() {
    CalendarYear y2030 = new CalendarYear(2030, "test", List.of(
        new CalendarYear.Holiday("国庆节", d("2030-09-28"), d("2030-10-07"))), List.of());
    WorkCalendar cal = CAL.with(y2030);
    assertThat(cal.lastWorkingDayOfQuarter(2030, 3)).isEqualTo(d("2030-09-27"));
  }

  @Test
  void quarterOutsideOneToFourIsRejected_R12() {
    assertThatThrownBy(() -> CAL.lastWorkingDayOfQuarter(2026, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CAL.lastWorkingDayOfQuarter(2026, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void monthWithoutAnyWorkingDayIsReportedNotLoopedForever_R12() {
    CalendarYear y2031 = new CalendarYear(2031, "test", List.of(
        new CalendarYear.Holiday("test", d("2031-02-01"), d("2031-02-28"))), List.of());
    WorkCalendar cal = WorkCalendar.of(List.of(y2031));
    assertThatThrownBy(() -> cal.lastWorkingDayOfMonth(YearMonth.of(2031, 2)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void workingDaysBetweenIsTheInverseOfPlusWorkingDays_R12() {
    assertThat(CAL.workingDaysBetween(d("2026-09-24"), d("2026-11-12"))).isEqualTo(30);
    assertThat(CAL.workingDaysBetween(d("2026-02-13"), d("2026-02-23"))).isEqualTo(1);
    assertThat(CAL.workingDaysBetween(d("2026-02-13"), d("2026-02-13"))).isZero();
  }

  @Test
  void workingDaysBetweenCountsAWholeYear_R12() {
    assertThat(CAL.workingDaysBetween(d("2025-12-31"), d("2026-12-31"))).isEqualTo(248);
  }

  @Test
  void workingDaysBetweenRejectsAReversedRange_R12() {
    assertThatThrownBy(() -> CAL.workingDaysBetween(d("2026-02-14"), d("2026-02-13")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withReplacesAYearAndLeavesTheOriginalUnchanged_R12() {
    WorkCalendar replaced = CAL.with(new CalendarYear(2026, "test", List.of(), List.of()));
    assertThat(replaced.isWorkingDay(d("2026-02-16"))).isTrue();
    assertThat(replaced.isWorkingDay(d("2026-02-14"))).isFalse();
    assertThat(replaced.years()).containsExactly(2025, 2026);
    assertThat(CAL.isWorkingDay(d("2026-02-16"))).isFalse();
  }

  @Test
  void withAddsANewYear_R12() {
    WorkCalendar added = CAL.with(new CalendarYear(2027, "test", List.of(
        new CalendarYear.Holiday("元旦", d("2027-01-01"), d("2027-01-03"))), List.of()));
    assertThat(added.years()).containsExactly(2025, 2026, 2027);
    assertThat(added.isWorkingDay(d("2027-01-01"))).isFalse();
    assertThat(CAL.covers(2027)).isFalse();
  }

  @Test
  void holidayRunningIntoAnUncoveredYearStillCounts_R12() {
    CalendarYear y2030 = new CalendarYear(2030, "test", List.of(
        new CalendarYear.Holiday("春节", d("2030-12-30"), d("2031-01-03"))), List.of());
    WorkCalendar cal = WorkCalendar.of(List.of(y2030));
    assertThat(cal.covers(2031)).isFalse();
    assertThat(cal.isWorkingDay(d("2031-01-02"))).isFalse();
    assertThat(cal.isWorkingDay(d("2031-01-06"))).isTrue();
  }

  @Test
  void yearGivesTheDataOfACoveredYearOnly_R12() {
    assertThat(CAL.year(2026).holidays()).hasSize(7);
    assertThatThrownBy(() -> CAL.year(2024)).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void sameYearTwiceIsRejected_R12() {
    CalendarYear a = new CalendarYear(2026, "a", List.of(), List.of());
    assertThatThrownBy(() -> WorkCalendar.of(List.of(a, a)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
