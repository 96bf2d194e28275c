package org.duban.remind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.duban.item.Item;
import org.duban.item.ItemUnit;
import org.duban.item.UnitStatus;
import org.duban.remind.ReminderPolicy.UrgeBand;
import org.duban.time.Zones;

/**
 * The messages a unit's deadline causes while the unit owes a report (R13-R16).
 *
 * <p>R14: a unit that has reported (or whose report was accepted) owes nothing, so it gets none of
 * them, neither the reminder it answered nor the later ones of its node; a returned report makes
 * it owe again (R30), and its reminders come back, counted from the same deadline.
 */
final class DeadlineRules {
  private final ReminderPolicy policy;

  DeadlineRules(ReminderPolicy policy) {
    this.policy = policy;
  }

  List<Draft> plan(Item item) {
    List<Draft> out = new ArrayList<>();
    owing(item).forEach(unit -> unit(unit, out));
    keySupervision(item).ifPresent(out::add);
    return out;
  }

  /** Units with a deadline that still owe a report: nothing in yet, or the last report returned. */
  static Stream<ItemUnit> owing(Item item) {
    return item.units().values().stream()
        .filter(u -> u.deadline().isPresent())
        .filter(u -> u.status() == UnitStatus.ASSIGNED || u.status() == UnitStatus.RETURNED);
  }

  private void unit(ItemUnit unit, List<Draft> out) {
    ZonedDateTime deadline = unit.deadline().orElseThrow().atZone(Zones.SHANGHAI);
    long id = unit.unitId();
    policy.deadline().before().forEach(s -> out.add(Draft.toUnit(s.before(deadline), id, Planned.BEFORE_DEADLINE, "R13")));
    policy.deadline().after().forEach(s -> out.add(Draft.toUnit(s.after(deadline), id, Planned.AFTER_DEADLINE, "R13")));
    urges(deadline, id, out);
    Instant sponsor = policy.escalation().sponsor().after(deadline).toInstant();
    out.add(new Draft(sponsor, Optional.of(id), Recipient.SPONSOR_OFFICE, Planned.ESCALATE_SPONSOR, "R16"));
  }

  // R15: each band runs from the end of the one before it to its own end, that end included
  private void urges(ZonedDateTime deadline, long unitId, List<Draft> out) {
    Duration start = Duration.ZERO;
    for (UrgeBand band : policy.urgeBands()) {
      Duration end = band.until().fixedLength().orElseThrow();
      Duration step = band.every().fixedLength().orElseThrow();
      for (Duration t = start.plus(step); t.compareTo(end) <= 0; t = t.plus(step)) {
        out.add(Draft.toUnit(deadline.plus(t), unitId, Planned.URGE, "R15"));
      }
      start = end;
    }
  }

  // R16: the item enters key supervision once, when its first owing unit is overdue long enough
  private Optional<Draft> keySupervision(Item item) {
    if (item.keySupervision()) {
      return Optional.empty();
    }
    return owing(item).map(u -> u.deadline().orElseThrow()).min(Instant::compareTo)
        .map(d -> policy.escalation().keySupervision().after(d.atZone(Zones.SHANGHAI)).toInstant())
        .map(at -> new Draft(at, Optional.empty(), Recipient.SUPERVISION_OFFICE, Planned.KEY_SUPERVISION, "R16"));
  }
}
