package org.duban.item;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.auth.Principal;
import org.duban.auth.Role;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for who sees a unit's own part of a shared item (R03, R60). Everyone who may see an item
 * sees the item's own state: its status, board, grade, key supervision, the parties (which unit leads,
 * which cooperate) and each unit's deadline, which is the item's schedule. A unit's report state - its
 * report status, returns, last report time, whether it is overdue, its extension request, its reports
 * and files, the events of its reports and requests, the messages sent to it - is seen by the sponsor
 * side (sponsor office, supervision office, leaders, administrators) for every unit, and by a liaison for
 * their own unit only: a cooperating unit is not told of the lead unit's returns, nor the lead of a
 * cooperating unit's. Every view of an item or of its units goes through here.
 */
public final class PerUnitState {
  /** The fields of a unit's entry on an item that are its report state. */
  static final List<String> UNIT_FIELDS = List.of("status", "returns", "lastReportedAt", "overdue", "extension");
  /**
   * Events that record one unit's reports and requests. The others, even when a unit acted, change the
   * item itself (an assignment's deadline, a granted extension's new board and dates, a completion request,
   * the service object's answer) and are shown to every party.
   */
  static final Set<String> UNIT_EVENTS = Set.of("reported", "returned", "accepted", "extension_requested", "extension_refused");

  private PerUnitState() {
  }

  /** The one unit whose report state the reader sees, or empty when they see every unit's. */
  public static Optional<Long> onlyUnit(Principal who) {
    // a liaison without a unit sees no unit's state, not every unit's
    return who.is(Role.LIAISON) ? Optional.of(who.unitId().orElse(-1L)) : Optional.empty();
  }

  /**
   * Whether the reader sees what belongs to this unit: its state, its reports, messages sent to it. A
   * null unit (a message to the sponsor or the supervision office) belongs to no unit, so no liaison's.
   */
  public static boolean shows(Principal who, Long unitId) {
    return onlyUnit(who).map(own -> own.equals(unitId)).orElse(true);
  }

  /**
   * An event of the item's timeline, as the reader may see it. Unread counts apply the same rule in SQL
   * ({@link ReadMarks}); {@code ReadMarkTest} holds the count to the timeline this shows.
   */
  static boolean showsEvent(Principal who, JsonObject event) {
    Long unitId = event.getLong("unitId");
    return unitId == null || !UNIT_EVENTS.contains(event.getString("type")) || shows(who, unitId);
  }

  /**
   * The item as the reader may see it: another unit's entry keeps who it is, its role and deadline; the
   * item's overdue flag, being derived from the units' states, counts the units the reader sees.
   */
  static JsonObject item(Principal who, JsonObject item) {
    if (onlyUnit(who).isEmpty()) return item;
    JsonArray units = new JsonArray(item.getJsonArray("units").stream().map(u -> (JsonObject) u)
        .map(u -> shows(who, u.getLong("unitId")) ? u : withoutState(u)).toList());
    boolean overdue = units.stream().map(u -> (JsonObject) u).anyMatch(u -> u.getBoolean("overdue", false));
    return item.copy().put("units", units).put("overdue", overdue);
  }

  private static JsonObject withoutState(JsonObject unit) {
    JsonObject party = unit.copy();
    UNIT_FIELDS.forEach(party::remove);
    return party;
  }
}
