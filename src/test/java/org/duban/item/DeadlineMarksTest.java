package org.duban.item;

import org.duban.time.CalendarMark;
import org.duban.time.CalendarYear;
import org.duban.time.WorkCalendar;
import org.duban.time.Zones;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.item.ItemFixtures.CALENDAR;

/**
 * R12: which deadlines are counted with a year the calendar has no notice for. Local times are
 * Asia/Shanghai; the shipped calendar knows 2025 and 2026 only.
 */
class DeadlineMarksTest {
  private static Instant sh(String local) {
    return LocalDateTime.parse(local).atZone(Zones.SHANGHAI).toInstant();
  }

  private static CalendarMark markOfNode(WorkCalendar calendar, Node node, Instant assignedAt) {
    Instant deadline = Deadlines.forNode(node, assignedAt, calendar, Deadlines.Policy.DEFAULT);
    return Deadlines.mark(calendar, deadline, Deadlines.plainEnd(Optional.of(node), false, Optional.empty(), Optional.empty(),
        Optional.of(assignedAt)));
  }

  @Test
  void aOneMonthNodeFromMidDecemberEndsInAnUnknownYear_R10_R12() {
    CalendarMark mark = markOfNode(CALENDAR, Node.ONE_MONTH, sh("2026-12-15T10:00"));
    assertThat(mark.missingYears()).containsExactly(2027);
  }

  @Test
  void aNodeEndingInAKnownYearIsKnown_R10_R12() {
    assertThat(markOfNode(CALENDAR, Node.SEVEN_DAYS, sh("2026-12-01T10:00")).known()).isTrue();
    assertThat(markOfNode(CALENDAR, Node.ONE_DAY, sh("2026-12-30T10:00")).known()).isTrue();
  }

  @Test
  void aDeadlineRolledOutOfAnUnknownYearIntoAKnownOneStillDependsOnIt_R12() {
    // 2028 has no notice: whether Sunday 31 December 2028 is a make-up working day decides the deadline
    WorkCalendar gap = WorkCalendar.of(List.of(new CalendarYear(2029, "test", List.of(), List.of())));
    Instant assigned = sh("2028-12-30T10:00");
    Instant deadline = Deadlines.forNode(Node.ONE_DAY, assigned, gap, Deadlines.Policy.DEFAULT);
    assertThat(deadline).isEqualTo(sh("2029-01-01T10:00"));
    assertThat(markOfNode(gap, Node.ONE_DAY, assigned).missingYears()).containsExactly(2028);
  }

  @Test
  void aDeadlineSetFarLaterThanTheNodeDependsOnItsOwnDayOnly_R12_R32() {
    // an extension granted into 2029: the node's plain end in 2028 has nothing to do with it any more
    WorkCalendar gap = WorkCalendar.of(List.of(new CalendarYear(2029, "test", List.of(), List.of())));
    CalendarMark mark = Deadlines.mark(gap, sh("2029-03-01T10:00"), Optional.of(sh("2028-12-31T10:00")));
    assertThat(mark.known()).isTrue();
  }

  @Test
  void anExplicitDeadlineInAnUnknownYearIsMissing_R12() {
    assertThat(Deadlines.mark(CALENDAR, sh("2027-02-10T18:00"), Optional.empty()).missingYears()).containsExactly(2027);
    assertThat(Deadlines.mark(CALENDAR, sh("2026-12-31T18:00"), Optional.empty()).known()).isTrue();
  }
}
