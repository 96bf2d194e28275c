package org.duban.item;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An item's lifecycle state: what the pure {@link Lifecycle} decides on. Registration facts that
 * never change (title, text) live with the item's row and do not travel here; the source does, as
 * reporting deadlines depend on it (R20).
 *
 * @param source where the item came from (R02), as on the API: {@code meeting_decision}, {@code
 *     npc_cppcc_proposal}, ...
 */
public record Item(long id, String number, Status status, Board board, Kind kind, String source, long sponsorUnitId,
                   Optional<String> serviceObject, Optional<Node> node, Optional<Instant> explicitDeadline,
                   Optional<String> severity, Optional<Grade> grade, int agreementFailures, Optional<String> verification,
                   boolean keySupervision, boolean numberCancelled, Optional<Instant> assignedAt,
                   Optional<Instant> closedAt, Map<Long, ItemUnit> units, int version) {

  public Item {
    // insertion order (lead first) keeps events and views stable
    units = Collections.unmodifiableMap(new LinkedHashMap<>(units));
  }

  public ItemUnit lead() {
    return units.values().stream().filter(ItemUnit::lead).findFirst().orElseThrow();
  }

  public boolean hasUnit(long unitId) {
    return units.containsKey(unitId);
  }

  /** A unit is overdue only while the item is active: once completion is asked for, it owes nothing. */
  public boolean overdueAt(long unitId, Instant now) {
    return status == Status.ACTIVE && units.get(unitId).overdueAt(now);
  }

  public boolean isRectification() {
    return kind == Kind.RECTIFICATION;
  }

  Item withStatus(Status next) {
    return new Item(id, number, next, board, kind, source, sponsorUnitId, serviceObject, node, explicitDeadline, severity,
        grade, agreementFailures, verification, keySupervision, numberCancelled, assignedAt, closedAt, units, version);
  }

  Item withBoard(Board next) {
    return new Item(id, number, status, next, kind, source, sponsorUnitId, serviceObject, node, explicitDeadline, severity,
        grade, agreementFailures, verification, keySupervision, numberCancelled, assignedAt, closedAt, units, version);
  }

  Item withGrade(Optional<Grade> next) {
    return new Item(id, number, status, board, kind, source, sponsorUnitId, serviceObject, node, explicitDeadline, severity,
        next, agreementFailures, verification, keySupervision, numberCancelled, assignedAt, closedAt, units, version);
  }

  Item withAgreement(int failures, Optional<String> nextVerification) {
    return new Item(id, number, status, board, kind, source, sponsorUnitId, serviceObject, node, explicitDeadline, severity,
        grade, failures, nextVerification, keySupervision, numberCancelled, assignedAt, closedAt, units, version);
  }

  /** R16, R18: under key supervision, which is never lifted. */
  Item underKeySupervision() {
    return new Item(id, number, status, board, kind, source, sponsorUnitId, serviceObject, node, explicitDeadline, severity,
        grade, agreementFailures, verification, true, numberCancelled, assignedAt, closedAt, units, version);
  }

  Item assigned(Instant at) {
    return new Item(id, number, status, board, kind, source, sponsorUnitId, serviceObject, node, explicitDeadline, severity,
        grade, agreementFailures, verification, keySupervision, numberCancelled, Optional.of(at), closedAt, units, version);
  }

  Item closed(Instant at) {
    return new Item(id, number, Status.CLOSED, board, kind, source, sponsorUnitId, serviceObject, node, explicitDeadline,
        severity, grade, agreementFailures, verification, keySupervision, true, assignedAt, Optional.of(at), units, version);
  }

  /** R37: a failed re-check assigns the work anew: a fresh 60 days, and a fresh agreement where one is needed. */
  Item reopened(Instant at) {
    return new Item(id, number, Status.ACTIVE, board, kind, source, sponsorUnitId, serviceObject, node, explicitDeadline,
        severity, Optional.empty(), 0, Optional.empty(), keySupervision, false, Optional.of(at), Optional.empty(), units,
        version);
  }

  Item withUnit(long unitId, UnaryOperator<ItemUnit> change) {
    Map<Long, ItemUnit> next = new LinkedHashMap<>(units);
    next.computeIfPresent(unitId, (id, unit) -> change.apply(unit));
    return new Item(id, number, status, board, kind, source, sponsorUnitId, serviceObject, node, explicitDeadline, severity,
        grade, agreementFailures, verification, keySupervision, numberCancelled, assignedAt, closedAt, next, version);
  }

  Item withEveryUnit(UnaryOperator<ItemUnit> change) {
    Item result = this;
    for (Long unitId : List.copyOf(units.keySet())) result = result.withUnit(unitId, change);
    return result;
  }
}
