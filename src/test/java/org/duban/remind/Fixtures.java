package org.duban.remind;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.duban.item.Board;
import org.duban.item.Deadlines;
import org.duban.item.Item;
import org.duban.item.ItemUnit;
import org.duban.item.Kind;
import org.duban.item.Node;
import org.duban.item.Status;
import org.duban.item.UnitStatus;
import org.duban.time.CalendarData;
import org.duban.time.WorkCalendar;
import org.duban.time.Zones;

/**
 * Shared, pure building blocks for the planner tests: the shipped calendar and policy, items built
 * directly as records, Shanghai wall-clock times, and a one-line rendering of a planned message
 * so that whole plans compare as readable lists.
 */
final class Fixtures {
  static final WorkCalendar CALENDAR = WorkCalendar.of(CalendarData.shipped());
  static final ReminderPolicy POLICY = ReminderPolicy.shipped();
  static final Planner PLANNER = new Planner(POLICY, CALENDAR);

  /** A source with no reporting deadline of its own (R20), so that only the rule under test plans. */
  static final String NO_REPORTING_SOURCE = "province_13710";

  static final long ITEM = 7;
  static final long LEAD = 21;
  static final long COOP = 22;
  static final long COOP2 = 23;

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm");

  private Fixtures() {
  }

  /** A Shanghai wall-clock time such as {@code 2026-03-02 10:00} (R11). */
  static Instant sh(String localMinute) {
    return LocalDateTime.parse(localMinute, MINUTE).atZone(Zones.SHANGHAI).toInstant();
  }

  static Instant nodeDeadline(Node node, Instant assignedAt) {
    return Deadlines.forNode(node, assignedAt, CALENDAR, Deadlines.Policy.DEFAULT);
  }

  static ItemUnit unit(long id, boolean lead, UnitStatus status, Optional<Instant> deadline) {
    return new ItemUnit(id, lead, status, deadline, 0, Optional.empty(), Optional.empty());
  }

  static ItemUnit owing(long id, boolean lead, Instant deadline) {
    return unit(id, lead, UnitStatus.ASSIGNED, Optional.of(deadline));
  }

  static ItemUnit reported(long id, boolean lead, Instant deadline) {
    return unit(id, lead, UnitStatus.REPORTED, Optional.of(deadline));
  }

  /** An active item from the province's 13710 list; the first unit given should be the lead. */
  static Item item(Board board, Kind kind, Instant assignedAt, ItemUnit... units) {
    return item(NO_REPORTING_SOURCE, board, kind, assignedAt, units);
  }

  /** An active item from {@code source} (R02); the first unit given should be the lead. */
  static Item item(String source, Board board, Kind kind, Instant assignedAt, ItemUnit... units) {
    Map<Long, ItemUnit> byId = new LinkedHashMap<>();
    Arrays.stream(units).forEach(u -> byId.put(u.unitId(), u));
    return new Item(ITEM, "SZ-2026-0007", Status.ACTIVE, board, kind, source, 10, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty(), false, false,
        Optional.of(assignedAt), Optional.empty(), byId, 1);
  }

  static Item daily(Instant assignedAt, ItemUnit... units) {
    return item(Board.DAILY, Kind.MEETING_DECISION, assignedAt, units);
  }

  static Item keyTask(Instant assignedAt, ItemUnit... units) {
    return item(Board.KEY, Kind.KEY_TASK, assignedAt, units);
  }

  static Item withStatus(Item i, Status status) {
    return new Item(i.id(), i.number(), status, i.board(), i.kind(), i.source(), i.sponsorUnitId(), i.serviceObject(), i.node(),
        i.explicitDeadline(), i.severity(), i.grade(), i.agreementFailures(), i.verification(), i.keySupervision(),
        i.numberCancelled(), i.assignedAt(), i.closedAt(), i.units(), i.version());
  }

  static Item underKeySupervision(Item i) {
    return new Item(i.id(), i.number(), i.status(), i.board(), i.kind(), i.source(), i.sponsorUnitId(), i.serviceObject(), i.node(),
        i.explicitDeadline(), i.severity(), i.grade(), i.agreementFailures(), i.verification(), true,
        i.numberCancelled(), i.assignedAt(), i.closedAt(), i.units(), i.version());
  }

  static List<Planned> plan(Item item, String from, String until) {
    return PLANNER.plan(item, Map.of(), sh(from), sh(until));
  }

  static List<Planned> plan(Item item, Map<Long, List<Instant>> reports, String from, String until) {
    return PLANNER.plan(item, reports, sh(from), sh(until));
  }

  /** The shipped policy with one change made to its document. */
  static ReminderPolicy policyWith(UnaryOperator<JsonObject> change) {
    return ReminderPolicy.fromJson(change.apply(POLICY.toJson().copy()));
  }

  static List<String> lines(List<Planned> plan) {
    return plan.stream().map(Fixtures::line).toList();
  }

  static List<String> lines(List<Planned> plan, String... kinds) {
    return plan.stream().filter(p -> p.kinds().stream().anyMatch(List.of(kinds)::contains)).map(Fixtures::line).toList();
  }

  /**
   * {@code 2026-03-04 07:00 unit:21 urge R15,R21 due 03-03 22:00}: send time in Shanghai, recipient
   * and unit, kinds, rules, and the due time when it differs from the send time.
   */
  static String line(Planned p) {
    String send = local(p.sendAt()).format(MINUTE);
    String who = switch (p.recipient()) {
      case UNIT_RESPONSIBLE -> "unit";
      case SPONSOR_OFFICE -> "sponsor";
      case SUPERVISION_OFFICE -> "supervision";
    };
    String target = p.unitId().map(String::valueOf).orElse("item");
    String due = p.dueAt().equals(p.sendAt()) ? "" : " due " + local(p.dueAt()).format(SHORT);
    return send + " " + who + ":" + target + " " + String.join("+", p.kinds()) + " " + String.join(",", p.rules()) + due;
  }

  private static ZonedDateTime local(Instant t) {
    return t.atZone(Zones.SHANGHAI);
  }
}
