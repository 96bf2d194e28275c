package org.duban.remind;

import org.duban.item.Item;
import org.duban.time.CalendarMark;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.remind.Fixtures.CALENDAR;
import static org.duban.remind.Fixtures.LEAD;
import static org.duban.remind.Fixtures.COOP;
import static org.duban.remind.Fixtures.daily;
import static org.duban.remind.Fixtures.owing;
import static org.duban.remind.Fixtures.sh;

/** R12: a message is only as certain as the calendar years it is due in, or whose deadline it counts from. */
class MessageMarksTest {
  // the lead owes by 1 January 2027 (no notice yet), the cooperating unit by 30 December 2026
  static final Item ITEM = daily(sh("2026-12-20 10:00"), owing(LEAD, true, sh("2027-01-01 02:00")),
      owing(COOP, false, sh("2026-12-30 10:00")));

  @Test
  void aReminderInAKnownYearBeforeADeadlineInAnUnknownOneIsMarked_R12_R13() {
    Instant at = sh("2026-12-31 21:00");
    CalendarMark mark = MessageMarks.of(CALENDAR, ITEM, at, at, List.of(Planned.BEFORE_DEADLINE), Optional.of(LEAD));
    assertThat(mark.missingYears()).containsExactly(2027);
  }

  @Test
  void anotherUnitsReminderIsNotMarkedByTheLeadsDeadline_R12_R13() {
    Instant at = sh("2026-12-30 05:00");
    CalendarMark mark = MessageMarks.of(CALENDAR, ITEM, at, sh("2026-12-30 07:00"), List.of(Planned.BEFORE_DEADLINE), Optional.of(COOP));
    assertThat(mark.known()).isTrue();
  }

  @Test
  void aMessageAboutTheWholeItemCountsFromEveryDeadline_R12_R16() {
    Instant at = sh("2026-12-31 10:00");
    assertThat(MessageMarks.of(CALENDAR, ITEM, at, at, List.of(Planned.KEY_SUPERVISION), Optional.empty()).dependsOn(2027)).isTrue();
  }

  @Test
  void aWeeklyReminderDependsOnTheDayItIsSentOnly_R12_R17() {
    Instant inKnown = sh("2026-12-27 09:00");
    assertThat(MessageMarks.of(CALENDAR, ITEM, inKnown, inKnown, List.of(Planned.WEEKLY), Optional.of(LEAD)).known()).isTrue();
    Instant inUnknown = sh("2027-01-03 09:00");
    assertThat(MessageMarks.of(CALENDAR, ITEM, inUnknown, inUnknown, List.of(Planned.WEEKLY), Optional.of(LEAD)).missingYears())
        .containsExactly(2027);
  }

  @Test
  void aMessageHeldOverNewYearIsMarkedByWhenItIsSent_R12_R21() {
    // due at 23:30 on New Year's Eve, held by the quiet hours to 07:00 on 1 January 2027
    CalendarMark mark = MessageMarks.of(CALENDAR, ITEM, sh("2026-12-31 23:30"), sh("2027-01-01 07:00"), List.of(Planned.URGE),
        Optional.of(COOP));
    assertThat(mark.missingYears()).containsExactly(2027);
  }
}
