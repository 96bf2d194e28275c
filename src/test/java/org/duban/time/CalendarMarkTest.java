package org.duban.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** R12: a date is only as certain as the calendar years it falls in or was counted across. */
class CalendarMarkTest {
  private static final WorkCalendar SHIPPED = WorkCalendar.of(CalendarData.shipped());

  @Test
  void aDayInAShippedYearIsKnown_R12() {
    CalendarMark mark = CalendarMark.across(SHIPPED, LocalDate.of(2026, 12, 31), LocalDate.of(2026, 12, 31));
    assertThat(mark.known()).isTrue();
    assertThat(mark.toJson().encode()).isEqualTo("{\"status\":\"known\",\"missingYears\":[]}");
  }

  @Test
  void aDayInAYearWithoutANoticeIsMissing_R12() {
    CalendarMark mark = CalendarMark.across(SHIPPED, LocalDate.of(2027, 1, 15), LocalDate.of(2027, 1, 15));
    assertThat(mark.known()).isFalse();
    assertThat(mark.dependsOn(2027)).isTrue();
    assertThat(mark.toJson().encode()).isEqualTo("{\"status\":\"missing\",\"missingYears\":[2027]}");
  }

  @Test
  void aCountAcrossAnUnknownYearIntoAKnownOneDependsOnIt_R12() {
    WorkCalendar gap = WorkCalendar.of(List.of(new CalendarYear(2026, "test", List.of(), List.of()),
        new CalendarYear(2028, "test", List.of(), List.of())));
    CalendarMark mark = CalendarMark.across(gap, LocalDate.of(2028, 1, 5), LocalDate.of(2026, 12, 20));
    assertThat(mark.missingYears()).containsExactly(2027);
  }

  @Test
  void aMomentBelongsToItsShanghaiDate_R11_R12() {
    // 16:00 UTC on New Year's Eve is already 1 January 2027 in Shanghai
    assertThat(CalendarMark.at(SHIPPED, Instant.parse("2026-12-31T15:59:59Z")).known()).isTrue();
    assertThat(CalendarMark.at(SHIPPED, Instant.parse("2026-12-31T16:00:00Z")).missingYears()).containsExactly(2027);
  }

  @Test
  void marksAddUp_R12() {
    CalendarMark a = CalendarMark.across(SHIPPED, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 1));
    CalendarMark b = CalendarMark.across(SHIPPED, LocalDate.of(2028, 3, 1), LocalDate.of(2028, 3, 1));
    assertThat(a.plus(b).missingYears()).containsExactly(2027, 2028);
    assertThat(CalendarMark.KNOWN.plus(a)).isEqualTo(a);
    assertThat(a.plus(CalendarMark.KNOWN)).isEqualTo(a);
  }

  @Test
  void importingTheYearClearsTheMark_R12() {
    WorkCalendar imported = SHIPPED.with(new CalendarYear(2027, "test", List.of(), List.of()));
    assertThat(CalendarMark.across(imported, LocalDate.of(2027, 1, 15), LocalDate.of(2027, 1, 15)).known()).isTrue();
  }
}
