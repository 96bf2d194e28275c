package org.duban.item;

import java.time.Instant;
import java.util.Optional;

/** One unit's part in an item: lead or cooperating, with its own deadline and state. */
public record ItemUnit(long unitId, boolean lead, UnitStatus status, Optional<Instant> deadline, int returns,
                       Optional<Instant> lastReportedAt, Optional<Extension> extension) {

  static ItemUnit assignedLater(long unitId, boolean lead) {
    return new ItemUnit(unitId, lead, UnitStatus.ASSIGNED, Optional.empty(), 0, Optional.empty(), Optional.empty());
  }

  ItemUnit withStatus(UnitStatus next) {
    return new ItemUnit(unitId, lead, next, deadline, returns, lastReportedAt, extension);
  }

  ItemUnit withDeadline(Instant next) {
    return new ItemUnit(unitId, lead, status, Optional.of(next), returns, lastReportedAt, extension);
  }

  ItemUnit reported(Instant at) {
    return new ItemUnit(unitId, lead, UnitStatus.REPORTED, deadline, returns, Optional.of(at), extension);
  }

  ItemUnit returned() {
    return new ItemUnit(unitId, lead, UnitStatus.RETURNED, deadline, returns + 1, lastReportedAt, extension);
  }

  ItemUnit withExtension(Extension next) {
    return new ItemUnit(unitId, lead, status, deadline, returns, lastReportedAt, Optional.of(next));
  }

  Optional<Extension> pendingExtension() {
    return extension.filter(e -> e.state() == Extension.State.REQUESTED);
  }

  /** Overdue: the deadline passed and nothing acceptable is in. */
  public boolean overdueAt(Instant now) {
    return deadline.filter(now::isAfter).isPresent() && (status == UnitStatus.ASSIGNED || status == UnitStatus.RETURNED);
  }
}
