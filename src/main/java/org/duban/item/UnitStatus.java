package org.duban.item;

/** Where one unit on an item stands with its reports. */
public enum UnitStatus {
  /** nothing submitted since assignment (or since its work was sent back) */
  ASSIGNED,
  /** a report is in, awaiting the sponsor */
  REPORTED,
  /** the sponsor accepted the latest report */
  ACCEPTED,
  /** the sponsor returned the latest report; the unit must submit again (R30) */
  RETURNED
}
