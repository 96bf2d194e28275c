package org.duban.remind;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/** One rule's message before quiet hours and merging: exactly one kind, exactly one rule. */
record Draft(Instant dueAt, Optional<Long> unitId, Recipient recipient, String kind, String rule) {

  static Draft toUnit(ZonedDateTime at, long unitId, String kind, String rule) {
    return new Draft(at.toInstant(), Optional.of(unitId), Recipient.UNIT_RESPONSIBLE, kind, rule);
  }
}
