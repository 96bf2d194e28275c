package org.duban.remind;

import io.vertx.core.json.JsonObject;
import org.duban.item.Deadlines;
import org.duban.item.Item;
import org.duban.item.ItemUnit;
import org.duban.time.CalendarMark;
import org.duban.time.WorkCalendar;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * R12: whether a message's time can be trusted to the calendar. A message depends on the year it is due
 * and sent in; one counted from a unit's deadline (R13-R16) depends on whatever that deadline depends
 * on, so a reminder in a known year before a deadline in an unknown one is marked too.
 */
final class MessageMarks {
  /** The kinds counted from a deadline rather than from assignment, a month or a quarter. */
  static final Set<String> FROM_DEADLINE = Set.of(Planned.BEFORE_DEADLINE, Planned.AFTER_DEADLINE, Planned.URGE,
      Planned.ESCALATE_SPONSOR, Planned.KEY_SUPERVISION);

  private MessageMarks() {
  }

  static CalendarMark of(WorkCalendar calendar, Item item, Instant dueAt, Instant sendAt, Collection<String> kinds,
                         Optional<Long> unitId) {
    CalendarMark own = CalendarMark.at(calendar, dueAt).plus(CalendarMark.at(calendar, sendAt));
    if (kinds.stream().noneMatch(FROM_DEADLINE::contains)) return own;
    // a message about the whole item (key supervision) counts from the earliest deadline owed: any unit's may be it
    return item.units().values().stream()
        .filter(u -> unitId.map(id -> id == u.unitId()).orElse(true))
        .map(ItemUnit::deadline).flatMap(Optional::stream)
        .map(deadline -> Deadlines.mark(calendar, item, deadline))
        .reduce(own, CalendarMark::plus);
  }

  /** A message as {@link PlanRepository#ofItem} gives it. */
  static CalendarMark ofStored(WorkCalendar calendar, Item item, JsonObject message) {
    return of(calendar, item, Instant.parse(message.getString("dueAt")), Instant.parse(message.getString("sendAt")),
        message.getJsonArray("kinds").stream().map(String.class::cast).toList(), Optional.ofNullable(message.getLong("unitId")));
  }

  static CalendarMark of(WorkCalendar calendar, Item item, Planned planned) {
    return of(calendar, item, planned.dueAt(), planned.sendAt(), planned.kinds(), planned.unitId());
  }
}
