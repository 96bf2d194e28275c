package org.duban.item;

import org.duban.time.CalendarMark;
import org.duban.time.CalendarYear;
import org.duban.time.WorkCalendar;
import org.duban.time.Zones;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When a unit's time is up (R10, R11, R12, R36). Pure: the same inputs always give the same deadline.
 *
 * <p>Reading: a node runs from the moment of assignment, in Asia/Shanghai, by calendar days (or a
 * calendar month); when it would end on a day off, it moves to the same time on the next working day
 * ({@link Policy#rollToWorkingDay}), so that no unit is due on a holiday.
 */
public final class Deadlines {
  /** R36: ordinary rectifications within 7 days, major or complex ones within 30, never beyond 60. */
  static final Duration RECTIFICATION_ORDINARY = Duration.ofDays(7);
  static final Duration RECTIFICATION_MAJOR = Duration.ofDays(30);
  static final Duration RECTIFICATION_CAP = Duration.ofDays(60);
  /** R32: an extension must be asked at least this long before the deadline. */
  static final Duration EXTENSION_NOTICE = Duration.ofDays(2);

  /** The farthest a roll to a working day can move a deadline: the longest break a notice allows, and a weekend. */
  static final int LONGEST_ROLL_DAYS = CalendarYear.MAX_HOLIDAY_SPAN_DAYS + 2;

  public record Policy(boolean rollToWorkingDay) {
    public static final Policy DEFAULT = new Policy(true);
  }

  private Deadlines() {
  }

  public static Instant forNode(Node node, Instant assignedAt, WorkCalendar calendar, Policy policy) {
    ZonedDateTime end = assignedAt.atZone(Zones.SHANGHAI).plus(node.period);
    return (policy.rollToWorkingDay() ? onWorkingDay(end, calendar) : end).toInstant();
  }

  /** The plain limit of a rectification, before any move to a working day. */
  static Instant forRectification(boolean major, Instant assignedAt) {
    return assignedAt.plus(major ? RECTIFICATION_MAJOR : RECTIFICATION_ORDINARY);
  }

  public static Instant forRectification(boolean major, Instant assignedAt, WorkCalendar calendar, Policy policy) {
    ZonedDateTime end = assignedAt.plus(major ? RECTIFICATION_MAJOR : RECTIFICATION_ORDINARY).atZone(Zones.SHANGHAI);
    return (policy.rollToWorkingDay() ? onWorkingDay(end, calendar) : end).toInstant();
  }

  /** The first deadline an item's units get at assignment. */
  static Instant initial(Item item, Instant assignedAt, WorkCalendar calendar, Policy policy) {
    if (item.explicitDeadline().isPresent()) return item.explicitDeadline().get();
    if (item.node().isPresent()) return forNode(item.node().get(), assignedAt, calendar, policy);
    return forRectification(item.severity().filter("major"::equals).isPresent(), assignedAt, calendar, policy);
  }

  /**
   * R12: whether a unit's deadline can be trusted to the calendar. It depends on the year it falls in,
   * and, when it was rolled off days off from the node's plain end, on every year the roll crossed. A
   * deadline later than the plain end by more than any roll can move one was set otherwise (an extension,
   * a re-check) and depends on its own day only.
   */
  public static CalendarMark mark(WorkCalendar calendar, Instant deadline, Optional<Instant> plainEnd) {
    LocalDate due = Zones.localDate(deadline);
    LocalDate from = plainEnd.map(Zones::localDate)
        .filter(end -> !end.isAfter(due) && !end.plusDays(LONGEST_ROLL_DAYS).isBefore(due))
        .orElse(due);
    return CalendarMark.across(calendar, from, due);
  }

  /** {@link #mark(WorkCalendar, Instant, Optional)} for one of the item's deadlines. */
  public static CalendarMark mark(WorkCalendar calendar, Item item, Instant deadline) {
    return mark(calendar, deadline, plainEnd(item.node(), item.isRectification(), item.severity(), item.explicitDeadline(),
        item.assignedAt()));
  }

  /** Where the node (or the rectification's limit) ends before any move to a working day; none for a given deadline. */
  static Optional<Instant> plainEnd(Optional<Node> node, boolean rectification, Optional<String> severity,
                                    Optional<Instant> explicit, Optional<Instant> assignedAt) {
    if (explicit.isPresent() || assignedAt.isEmpty()) return Optional.empty();
    if (node.isPresent()) return Optional.of(assignedAt.get().atZone(Zones.SHANGHAI).plus(node.get().period).toInstant());
    if (rectification) return Optional.of(forRectification(severity.filter("major"::equals).isPresent(), assignedAt.get()));
    return Optional.empty();
  }

  /**
   * R10, R12: whether a unit's deadline is the one its item's node (or its rectification's limit, R36)
   * gave it at assignment, and so follows the calendar. Not when the item has an explicit deadline (set by
   * hand at registration), nor when an extension (R32) or a re-check (R37) ever set the item's dates
   * ({@code setOtherwise}, from the timeline); and only when the deadline stands where a node puts one:
   * at the plain end's time of day, on the plain end's day or at most a roll later.
   */
  static boolean fromNode(Item item, ItemUnit unit, boolean setOtherwise) {
    if (setOtherwise || unit.deadline().isEmpty()) return false;
    Optional<Instant> plain = plainEnd(item.node(), item.isRectification(), item.severity(), item.explicitDeadline(), item.assignedAt());
    if (plain.isEmpty()) return false;
    ZonedDateTime end = plain.get().atZone(Zones.SHANGHAI);
    ZonedDateTime due = unit.deadline().get().atZone(Zones.SHANGHAI);
    return due.toLocalTime().equals(end.toLocalTime()) && !due.toLocalDate().isBefore(end.toLocalDate())
        && !due.toLocalDate().isAfter(end.toLocalDate().plusDays(LONGEST_ROLL_DAYS));
  }

  /**
   * R10, R12 after a year's notice is imported: the units whose node-derived deadline ({@link #fromNode})
   * falls elsewhere on {@code calendar}, with where it falls now, counted from the item's assignment.
   *
   * <p>Reading: a deadline moves only LATER, when the day it fell on turns out to be a day off, so that no
   * unit is due on a holiday. It never moves earlier: a make-up working day (调休) that would make an
   * earlier day a working day does not shorten a time a unit was already told; such a deadline stays.
   */
  static Map<Long, Instant> recalendared(Item item, boolean setOtherwise, WorkCalendar calendar, Policy policy) {
    Map<Long, Instant> moves = new LinkedHashMap<>();
    if (item.assignedAt().isEmpty()) return moves;
    Instant recounted = initial(item, item.assignedAt().get(), calendar, policy);
    for (ItemUnit unit : item.units().values()) {
      if (fromNode(item, unit, setOtherwise) && recounted.isAfter(unit.deadline().get())) moves.put(unit.unitId(), recounted);
    }
    return moves;
  }

  private static ZonedDateTime onWorkingDay(ZonedDateTime end, WorkCalendar calendar) {
    ZonedDateTime moved = end;
    while (!calendar.isWorkingDay(moved.toLocalDate())) moved = moved.plusDays(1);
    return moved;
  }
}
