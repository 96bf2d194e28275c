package org.duban.remind;

import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duban.item.Item;
import org.duban.remind.ReminderPolicy.DayTime;
import org.duban.remind.ReminderPolicy.Monthly;
import org.duban.time.Zones;

/**
 * R18: the lead unit of a key task or major reform reports its progress by the end of every month
 * (Shanghai months, from the month of assignment on). After a month without a report the chain
 * runs in the next month: the system urges the lead, then the sponsor is asked to urge, then the
 * item is handed to the supervision office.
 *
 * <p>Reading: a report that comes after the month ended but before that month's hand-off answers
 * the month it was late for: it stops what is left of the chain, and it is not also counted as the
 * next month's report (重点工作任务督办制度 四(一) asks for "本月的落实进展情况", this month's progress).
 * Months that have not ended are assumed to end without a report.
 */
final class MonthlyRules {
  private final Monthly monthly;

  MonthlyRules(ReminderPolicy policy) {
    this.monthly = policy.monthly();
  }

  List<Draft> plan(Item item, Map<Long, List<Instant>> reportTimesByUnit, Instant horizon) {
    if (item.assignedAt().isEmpty() || !monthly.appliesTo(item)) {
      return List.of();
    }
    long lead = item.lead().unitId();
    List<Instant> unused = new ArrayList<>(reportTimesByUnit.getOrDefault(lead, List.of()));
    unused.sort(null);
    List<Draft> out = new ArrayList<>();
    YearMonth month = YearMonth.from(item.assignedAt().get().atZone(Zones.SHANGHAI));
    for (; start(month.plusMonths(1)).isBefore(horizon); month = month.plusMonths(1)) {
      if (reportedIn(month, unused)) {
        continue;
      }
      Optional<Instant> late = lateReport(month, unused);
      late.ifPresent(unused::remove);
      chain(month, lead).stream().filter(d -> late.isEmpty() || d.dueAt().isBefore(late.get())).forEach(out::add);
    }
    return out;
  }

  private static boolean reportedIn(YearMonth month, List<Instant> reports) {
    return reports.stream().anyMatch(r -> !r.isBefore(start(month)) && r.isBefore(start(month.plusMonths(1))));
  }

  private Optional<Instant> lateReport(YearMonth month, List<Instant> reports) {
    Instant handOff = at(month.plusMonths(1), monthly.handOff());
    return reports.stream().filter(r -> !r.isBefore(start(month.plusMonths(1))) && r.isBefore(handOff)).findFirst();
  }

  private List<Draft> chain(YearMonth missed, long lead) {
    YearMonth next = missed.plusMonths(1);
    List<Draft> out = new ArrayList<>();
    for (int day = 1; day <= monthly.urgeDays(); day++) {
      for (LocalTime time : monthly.urgeTimes()) {
        out.add(Draft.toUnit(next.atDay(day).atTime(time).atZone(Zones.SHANGHAI), lead, Planned.MONTHLY_URGE, "R18"));
      }
    }
    out.add(new Draft(at(next, monthly.sponsorUrge()), Optional.of(lead), Recipient.SPONSOR_OFFICE,
        Planned.MONTHLY_SPONSOR_URGE, "R18"));
    out.add(new Draft(at(next, monthly.handOff()), Optional.empty(), Recipient.SUPERVISION_OFFICE,
        Planned.MONTHLY_HAND_OFF, "R18"));
    return out;
  }

  private static Instant at(YearMonth month, DayTime moment) {
    return month.atDay(moment.day()).atTime(moment.time()).atZone(Zones.SHANGHAI).toInstant();
  }

  /** Midnight in Shanghai, not UTC, opens a month (R11). */
  private static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay(Zones.SHANGHAI).toInstant();
  }
}
