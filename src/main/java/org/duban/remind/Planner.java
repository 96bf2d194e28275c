package org.duban.remind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.duban.item.Item;
import org.duban.item.Status;
import org.duban.time.WorkCalendar;

/**
 * Plans every message an item will trigger under a {@link ReminderPolicy} (R13-R21), in
 * Asia/Shanghai whatever the JVM's zone (R11). Pure: no clock, no I/O, the same inputs give the
 * same list, keys included.
 *
 * <p>The plan assumes nothing changes: no further report comes, no deadline moves. Cancelling is
 * re-planning after a change (R14): what the old plan had and the new one lacks is cancelled.
 *
 * <p>Only an {@link Status#ACTIVE active} item plans anything: a draft is not yet assigned, and once
 * completion is asked for, no unit owes a report; so R20's report due 20 days after completion is
 * not planned either.
 */
public final class Planner {
  private static final Comparator<Planned> BY_SEND_TIME = Comparator.comparing(Planned::sendAt).thenComparing(Planned::key);

  private final ReminderPolicy policy;
  private final DeadlineRules deadlines;
  private final PeriodicRules periodic;
  private final MonthlyRules monthly;
  private final ReportingRules reporting;
  private final Merger merger;

  public Planner(ReminderPolicy policy, WorkCalendar calendar) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.deadlines = new DeadlineRules(policy);
    this.periodic = new PeriodicRules(policy, Objects.requireNonNull(calendar, "calendar"));
    this.monthly = new MonthlyRules(policy);
    this.reporting = new ReportingRules(policy, calendar);
    this.merger = new Merger(policy);
  }

  /**
   * The messages {@code item} will trigger with a send time in {@code [from, until)}, sorted by send
   * time, then key.
   *
   * @param reportTimesByUnit when each unit reported, by unit ID; R18 and R20 read the lead unit's (a
   *     unit missing from the map has reported nothing)
   * @param until exclusive; the repeating reminders (R17-R20) are planned up to it, so keep it within
   *     a few years of the item
   */
  public List<Planned> plan(Item item, Map<Long, List<Instant>> reportTimesByUnit, Instant from, Instant until) {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(reportTimesByUnit, "reportTimesByUnit");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (item.status() != Status.ACTIVE || !from.isBefore(until)) {
      return List.of();
    }
    // a group that opens just before `until` takes in members up to one merge window later
    Instant horizon = until.plus(policy.mergeWindow().fixedLength().orElseThrow());
    List<Draft> drafts = drafts(item, reportTimesByUnit, horizon).stream()
        .filter(d -> d.dueAt().isBefore(horizon))
        .filter(d -> item.assignedAt().map(a -> !d.dueAt().isBefore(a)).orElse(true))
        .toList();
    return merger.merge(item.id(), drafts).stream()
        .filter(p -> !p.sendAt().isBefore(from) && p.sendAt().isBefore(until))
        .sorted(BY_SEND_TIME)
        .toList();
  }

  /** Every rule's messages; those due before assignment are dropped by the caller, as nobody could have sent them. */
  private List<Draft> drafts(Item item, Map<Long, List<Instant>> reportTimesByUnit, Instant horizon) {
    List<Draft> out = new ArrayList<>(deadlines.plan(item));
    out.addAll(periodic.weekly(item, horizon));
    out.addAll(monthly.plan(item, reportTimesByUnit, horizon));
    out.addAll(periodic.quarterly(item, horizon));
    out.addAll(reporting.plan(item, reportTimesByUnit, horizon));
    return out;
  }

  public ReminderPolicy policy() {
    return policy;
  }
}
