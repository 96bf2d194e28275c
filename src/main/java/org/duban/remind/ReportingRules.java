package org.duban.remind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duban.item.Item;
import org.duban.item.ItemUnit;
import org.duban.item.UnitStatus;
import org.duban.remind.ReminderPolicy.Profile;
import org.duban.remind.ReminderPolicy.Reporting;
import org.duban.time.WorkCalendar;
import org.duban.time.Zones;

/**
 * R20: the reporting deadlines Jiangsu sets by an item's source (002 三(一)), as reminders to the
 * lead unit's responsible persons, who report for the item. Which source has which deadline is
 * the policy's {@link Reporting} section; a source without a profile, or a policy without the
 * section, plans nothing here.
 *
 * <p>Readings:
 *
 * <ul>
 *   <li>Dates are Shanghai dates (R11). A span counts from the day after assignment, as PRC law
 *       counts periods (Civil Code arts. 201, 202), so {@code within} P30D ("30日内") and {@code
 *       replyWithin} P3M ("3个月内") end at 24:00 of the local day {@code assignedAt + span}: the
 *       30th day after assignment, or the same day of the month three months on, that month's last
 *       day when it has no such day (31 January + 3 months is 30 April). The due day stays where
 *       it falls even on a day off (node deadlines move to the next working day, see {@code
 *       Deadlines}, and so would a legal period under art. 203): 002 counts calendar days, and it
 *       is the reminders below that keep to working days.
 *   <li>{@code quarterlyBy} ("7月15日、10月15日、1月15日前"): each listed date is due at its end, and
 *       is about the quarter before its own (15 January about October to December). Every such
 *       date whose end comes after assignment is planned, up to the planning horizon.
 *   <li>Reminders go at the policy's {@code time} on the day each {@code remindBefore} span (P0D:
 *       the due day) before the due date; a day off moves the reminder back to the working day
 *       before it, as R19's summary day moves, so that the unit hears in office hours before it is
 *       due. One that would then fall before assignment is not sent. Two that land on the same
 *       day become one message.
 *   <li>{@code earlyReasonBefore} (leaders' instructions: "期限内不能办结的，承办单位要提前向交办单位
 *       报告原因和进展情况"): a message that long before each due date, moved off days off the same
 *       way, asking the unit, if it cannot finish in time, to report the reasons and its progress
 *       now. It is cancelled as the reminders of the same due date are.
 *   <li>Cancelling (R14's spirit): a report from the lead unit since assignment answers a {@code
 *       within} or {@code replyWithin} deadline, and none of its messages is planned any more. A
 *       quarterly date is answered by a report on or after the first day of the quarter that
 *       follows the quarter it is about, i.e. the first day of its own quarter (a report from 1 July
 *       on answers 15 July). A report the sponsor returned (R30) answers nothing: while the lead
 *       unit stands returned, its latest report is not counted. The reply to an NPC deputy or CPPCC
 *       member goes to them, not through this system; the lead unit's report is the only sign of it
 *       the planner has.
 *   <li>"并在当年办理任务完成后20日内向交办单位报告办理情况" (report within 20 days after the year's
 *       handling is done) cannot be planned: it starts at completion, and the planner plans only
 *       active items, so that completion ends every reminder.
 * </ul>
 *
 * <p>Where the rulebook and 002 differ, 002 is followed. The rulebook adds "and 15 April" to the
 * quarterly dates; 002 names only 15 July, 15 October and 15 January, so the shipped policy lists
 * those three (a policy can add {@code "04-15"}). The rulebook's "report within 20 days after
 * completion" is, in 002, 20 days after the year's handling of the suggestions and proposals is
 * done ("当年办理任务完成后"), which is not one item's completion either; neither is planned.
 */
final class ReportingRules {
  private final Optional<Reporting> reporting;
  private final WorkCalendar calendar;

  ReportingRules(ReminderPolicy policy, WorkCalendar calendar) {
    this.reporting = policy.reporting();
    this.calendar = calendar;
  }

  List<Draft> plan(Item item, Map<Long, List<Instant>> reportTimesByUnit, Instant horizon) {
    if (reporting.isEmpty() || item.assignedAt().isEmpty()) {
      return List.of();
    }
    Optional<Profile> profile = reporting.get().profileFor(item.source());
    if (profile.isEmpty()) {
      return List.of();
    }
    Instant assigned = item.assignedAt().get();
    ItemUnit lead = item.lead();
    List<Instant> reports = counted(lead, reportTimesByUnit.getOrDefault(lead.unitId(), List.of()), assigned);
    Profile p = profile.get();
    if (!p.quarterlyBy().isEmpty()) {
      return quarterly(p, lead.unitId(), assigned, reports, horizon);
    }
    if (!reports.isEmpty()) {
      return List.of();
    }
    boolean reply = p.replyWithin().isPresent();
    Span span = reply ? p.replyWithin().get() : p.within().orElseThrow();
    LocalDate due = span.after(assigned.atZone(Zones.SHANGHAI)).toLocalDate();
    return messages(p, due, lead.unitId(), reply ? Planned.REPLY_DUE : Planned.REPORT_DUE);
  }

  /**
   * The lead unit's reports from assignment on (one filed at that very instant included), less the
   * latest one while it stands returned (R30).
   */
  private static List<Instant> counted(ItemUnit lead, List<Instant> reports, Instant assigned) {
    List<Instant> out = new ArrayList<>(reports.stream().filter(r -> !r.isBefore(assigned)).sorted().toList());
    if (lead.status() == UnitStatus.RETURNED && !out.isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private List<Draft> quarterly(Profile p, long lead, Instant assigned, List<Instant> reports, Instant horizon) {
    List<MonthDay> dates = p.quarterlyBy().stream().sorted().toList();
    List<Draft> out = new ArrayList<>();
    for (int year = assigned.atZone(Zones.SHANGHAI).getYear(); ; year++) {
      for (MonthDay date : dates) {
        LocalDate due = date.atYear(year);
        if (!endOf(due).isAfter(assigned)) {
          continue;
        }
        List<Draft> messages = messages(p, due, lead, Planned.QUARTERLY_REPORT_DUE);
        // a later date's messages are never earlier, so once one date's are all beyond the horizon, all are
        if (messages.stream().allMatch(d -> !d.dueAt().isBefore(horizon))) {
          return out;
        }
        Instant quarterStart = startOf(due.with(IsoFields.DAY_OF_QUARTER, 1));
        if (reports.stream().noneMatch(r -> !r.isBefore(quarterStart))) {
          out.addAll(messages);
        }
      }
    }
  }

  /** The reminders of one due date, and the early request for reasons if the profile has one. */
  private List<Draft> messages(Profile p, LocalDate due, long lead, String kind) {
    Reporting r = reporting.orElseThrow();
    List<Draft> out = new ArrayList<>();
    r.remindBefore().forEach(s -> out.add(at(s, due, lead, kind)));
    p.earlyReasonBefore().ifPresent(s -> out.add(at(s, due, lead, Planned.REPORT_REASON_EARLY)));
    out.sort(Comparator.comparing(Draft::dueAt));
    return out;
  }

  private Draft at(Span before, LocalDate due, long lead, String kind) {
    LocalDate day = before.before(due.atStartOfDay(Zones.SHANGHAI)).toLocalDate();
    while (!calendar.isWorkingDay(day)) {
      day = day.minusDays(1);
    }
    return Draft.toUnit(day.atTime(reporting.orElseThrow().time()).atZone(Zones.SHANGHAI), lead, kind, "R20");
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(Zones.SHANGHAI).toInstant();
  }

  /** 24:00 Shanghai time: the due day's last moment, exclusive. */
  private static Instant endOf(LocalDate day) {
    return startOf(day.plusDays(1));
  }
}
