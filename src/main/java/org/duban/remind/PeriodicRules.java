package org.duban.remind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.duban.item.Item;
import org.duban.item.ItemUnit;
import org.duban.remind.ReminderPolicy.Quarterly;
import org.duban.remind.ReminderPolicy.Weekly;
import org.duban.time.WorkCalendar;
import org.duban.time.Zones;

/**
 * Reminders that repeat while the item is active, whatever its units have reported: weekly ones
 * (R17) and the quarterly summaries (R19). They never end by themselves, so they are made only up
 * to a horizon.
 */
final class PeriodicRules {
  private final ReminderPolicy policy;
  private final WorkCalendar calendar;

  PeriodicRules(ReminderPolicy policy, WorkCalendar calendar) {
    this.policy = policy;
    this.calendar = calendar;
  }

  /**
   * R17: every unit of the item, counted from assignment. 001 §16 asks the continuous board for
   * weekly reminders "直至任务全面落实" (until the task is done), so they do not depend on reports.
   */
  List<Draft> weekly(Item item, Instant horizon) {
    if (item.assignedAt().isEmpty() || !weeklyApplies(item)) {
      return List.of();
    }
    ZonedDateTime anchor = item.assignedAt().get().atZone(Zones.SHANGHAI);
    List<Draft> out = new ArrayList<>();
    for (int k = 1; ; k++) {
      ZonedDateTime at = policy.weekly().every().times(k).after(anchor);
      if (!at.toInstant().isBefore(horizon)) {
        return out;
      }
      item.units().keySet().forEach(unit -> out.add(Draft.toUnit(at, unit, Planned.WEEKLY, "R17")));
    }
  }

  private boolean weeklyApplies(Item item) {
    Weekly weekly = policy.weekly();
    if (weekly.boards().contains(item.board())) {
      return true;
    }
    Instant longFrom = weekly.longAtLeast().after(item.assignedAt().get().atZone(Zones.SHANGHAI)).toInstant();
    // "1个月以上" includes one month itself, hence "not before" rather than "after"
    return weekly.longBoards().contains(item.board()) && latestDeadline(item).filter(d -> !d.isBefore(longFrom)).isPresent();
  }

  /** The item runs until its last unit is due. */
  private static Optional<Instant> latestDeadline(Item item) {
    return item.units().values().stream().flatMap(u -> u.deadline().stream()).max(Instant::compareTo);
  }

  /** R19: to the lead unit, which writes the summary (重点工作任务督办制度 四(二): 落实主体). */
  List<Draft> quarterly(Item item, Instant horizon) {
    Quarterly quarterly = policy.quarterly();
    if (item.assignedAt().isEmpty() || !quarterly.appliesTo(item)) {
      return List.of();
    }
    ItemUnit lead = item.lead();
    List<Draft> out = new ArrayList<>();
    int first = item.assignedAt().get().atZone(Zones.SHANGHAI).getYear();
    for (int year = first; LocalDate.of(year, 1, 1).atStartOfDay(Zones.SHANGHAI).toInstant().isBefore(horizon); year++) {
      for (int quarter = 1; quarter <= 4; quarter++) {
        ZonedDateTime at = summaryDay(year, quarter).atTime(quarterly.time()).atZone(Zones.SHANGHAI);
        out.add(Draft.toUnit(at, lead.unitId(), Planned.QUARTERLY_SUMMARY, "R19"));
      }
    }
    return out;
  }

  /**
   * The last working day of the quarter; for the fourth, the policy's advance before that day,
   * moved back to a working day, so that the summary is never due on a day off (R12).
   */
  LocalDate summaryDay(int year, int quarter) {
    LocalDate last = calendar.lastWorkingDayOfQuarter(year, quarter);
    if (quarter < 4) {
      return last;
    }
    LocalDate day = policy.quarterly().fourthQuarterAdvance().before(last.atStartOfDay(Zones.SHANGHAI)).toLocalDate();
    while (!calendar.isWorkingDay(day)) {
      day = day.minusDays(1);
    }
    return day;
  }
}
